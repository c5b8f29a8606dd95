package dev.researcher4j.eval.internal;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Reward;
import dev.researcher4j.api.RunTotals;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.api.Usage;
import dev.researcher4j.eval.AttemptResult;
import dev.researcher4j.eval.AttemptStatus;
import dev.researcher4j.eval.EvalItem;
import dev.researcher4j.eval.RewardFunction;
import dev.researcher4j.eval.TrajectoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of one attempt once its run ended (or timed out, or crashed): graded, rewarded, its
 * trajectory saved with the grade in its footer, and summed up as its results line. Used by the
 * evaluation's own runner and for attempts a workflow engine ran. Thread-safe.
 */
public final class AttemptRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(AttemptRecorder.class);

  private final GraderSelection graders;
  private final RewardFunction rewardFunction;
  private final TrajectoryStore store;
  private final Clock clock;

  /** A recorder grading with {@code graders} and saving to {@code store}. */
  public AttemptRecorder(
      GraderSelection graders, RewardFunction rewardFunction, TrajectoryStore store, Clock clock) {
    this.graders = graders;
    this.rewardFunction = rewardFunction;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Grades, rewards and saves the attempt whose run gave {@code trajectory}, and returns its result
   * line (not yet written).
   *
   * @param error what went wrong before (timeout, crash), or empty
   * @param start when the attempt started
   */
  public AttemptResult record(
      EvalItem item,
      int attempt,
      AttemptStatus status,
      Trajectory trajectory,
      String error,
      Instant start) {
    Outcome outcome = trajectory.outcome();
    String response = "";
    if (outcome == null) {
      error = "the agent returned an unfinished trajectory";
    } else {
      response = outcome.answer().isBlank() ? outcome.report() : outcome.answer();
      if (status == AttemptStatus.FINISHED && !outcome.error().isEmpty()) {
        error = outcome.error();
      }
    }
    Grade grade = grade(item, response);
    Optional<Reward> reward;
    try {
      reward = rewardFunction.reward(trajectory, grade);
    } catch (RuntimeException e) {
      LOG.warn("{} attempt {}: reward failed: {}", item.id(), attempt, e.toString());
      reward = Optional.empty();
    }
    List<Grade> grades = new ArrayList<>(trajectory.grades());
    grades.add(grade);
    Trajectory gradedTrajectory = trajectory.withGrades(grades, reward.orElse(null));
    String location = "";
    try {
      location = store.save(gradedTrajectory);
    } catch (RuntimeException e) {
      String why = "trajectory not saved: " + e.getMessage();
      LOG.warn("{} attempt {}: {}", item.id(), attempt, why);
      error = error.isEmpty() ? why : error + "; " + why;
    }
    Instant end = clock.instant();
    Duration elapsed =
        status == AttemptStatus.FINISHED
            ? trajectory.totals().elapsed()
            : Duration.between(start, end);
    Usage usage = trajectory.totals().usage();
    AttemptResult result =
        new AttemptResult(
            item.id(),
            attempt,
            status,
            response,
            grade,
            trajectory.totals().steps(),
            trajectory.totals().toolCalls(),
            usage.inputTokens(),
            usage.outputTokens(),
            usage.costUsd(),
            elapsed,
            outcome == null ? "" : outcome.stopReason().name(),
            location,
            error,
            reward.map(Reward::value).orElse(Double.NaN),
            end);
    return result;
  }

  Grade grade(EvalItem item, String response) {
    String graderId = "unknown";
    try {
      var grader = graders.forItem(item);
      graderId = grader.id();
      Grade grade = grader.grade(item, response);
      if (grade == null) {
        return Grades.error(graderId, "", "the grader returned no grade");
      }
      return grade;
    } catch (RuntimeException e) {
      LOG.warn("grader {} threw on {}: {}", graderId, item.id(), e.toString());
      return Grades.error(
          graderId, "", "the grader threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** A trajectory for an attempt whose agent left none (timed out or threw). */
  public static Trajectory placeholder(
      Task task, StopReason reason, String error, Instant start, Clock clock) {
    TrajectoryHeader header =
        new TrajectoryHeader(
            TrajectoryHeader.SCHEMA_V1,
            "eval-attempt-" + UUID.randomUUID(),
            "",
            task,
            ModelInfo.of("", ""),
            List.of(),
            Budget.defaults(),
            "",
            start);
    Outcome outcome = new Outcome("", "", List.of(), List.of(), reason, error);
    RunTotals totals =
        new RunTotals(Usage.ZERO, 0, 0, 0, 0, 0, Duration.between(start, clock.instant()));
    return new Trajectory(header, List.of(), outcome, totals, List.of(), null);
  }
}
