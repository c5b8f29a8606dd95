package dev.researcher4j.eval;

import dev.researcher4j.api.Grade;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One attempt at one item: what the agent answered, how it was graded, what it cost. One line of
 * {@code results.jsonl}.
 *
 * @param itemId the item's id
 * @param attempt the attempt number, from 1
 * @param status how the attempt ended
 * @param answer the agent's short answer (its report when it gave none), or empty
 * @param grade the grade
 * @param steps steps the run took (0 when it timed out or crashed)
 * @param toolCalls tool calls made
 * @param inputTokens prompt tokens used
 * @param outputTokens completion tokens used
 * @param costUsd money spent, in US dollars
 * @param elapsed wall time of the attempt
 * @param stopReason the run's stop reason ({@code COMPLETED}, {@code BUDGET_STEPS}, …), {@code
 *     CANCELLED} for a timeout, {@code FAILED} for a crash
 * @param trajectory where the attempt's trajectory was saved ({@link TrajectoryStore}), or empty if
 *     it could not be saved
 * @param error what went wrong (timeout, crash, failed run, unsaved trajectory), or empty
 * @param reward the attempt's reward value, or {@code NaN} when there is none (grader error)
 * @param finishedAt when the attempt was recorded
 */
public record AttemptResult(
    String itemId,
    int attempt,
    AttemptStatus status,
    String answer,
    Grade grade,
    int steps,
    int toolCalls,
    long inputTokens,
    long outputTokens,
    double costUsd,
    Duration elapsed,
    String stopReason,
    String trajectory,
    String error,
    double reward,
    Instant finishedAt) {

  /** Checks the fields. */
  public AttemptResult {
    Objects.requireNonNull(itemId, "itemId is required, but was null");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt counts from 1, but was " + attempt);
    }
    Objects.requireNonNull(status, "status is required, but was null");
    answer = answer == null ? "" : answer;
    Objects.requireNonNull(grade, "grade is required, but was null");
    elapsed = elapsed == null ? Duration.ZERO : elapsed;
    stopReason = stopReason == null ? "" : stopReason;
    trajectory = trajectory == null ? "" : trajectory;
    error = error == null ? "" : error;
    Objects.requireNonNull(finishedAt, "finishedAt is required, but was null");
  }

  /** The grade's label. */
  public Grade.Label label() {
    return grade.label();
  }

  /** Whether the grade is {@link Grade.Label#CORRECT}. */
  public boolean correct() {
    return grade.isCorrect();
  }

  /** Input plus output tokens. */
  public long tokens() {
    return inputTokens + outputTokens;
  }
}
