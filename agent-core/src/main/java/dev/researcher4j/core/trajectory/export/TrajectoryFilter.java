package dev.researcher4j.core.trajectory.export;

import dev.researcher4j.api.Grade;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Trajectory;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Chooses which trajectories an export includes. Judgements by grade use a run's last grade (the
 * one its reward was computed from). Combine filters with {@link #and}; implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface TrajectoryFilter {

  /** Whether {@code trajectory} is included. */
  boolean test(Trajectory trajectory);

  /** This filter and {@code other}. */
  default TrajectoryFilter and(TrajectoryFilter other) {
    Objects.requireNonNull(other, "other is required, but was null");
    return t -> test(t) && other.test(t);
  }

  /** Every finished run. */
  static TrajectoryFilter all() {
    return Trajectory::isFinished;
  }

  /**
   * Successful runs: graded runs whose last grade is {@link Grade.Label#CORRECT}; ungraded runs
   * that completed ({@link StopReason#COMPLETED}).
   */
  static TrajectoryFilter successful() {
    return t -> t.isFinished() && verdict(t) == Boolean.TRUE;
  }

  /**
   * Failed runs: graded runs whose last grade is {@link Grade.Label#INCORRECT} or {@link
   * Grade.Label#NOT_ATTEMPTED}; ungraded runs that did not complete. A {@link
   * Grade.Label#GRADER_ERROR} is neither success nor failure, so such runs are in neither.
   */
  static TrajectoryFilter failed() {
    return t -> t.isFinished() && verdict(t) == Boolean.FALSE;
  }

  /** Runs whose last grade has one of {@code labels}. */
  static TrajectoryFilter gradedAs(Grade.Label first, Grade.Label... more) {
    Set<Grade.Label> labels = EnumSet.of(first, more);
    return t -> lastGrade(t) != null && labels.contains(lastGrade(t).label());
  }

  /** Runs whose last grade scored at least {@code score} (in [0, 1]); ungraded runs are out. */
  static TrajectoryFilter minScore(double score) {
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be in [0, 1], but was " + score);
    }
    return t -> lastGrade(t) != null && lastGrade(t).score() >= score;
  }

  private static Grade lastGrade(Trajectory t) {
    List<Grade> grades = t.grades();
    return grades.isEmpty() ? null : grades.get(grades.size() - 1);
  }

  /** True for success, false for failure, null for neither (a grader error). */
  private static Boolean verdict(Trajectory t) {
    Grade grade = lastGrade(t);
    if (grade == null) {
      return t.requireOutcome().stopReason() == StopReason.COMPLETED;
    }
    return switch (grade.label()) {
      case CORRECT -> Boolean.TRUE;
      case INCORRECT, NOT_ATTEMPTED -> Boolean.FALSE;
      case GRADER_ERROR -> null;
    };
  }
}
