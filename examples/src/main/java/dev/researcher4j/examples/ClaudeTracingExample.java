package dev.researcher4j.examples;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.model.anthropic.AnthropicChatModel;
import dev.researcher4j.otel.OpenTelemetryListener;
import dev.researcher4j.tools.web.read.PageReader;
import dev.researcher4j.tools.web.read.ReadPageTool;
import dev.researcher4j.tools.web.search.WebSearch;
import dev.researcher4j.tools.web.search.WebSearchTool;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.List;

/**
 * Claude through Anthropic's Messages API, with extended thinking, traced with OpenTelemetry.
 * Without an OpenTelemetry SDK installed (the OpenTelemetry Java agent, or one configured in code)
 * the tracing costs nothing.
 */
public final class ClaudeTracingExample {
  private ClaudeTracingExample() {}

  /** Runs the example with {@code ANTHROPIC_API_KEY} from the environment. */
  public static void main(String[] args) {
    List<Tool> tools =
        List.of(
            WebSearchTool.of(WebSearch.fromEnvironment()),
            ReadPageTool.of(PageReader.ofDefaults()));
    ResearchAgent agent = tracedClaudeAgent(GlobalOpenTelemetry.get(), tools);
    System.out.println(
        agent
            .run(Task.of("Which element has the highest melting point?"))
            .requireOutcome()
            .report());
  }

  // README:claude
  static ResearchAgent tracedClaudeAgent(OpenTelemetry otel, List<Tool> tools) {
    ChatModel claude =
        AnthropicChatModel.builder()
            .apiKey(System.getenv("ANTHROPIC_API_KEY"))
            .model("claude-sonnet-4-5")
            .thinkingBudget(4096) // extended thinking; its blocks go back to the API unchanged
            .build();
    return ResearchAgent.builder()
        .chatModel(claude)
        .tools(tools)
        .listener(OpenTelemetryListener.create(otel)) // invoke_agent, chat, execute_tool spans
        .build();
  }
  // README:end
}
