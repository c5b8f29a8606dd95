package dev.researcher4j.temporal.internal;

import dev.researcher4j.eval.AttemptResult;
import dev.researcher4j.eval.AttemptStatus;
import dev.researcher4j.eval.EvalSummary;
import dev.researcher4j.eval.ExternalAttempts;
import dev.researcher4j.temporal.EvalInput;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** An evaluation's side effects: what to run, grading and recording each attempt, the summary. */
@ActivityInterface
public interface EvalActivities {

  /** The attempts still to run (the output directory prepared). */
  @ActivityMethod(name = "EvalPlan")
  ExternalAttempts.Plan plan(EvalInput input);

  /** Grades and records an attempt whose run ended; its trajectory is read from its file. */
  @ActivityMethod(name = "EvalRecordFinished")
  AttemptResult recordFinished(
      EvalInput input, ExternalAttempts.Attempt attempt, String trajectory, long startedAtMillis);

  /** Records an attempt whose run timed out or failed. */
  @ActivityMethod(name = "EvalRecordFailed")
  AttemptResult recordFailed(
      EvalInput input,
      ExternalAttempts.Attempt attempt,
      AttemptStatus status,
      String error,
      long startedAtMillis);

  /** The summary of everything recorded. */
  @ActivityMethod(name = "EvalSummarize")
  EvalSummary summarize(EvalInput input);
}
