package dev.researcher4j.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded step of a run. Which fields are filled depends on the {@link #kind()}: a model step
 * has a {@link #modelCall()}, a tools step has {@link #toolExecutions()}, a plan, verify,
 * compaction or final step keeps its structured details in {@link #data()}.
 *
 * @param index position in the run, from 0
 * @param kind what the step did
 * @param startedAt when it started
 * @param endedAt when it ended
 * @param modelCall the model call, or {@code null} for steps without one
 * @param toolExecutions the tool calls of a tools step; empty otherwise
 * @param usage tokens and cost of this step
 * @param summary one line for humans ("asked 3 tools", "2 of 9 claims unsupported")
 * @param data structured details of the step (plan, verdicts, compaction counts), or JSON null
 * @param error what went wrong in this step, or empty
 */
public record Step(
    int index,
    StepKind kind,
    Instant startedAt,
    Instant endedAt,
    ModelCall modelCall,
    List<ToolExecution> toolExecutions,
    Usage usage,
    String summary,
    JsonNode data,
    String error) {

  /** Checks the fields and copies {@code data}. */
  public Step {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, but was " + index);
    }
    Objects.requireNonNull(kind, "kind is required, but was null");
    Objects.requireNonNull(startedAt, "startedAt is required, but was null");
    Objects.requireNonNull(endedAt, "endedAt is required, but was null");
    toolExecutions = Checks.list(toolExecutions);
    usage = usage == null ? Usage.ZERO : usage;
    summary = Checks.text(summary);
    data = data == null ? NullNode.getInstance() : data.deepCopy();
    error = Checks.text(error);
  }

  /** The model call, when this step made one. */
  public Optional<ModelCall> model() {
    return Optional.ofNullable(modelCall);
  }

  /** A copy of the structured details. */
  @Override
  public JsonNode data() {
    return data.deepCopy();
  }

  /** How long the step took. */
  public Duration duration() {
    return Duration.between(startedAt, endedAt);
  }
}
