package dev.researcher4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Agent;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.internal.cite.SourceIds;
import dev.researcher4j.core.tool.ToolArgumentsException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * An {@link Agent} as a tool: the calling agent delegates a sub-question ({@code research(question,
 * instructions?)}) and gets back the sub-agent's answer and cited report. Calls of one turn run in
 * parallel, so a supervisor can send out several sub-researchers at once.
 *
 * <p>The sub-run is linked from the parent's tool execution ({@link
 * dev.researcher4j.api.ToolExecution#childRunIds()}); a {@link ResearchAgent} sub-run also records
 * the parent's run id in its header. The sources the sub-report cites are registered with the
 * parent run, and the report's citations renumbered to the parent's ids, so the parent can cite
 * them and verify its claims against them. Cancelling the parent interrupts the sub-run, which ends
 * as cancelled.
 *
 * <p>Give the tool a {@link dev.researcher4j.core.tool.ToolPolicy} with a timeout long enough for a
 * whole sub-run (the default two minutes is short for research). Thread-safe if the agent is.
 */
public final class AgentTool implements Tool {

  /** Default tool name. */
  public static final String DEFAULT_NAME = "research";

  /** Default description. */
  public static final String DEFAULT_DESCRIPTION =
      "Delegates one focused research sub-question to a research assistant, which searches and"
          + " reads sources on its own and returns a short answer with a cited report. Ask one"
          + " self-contained question per call (include the context it needs); make several calls"
          + " in the same turn to research independent sub-questions in parallel.";

  private final Agent agent;
  private final ToolSpec spec;

  private AgentTool(Agent agent, String name, String description) {
    this.agent = agent;
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    properties
        .putObject("question")
        .put("type", "string")
        .put("description", "the sub-question, self-contained: the assistant sees nothing else");
    properties
        .putObject("instructions")
        .put("type", "string")
        .put("description", "optional guidance: scope, what to focus on, what to leave out");
    schema.putArray("required").add("question");
    schema.put("additionalProperties", false);
    this.spec = ToolSpec.of(name, description, schema);
  }

  /** {@code agent} as a tool named {@value #DEFAULT_NAME}. */
  public static AgentTool of(Agent agent) {
    return of(agent, DEFAULT_NAME, DEFAULT_DESCRIPTION);
  }

  /** {@code agent} as a tool with this name and description. */
  public static AgentTool of(Agent agent, String name, String description) {
    return new AgentTool(
        Objects.requireNonNull(agent, "agent is required, but was null"), name, description);
  }

  @Override
  public ToolSpec spec() {
    return spec;
  }

  @Override
  public ToolResult execute(ToolCall call, ToolContext context) {
    JsonNode arguments = call.parsedArguments();
    String question = arguments.path("question").asText("").strip();
    if (question.isEmpty()) {
      throw new ToolArgumentsException("'question' must be a non-empty sub-question");
    }
    Task parent = context.task();
    Task.Builder task =
        Task.builder(question)
            .instructions(arguments.path("instructions").asText(""))
            .metadata("parent_run_id", context.runId())
            .metadata("parent_task_id", parent.id());
    Trajectory child =
        agent instanceof ResearchAgent research
            ? research.runAsChildOf(context.runId(), task.build())
            : agent.run(task.build());
    String location =
        agent instanceof ResearchAgent research
            ? research.trajectoryLocation(child.runId()).orElse("")
            : "";
    context.linkChildRun(child.runId(), location);
    Outcome outcome = child.outcome();
    if (outcome == null || !outcome.hasAnswer()) {
      String why = outcome == null ? "it did not finish" : outcome.error();
      return ToolResult.error(
          "The research assistant found no answer ("
              + (why.isBlank()
                  ? outcome.stopReason().name().toLowerCase(java.util.Locale.ROOT)
                  : why)
              + "). Try a narrower or differently worded sub-question, or research it yourself.");
    }
    Map<String, String> renumbered = new HashMap<>();
    for (Source source : outcome.sources()) {
      renumbered.put(source.id(), context.registerSource(source).id());
    }
    StringBuilder text =
        new StringBuilder("Answer from the research assistant: ")
            .append(outcome.answer())
            .append("\n\n")
            .append(renumber(withoutSourceList(outcome.report()), renumbered));
    List<Source> cited =
        context.sources().stream().filter(s -> renumbered.containsValue(s.id())).toList();
    if (!cited.isEmpty()) {
      text.append("\n\nSources:");
      for (Source source : cited) {
        text.append("\n[").append(source.id()).append("] ");
        if (!source.title().isBlank()) {
          text.append(source.title()).append(" — ");
        }
        text.append(source.url());
      }
    }
    if (!outcome.isCompleted()) {
      text.append("\n\n(The assistant stopped early: ")
          .append(outcome.stopReason().name().toLowerCase(java.util.Locale.ROOT))
          .append(". Its answer may be incomplete.)");
    }
    return ToolResult.of(text.toString());
  }

  private static String withoutSourceList(String report) {
    int at = report.lastIndexOf("\n## Sources\n");
    return at < 0 ? report : report.substring(0, at).strip();
  }

  private static String renumber(String text, Map<String, String> ids) {
    return SourceIds.MARKER
        .matcher(text)
        .replaceAll(
            m -> {
              List<String> mapped =
                  SourceIds.idsIn(m.group(1)).stream()
                      .map(id -> ids.getOrDefault(id, ""))
                      .filter(id -> !id.isEmpty())
                      .toList();
              return mapped.isEmpty()
                  ? ""
                  : Matcher.quoteReplacement("[" + String.join(", ", mapped) + "]");
            });
  }

  @Override
  public String toString() {
    return "AgentTool{" + spec.name() + '}';
  }
}
