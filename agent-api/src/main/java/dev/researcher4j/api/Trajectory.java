package dev.researcher4j.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The full record of one run: header, every step in order, and (once the run ended) its outcome,
 * totals, grades and reward.
 *
 * <p>A trajectory is a snapshot; runs stream their steps to a sink as they happen, so a crashed run
 * still leaves a trajectory without an outcome, which can be resumed.
 *
 * @param header what was known at the start
 * @param steps the steps, in order
 * @param outcome the outcome, or {@code null} while the run is unfinished
 * @param totals totals over the steps
 * @param grades graders' verdicts, empty until graded
 * @param reward the training reward, or {@code null} until computed
 */
public record Trajectory(
    TrajectoryHeader header,
    List<Step> steps,
    Outcome outcome,
    RunTotals totals,
    List<Grade> grades,
    Reward reward) {

  /** Checks the fields. */
  public Trajectory {
    Objects.requireNonNull(header, "header is required, but was null");
    steps = Checks.list(steps);
    Objects.requireNonNull(totals, "totals is required, but was null");
    grades = Checks.list(grades);
  }

  /** The run's id. */
  public String runId() {
    return header.runId();
  }

  /** Whether the run ended (has an outcome). */
  public boolean isFinished() {
    return outcome != null;
  }

  /**
   * The outcome of a finished run.
   *
   * @throws IllegalStateException if the run is unfinished
   */
  public Outcome requireOutcome() {
    if (outcome == null) {
      throw new IllegalStateException("run " + header.runId() + " has no outcome yet");
    }
    return outcome;
  }

  /** The reward, when computed. */
  public Optional<Reward> rewardIfPresent() {
    return Optional.ofNullable(reward);
  }

  /** A copy with these grades and reward (graders add them after the run). */
  public Trajectory withGrades(List<Grade> newGrades, Reward newReward) {
    return new Trajectory(header, steps, outcome, totals, newGrades, newReward);
  }
}
