package dev.researcher4j.core.durable;

import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.core.internal.tool.ParallelToolExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How one tool call ended, as {@link DurableAgent#callTool} returns it: the record of the call (its
 * result in full, with provisional ids for the sources it added, see {@link ToolCallInput}), and
 * what the model is shown of it. Secrets are already masked.
 *
 * @param execution the record of the call
 * @param modelText what the model is shown (the result, cut to the tool's limit)
 * @param detail the full exception of a failed call, for the step's data, or empty
 */
public record ToolCallOutput(ToolExecution execution, String modelText, String detail) {

  /** Checks the fields. */
  public ToolCallOutput {
    Objects.requireNonNull(execution, "execution is required, but was null");
    Objects.requireNonNull(modelText, "modelText is required, but was null");
    detail = detail == null ? "" : detail;
  }

  /** A call cut short (or never started) because its run was cancelled, as a local run shows it. */
  public static ToolCallOutput cancelled(ToolCall call, Instant at) {
    return failed(call, ToolExecution.Status.CANCELLED, ParallelToolExecutor.CANCELLED, at);
  }

  /**
   * A call the engine could not get done — cancelled, timed out, or failed past its retries (the
   * worker died each time): the model is shown {@code why}.
   *
   * @param status {@code CANCELLED}, {@code TIMEOUT} or {@code EXCEPTION}
   */
  public static ToolCallOutput failed(
      ToolCall call, ToolExecution.Status status, String why, Instant at) {
    Objects.requireNonNull(call, "call is required, but was null");
    Objects.requireNonNull(status, "status is required, but was null");
    if (!status.isFailure()) {
      throw new IllegalArgumentException("status must be a failure, but was " + status);
    }
    ToolExecution execution =
        new ToolExecution(
            call, ToolResult.error(why), status, List.of(), at, Duration.ZERO, 0, false, List.of());
    return new ToolCallOutput(execution, why, "");
  }
}
