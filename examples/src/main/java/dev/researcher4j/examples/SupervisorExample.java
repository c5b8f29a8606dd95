package dev.researcher4j.examples;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.AgentTool;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.model.OpenAiChatModel;
import dev.researcher4j.core.tool.ToolPolicy;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.tools.web.read.PageReader;
import dev.researcher4j.tools.web.read.ReadPageTool;
import dev.researcher4j.tools.web.search.WebSearch;
import dev.researcher4j.tools.web.search.WebSearchTool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A supervisor that splits a question into sub-questions and sends sub-researchers after them in
 * parallel; each sub-run is its own trajectory, linked from the supervisor's.
 */
public final class SupervisorExample {
  private SupervisorExample() {}

  /** Runs the example against the model configured in the environment. */
  public static void main(String[] args) {
    ChatModel model = OpenAiChatModel.fromEnv();
    List<Tool> webTools =
        List.of(
            WebSearchTool.of(WebSearch.fromEnvironment()),
            ReadPageTool.of(PageReader.ofDefaults()));
    Trajectory run =
        supervise(
            model, webTools, Path.of("runs"), "Compare the 2024 energy mix of France and Germany.");
    System.out.println(run.requireOutcome().report());
  }

  // README:supervisor
  static Trajectory supervise(ChatModel model, List<Tool> webTools, Path runs, String question) {
    JsonlTrajectorySink sink = JsonlTrajectorySink.inDirectory(runs); // one file per run
    ResearchAgent researcher =
        ResearchAgent.builder().chatModel(model).tools(webTools).trajectorySink(sink).build();
    ResearchAgent supervisor =
        ResearchAgent.builder()
            .chatModel(model)
            // research(question): calls of one turn run in parallel, each a full sub-run
            .tool(
                AgentTool.of(researcher),
                ToolPolicy.custom().timeout(Duration.ofMinutes(15)).build())
            .maxParallelToolCalls(4)
            .trajectorySink(sink)
            .build();
    return supervisor.run(Task.of(question)); // sub-run ids: step.toolExecutions().childRunIds()
  }

  // README:end

  /** The outcome of a supervised run, for tests. */
  static Outcome outcome(Trajectory run) {
    return run.requireOutcome();
  }
}
