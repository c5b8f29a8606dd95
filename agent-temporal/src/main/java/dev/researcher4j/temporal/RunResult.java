package dev.researcher4j.temporal;

import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.RunTotals;
import java.util.Objects;

/**
 * How a {@link ResearchWorkflow} ended. The trajectory itself stays in its file (it may be large);
 * read it with {@code TrajectoryReader}, or {@code researcher view}.
 *
 * @param runId the run's id (the workflow id)
 * @param outcome the outcome: answer, report, sources, stop reason, warnings
 * @param totals steps, calls, tokens, cost and time
 * @param trajectory the trajectory file, as the workers see it
 * @param continuations how many times the run continued as new
 */
public record RunResult(
    String runId, Outcome outcome, RunTotals totals, String trajectory, int continuations) {

  /** Checks the fields. */
  public RunResult {
    Objects.requireNonNull(runId, "runId is required, but was null");
    Objects.requireNonNull(outcome, "outcome is required, but was null");
    Objects.requireNonNull(totals, "totals is required, but was null");
    trajectory = trajectory == null ? "" : trajectory;
  }
}
