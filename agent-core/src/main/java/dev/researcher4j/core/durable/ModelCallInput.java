package dev.researcher4j.core.durable;

import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.StepKind;
import java.time.Duration;
import java.util.Objects;

/**
 * One model call a {@link DurableRun} hands to its {@link Engine}.
 *
 * @param runId the run making the call
 * @param stepIndex the step the call belongs to
 * @param kind the kind of that step ({@code MODEL} for the act loop; {@code PLAN}, {@code VERIFY},
 *     {@code COMPACTION} for a stage's calls)
 * @param request the request as it is to be sent (output cap applied)
 * @param timeout how long the call may take: the time left in the run's budget ({@link
 *     dev.researcher4j.api.Budget#NO_TIME_LIMIT} when it has no time limit)
 */
public record ModelCallInput(
    String runId, int stepIndex, StepKind kind, ChatRequest request, Duration timeout) {

  /** Checks the fields. */
  public ModelCallInput {
    Objects.requireNonNull(runId, "runId is required, but was null");
    if (stepIndex < 0) {
      throw new IllegalArgumentException("stepIndex must be >= 0, but was " + stepIndex);
    }
    Objects.requireNonNull(kind, "kind is required, but was null");
    Objects.requireNonNull(request, "request is required, but was null");
    Objects.requireNonNull(timeout, "timeout is required, but was null");
  }
}
