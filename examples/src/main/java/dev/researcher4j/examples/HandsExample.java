package dev.researcher4j.examples;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.human.AskUserTool;
import dev.researcher4j.core.human.HumanChannel;
import dev.researcher4j.core.human.HumanReply;
import dev.researcher4j.core.tool.ToolPolicy;
import dev.researcher4j.tools.code.RunCodeTool;
import dev.researcher4j.tools.code.SandboxLimits;
import dev.researcher4j.tools.mcp.McpConnection;
import dev.researcher4j.tools.mcp.McpTools;
import dev.researcher4j.tools.web.read.PageReader;
import dev.researcher4j.tools.web.read.ReadPageTool;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The agent's other hands: sandboxed Python ({@code run_code}), questions to the person it works
 * for ({@code ask_user}), and the tools of MCP servers. The README's snippets come from here.
 */
public final class HandsExample {
  private HandsExample() {}

  /** An agent that computes with sandboxed Python. */
  static Trajectory withCode(ChatModel model, String question) {
    try (RunCodeTool code =
        RunCodeTool.create(
            SandboxLimits.custom()
                .timeLimit(Duration.ofSeconds(10))
                .maxOutputChars(5_000)
                .build())) {
      ResearchAgent agent =
          ResearchAgent.builder()
              .chatModel(model)
              .tools(ReadPageTool.of(PageReader.ofDefaults()))
              .tool(code, code.policy()) // no cache of repeated calls; outlasts the time limit
              .build();
      return agent.run(Task.of(question)); // each run gets its own Python, closed at its end
    }
  }

  /** An agent that may ask the person it works for, answered from a UI's future. */
  static Trajectory withQuestions(
      ChatModel model, String question, Map<String, CompletableFuture<String>> inbox) {
    HumanChannel channel =
        asked -> {
          CompletableFuture<String> answer = new CompletableFuture<>();
          inbox.put(asked.question(), answer); // your UI completes it; null = "won't answer"
          return answer.thenApply(a -> a == null ? HumanReply.declined("") : HumanReply.answer(a));
        };
    AskUserTool ask =
        AskUserTool.builder(channel)
            .timeout(Duration.ofMinutes(2)) // then: "go on with a stated assumption"
            .maxQuestions(2) // per run
            .build();
    ResearchAgent agent = ResearchAgent.builder().chatModel(model).tool(ask, ask.policy()).build();
    return agent.run(Task.of(question));
  }

  /** An agent whose e-mail tool sends nothing without the person's approval of each mail. */
  static Trajectory withApprovals(
      ChatModel model, Tool sendEmail, HumanChannel channel, String question) {
    ResearchAgent agent =
        ResearchAgent.builder()
            .chatModel(model)
            .tool(
                sendEmail,
                ToolPolicy.custom().requiresApproval("sends e-mail in your name").build())
            .humanChannel(channel) // its requestApproval(...) decides; required with a gated tool
            .build();
    return agent.run(Task.of(question));
  }

  /** An agent using the tools of an MCP server started as a subprocess. */
  static Trajectory withMcpServer(ChatModel model, String question) {
    McpConnection server =
        McpConnection.stdio("npx", "-y", "@modelcontextprotocol/server-filesystem", "/data")
            .withToolPrefix("fs_") // fs_read_file, fs_list_directory, …
            .withRequestTimeout(Duration.ofSeconds(30));
    try (McpTools fs = McpTools.from(server)) { // starts it, initialises, lists its tools
      ResearchAgent agent = ResearchAgent.builder().chatModel(model).tools(fs.tools()).build();
      return agent.run(Task.of(question)); // a server that dies: error observations, run goes on
    }
  }
}
