package dev.researcher4j.temporal;

import dev.researcher4j.core.human.HumanQuestion;
import java.util.List;
import java.util.Objects;

/**
 * Where a research run is, as its workflow answers the {@code progress} query.
 *
 * @param runId the run's id
 * @param status {@code RUNNING}, {@code CANCELLING} or {@code FINISHED}
 * @param steps steps recorded
 * @param modelCalls model calls made
 * @param toolCalls tool calls made
 * @param inputTokens prompt tokens spent
 * @param outputTokens completion tokens spent
 * @param costUsd money spent, in US dollars
 * @param sources sources found
 * @param lastStep the summary of the last step ("asked for 2 tool calls: web_search ×2")
 * @param draft the latest draft answer (the last reply without tool calls), or empty
 * @param trajectory the trajectory file
 * @param questions questions to the person not yet answered
 * @param stopReason the stop reason once finished, else empty
 */
public record RunProgress(
    String runId,
    String status,
    int steps,
    int modelCalls,
    int toolCalls,
    long inputTokens,
    long outputTokens,
    double costUsd,
    int sources,
    String lastStep,
    String draft,
    String trajectory,
    List<HumanQuestion> questions,
    String stopReason) {

  /** Checks and copies the fields. */
  public RunProgress {
    Objects.requireNonNull(runId, "runId is required, but was null");
    status = status == null ? "" : status;
    lastStep = lastStep == null ? "" : lastStep;
    draft = draft == null ? "" : draft;
    trajectory = trajectory == null ? "" : trajectory;
    questions = questions == null ? List.of() : List.copyOf(questions);
    stopReason = stopReason == null ? "" : stopReason;
  }

  /** Whether the run has ended. */
  public boolean finished() {
    return "FINISHED".equals(status);
  }
}
