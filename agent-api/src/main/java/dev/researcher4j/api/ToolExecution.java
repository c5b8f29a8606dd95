package dev.researcher4j.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One tool call inside a {@link Step}: the call, its result in full, and how it went.
 *
 * @param call the call as the model asked for it
 * @param result the observation given to the model (in full, before any truncation for the model)
 * @param status how the call went
 * @param sourceIds ids of the sources registered from this call
 * @param startedAt when it started
 * @param duration how long it took, retries included
 * @param attempts how many times it was tried, from 1 (0 when it never ran)
 * @param truncated whether the model was shown a shortened result
 * @param childRunIds ids of runs this call started (sub-researchers)
 */
public record ToolExecution(
    ToolCall call,
    ToolResult result,
    Status status,
    List<String> sourceIds,
    Instant startedAt,
    Duration duration,
    int attempts,
    boolean truncated,
    List<String> childRunIds) {

  /** How a tool call went. */
  public enum Status {
    /** The tool ran and returned a result. */
    OK,
    /** The same call was made earlier in the run; the earlier result was reused. */
    CACHED,
    /** The tool ran and returned an error result. */
    ERROR,
    /** No tool has that name. */
    UNKNOWN_TOOL,
    /** The arguments were not valid JSON or did not match the schema. */
    INVALID_ARGUMENTS,
    /** The tool threw. */
    EXCEPTION,
    /** The tool did not finish in time. */
    TIMEOUT,
    /** The tool's circuit breaker was open, so it was not called. */
    CIRCUIT_OPEN,
    /** The run was cancelled while the call was in flight. */
    CANCELLED,
    /**
     * The call needed a person's approval and did not get it (refused, or no answer in time), so it
     * was not made; the model was told so. Not a failure of the tool.
     */
    NOT_APPROVED;

    /** Whether the model was shown an error for this call. */
    public boolean isFailure() {
      return this != OK && this != CACHED && this != NOT_APPROVED;
    }
  }

  /** Checks the fields. */
  public ToolExecution {
    Objects.requireNonNull(call, "call is required, but was null");
    Objects.requireNonNull(result, "result is required, but was null");
    Objects.requireNonNull(status, "status is required, but was null");
    sourceIds = Checks.list(sourceIds);
    Objects.requireNonNull(startedAt, "startedAt is required, but was null");
    duration = duration == null ? Duration.ZERO : duration;
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0, but was " + attempts);
    }
    childRunIds = Checks.list(childRunIds);
  }
}
