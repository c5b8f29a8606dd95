package dev.researcher4j.core.human;

import java.time.Instant;
import java.util.Objects;

/**
 * A tool call waiting for a person's go-ahead before it runs.
 *
 * @param runId the run that wants to make the call
 * @param toolCallId the call's id, to match the decision with the trajectory
 * @param toolName the tool
 * @param arguments the call's arguments, as the model wrote them (JSON)
 * @param reason why the call needs approval (the tool's policy says), or empty
 * @param requestedAt when approval was asked for, by the run's clock
 */
public record ApprovalRequest(
    String runId,
    String toolCallId,
    String toolName,
    String arguments,
    String reason,
    Instant requestedAt) {

  /** Checks the fields. */
  public ApprovalRequest {
    Objects.requireNonNull(runId, "runId is required, but was null");
    Objects.requireNonNull(toolCallId, "toolCallId is required, but was null");
    Objects.requireNonNull(toolName, "toolName is required, but was null");
    arguments = arguments == null ? "" : arguments;
    reason = reason == null ? "" : reason;
    Objects.requireNonNull(requestedAt, "requestedAt is required, but was null");
  }
}
