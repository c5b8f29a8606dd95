package dev.researcher4j.core.trajectory;

import dev.researcher4j.api.Grade;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Reward;
import dev.researcher4j.api.RunTotals;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What is known when a run ends: its outcome and totals, and (filled in later by graders) grades
 * and reward.
 *
 * @param endedAt when the run ended
 * @param outcome the outcome
 * @param totals totals over the steps
 * @param grades graders' verdicts; empty when the run ends
 * @param reward the training reward, or {@code null}
 */
public record TrajectoryFooter(
    Instant endedAt, Outcome outcome, RunTotals totals, List<Grade> grades, Reward reward) {

  /** Checks the fields. */
  public TrajectoryFooter {
    Objects.requireNonNull(endedAt, "endedAt is required, but was null");
    Objects.requireNonNull(outcome, "outcome is required, but was null");
    Objects.requireNonNull(totals, "totals is required, but was null");
    grades = grades == null ? List.of() : List.copyOf(grades);
  }
}
