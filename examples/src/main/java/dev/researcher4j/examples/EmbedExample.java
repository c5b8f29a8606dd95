package dev.researcher4j.examples;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.model.OpenAiChatModel;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.tools.web.read.PageReader;
import dev.researcher4j.tools.web.read.ReadPageTool;
import dev.researcher4j.tools.web.search.WebSearch;
import dev.researcher4j.tools.web.search.WebSearchTool;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The README's "embed it" example: a research agent with web search and a page reader, answering
 * one question with a cited report and leaving its trajectory in a directory.
 */
public final class EmbedExample {
  private EmbedExample() {}

  /** Runs the example against the model configured in the environment. */
  public static void main(String[] args) {
    Outcome outcome = research(OpenAiChatModel.fromEnv(), Path.of("runs"), String.join(" ", args));
    System.out.println(outcome.report());
  }

  // README:embed
  static Outcome research(ChatModel model, Path runs, String question) {
    ResearchAgent agent =
        ResearchAgent.builder()
            .chatModel(model) // e.g. OpenAiChatModel.fromEnv()
            .tools(
                WebSearchTool.of(WebSearch.fromEnvironment()), // Tavily, Brave, … or keyless
                ReadPageTool.of(PageReader.ofDefaults())) // fetch → clean text, PDFs too
            .budget(Budget.builder().maxSteps(30).maxTime(Duration.ofMinutes(10)).build())
            .trajectorySink(JsonlTrajectorySink.inDirectory(runs)) // <runId>.jsonl per run
            .build(); // immutable and thread-safe: share one agent

    Trajectory run = agent.run(Task.of(question)); // blocks; runAsync(...) to cancel
    Outcome outcome = run.requireOutcome();
    System.out.println(outcome.answer() + " (" + outcome.stopReason() + ")");
    outcome.sources().forEach(s -> System.out.println(s.id() + "  " + s.url()));
    return outcome; // outcome.report(): Markdown citing [S1], [S2] … with references
  }
  // README:end
}
