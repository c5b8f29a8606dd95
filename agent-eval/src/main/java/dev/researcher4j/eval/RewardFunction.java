package dev.researcher4j.eval;

import dev.researcher4j.api.Grade;
import dev.researcher4j.api.Reward;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.trajectory.export.RolloutReward;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a graded trajectory into a training reward, in the manner of Kimi-Researcher's outcome
 * rewards.
 *
 * <p>The value is the sum of three {@linkplain Reward#components() components}:
 *
 * <ul>
 *   <li>{@value #CORRECTNESS}: {@code incorrectReward + score × (correctReward − incorrectReward)}
 *       from the grade ({@value #DEFAULT_CORRECT_REWARD} / {@value #DEFAULT_INCORRECT_REWARD} by
 *       default); when {@link Builder#correctnessRequiresCleanFormat} is set, a run with any format
 *       penalty gets the incorrect reward whatever its grade (Kimi's rule);
 *   <li>{@value #FORMAT}: minus {@code invalidToolCallPenalty} per tool call with invalid arguments
 *       or an unknown tool name, minus {@code budgetOverrunPenalty} when a budget stopped the run,
 *       at most {@code maxFormatPenalty} in all;
 *   <li>{@value #EFFICIENCY}: minus {@code stepPenalty} per step (0 by default).
 * </ul>
 *
 * <p>A grade of {@link Grade.Label#GRADER_ERROR} gives no reward at all ({@link Optional#empty()}):
 * a trainer must not learn from a verdict nobody reached.
 *
 * <p>{@link #stepRewards} spreads a reward over the run's model turns with gamma decay: turn i of a
 * correct T-turn run gets {@code r·γ^(T−i)}, so shorter correct runs credit their early turns more;
 * other runs give every turn {@code r}. With the default γ = {@value #DEFAULT_GAMMA} there is no
 * decay.
 *
 * <p>Immutable and thread-safe. Make one with {@link #ofDefaults()}, {@link #custom()} or {@link
 * #from(RewardFunction)}.
 */
public final class RewardFunction implements RolloutReward {

  /** The component for correctness. */
  public static final String CORRECTNESS = "correctness";

  /** The component for format penalties. */
  public static final String FORMAT = "format";

  /** The component for efficiency. */
  public static final String EFFICIENCY = "efficiency";

  /** Default reward of a correct answer. */
  public static final double DEFAULT_CORRECT_REWARD = 1.0;

  /** Default reward of a wrong or missing answer. */
  public static final double DEFAULT_INCORRECT_REWARD = 0.0;

  /** Default penalty per invalid tool call. */
  public static final double DEFAULT_INVALID_TOOL_CALL_PENALTY = 0.1;

  /** Default penalty when a budget stopped the run. */
  public static final double DEFAULT_BUDGET_OVERRUN_PENALTY = 0.5;

  /** Default cap of the format penalty. */
  public static final double DEFAULT_MAX_FORMAT_PENALTY = 1.0;

  /** Default penalty per step. */
  public static final double DEFAULT_STEP_PENALTY = 0.0;

  /** Default decay of {@link #stepRewards}: none. */
  public static final double DEFAULT_GAMMA = 1.0;

  private static final RewardFunction DEFAULTS = custom().build();

  private final double correctReward;
  private final double incorrectReward;
  private final double invalidToolCallPenalty;
  private final double budgetOverrunPenalty;
  private final double maxFormatPenalty;
  private final double stepPenalty;
  private final double gamma;
  private final boolean correctnessRequiresCleanFormat;

  private RewardFunction(Builder b) {
    this.correctReward = b.correctReward;
    this.incorrectReward = b.incorrectReward;
    this.invalidToolCallPenalty = b.invalidToolCallPenalty;
    this.budgetOverrunPenalty = b.budgetOverrunPenalty;
    this.maxFormatPenalty = b.maxFormatPenalty;
    this.stepPenalty = b.stepPenalty;
    this.gamma = b.gamma;
    this.correctnessRequiresCleanFormat = b.correctnessRequiresCleanFormat;
  }

  /** The defaults (see each {@code DEFAULT_*}). */
  public static RewardFunction ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder custom() {
    return new Builder();
  }

  /** A builder starting from {@code base}. */
  public static Builder from(RewardFunction base) {
    Builder b = new Builder();
    b.correctReward = base.correctReward;
    b.incorrectReward = base.incorrectReward;
    b.invalidToolCallPenalty = base.invalidToolCallPenalty;
    b.budgetOverrunPenalty = base.budgetOverrunPenalty;
    b.maxFormatPenalty = base.maxFormatPenalty;
    b.stepPenalty = base.stepPenalty;
    b.gamma = base.gamma;
    b.correctnessRequiresCleanFormat = base.correctnessRequiresCleanFormat;
    return b;
  }

  /** The decay used by {@link #stepRewards}. */
  @Override
  public double gamma() {
    return gamma;
  }

  /**
   * The reward of {@code trajectory} by its last grade; empty when it has none or it is an error.
   */
  @Override
  public Optional<Reward> reward(Trajectory trajectory) {
    List<Grade> grades = trajectory.grades();
    return grades.isEmpty() ? Optional.empty() : reward(trajectory, grades.get(grades.size() - 1));
  }

  /** The reward of {@code trajectory} graded {@code grade}; empty for a grader error. */
  public Optional<Reward> reward(Trajectory trajectory, Grade grade) {
    Objects.requireNonNull(trajectory, "trajectory");
    Objects.requireNonNull(grade, "grade");
    if (grade.label() == Grade.Label.GRADER_ERROR) {
      return Optional.empty();
    }
    int invalid = 0;
    for (Step step : trajectory.steps()) {
      for (ToolExecution execution : step.toolExecutions()) {
        if (execution.status() == ToolExecution.Status.INVALID_ARGUMENTS
            || execution.status() == ToolExecution.Status.UNKNOWN_TOOL) {
          invalid++;
        }
      }
    }
    boolean overran = trajectory.isFinished() && trajectory.outcome().stopReason().isBudget();
    double penalty =
        Math.min(
            maxFormatPenalty,
            invalid * invalidToolCallPenalty + (overran ? budgetOverrunPenalty : 0));
    double format = penalty == 0 ? 0 : -penalty;
    double correctness = incorrectReward + grade.score() * (correctReward - incorrectReward);
    if (correctnessRequiresCleanFormat && penalty > 0) {
      correctness = incorrectReward;
    }
    double efficiency = stepPenalty == 0 ? 0 : -stepPenalty * trajectory.steps().size();
    Map<String, Double> components = new LinkedHashMap<>();
    components.put(CORRECTNESS, correctness);
    components.put(FORMAT, format);
    components.put(EFFICIENCY, efficiency);
    return Optional.of(new Reward(correctness + format + efficiency, components, grade.grader()));
  }

  /**
   * The reward of each model turn of {@code trajectory} (steps that called the model, in order):
   * turn i of T gets {@code value·γ^(T−i)} when the last grade is correct, else {@code value}.
   *
   * @throws IllegalStateException if the trajectory has no reward
   */
  public List<Double> stepRewards(Trajectory trajectory) {
    Reward reward =
        trajectory
            .rewardIfPresent()
            .orElseThrow(
                () -> new IllegalStateException("run " + trajectory.runId() + " has no reward"));
    List<Grade> grades = trajectory.grades();
    boolean correct = !grades.isEmpty() && grades.get(grades.size() - 1).isCorrect();
    return stepRewards(trajectory, reward.value(), correct);
  }

  /** The reward of each model turn for a run with reward {@code value}, correct or not. */
  public List<Double> stepRewards(Trajectory trajectory, double value, boolean correct) {
    int turns = 0;
    for (Step step : trajectory.steps()) {
      if (step.modelCall() != null) {
        turns++;
      }
    }
    List<Double> rewards = new ArrayList<>(turns);
    for (int i = 1; i <= turns; i++) {
      rewards.add(correct ? value * Math.pow(gamma, turns - i) : value);
    }
    return rewards;
  }

  @Override
  public String toString() {
    return "RewardFunction{correct="
        + correctReward
        + ", incorrect="
        + incorrectReward
        + ", invalidToolCallPenalty="
        + invalidToolCallPenalty
        + ", budgetOverrunPenalty="
        + budgetOverrunPenalty
        + ", maxFormatPenalty="
        + maxFormatPenalty
        + ", stepPenalty="
        + stepPenalty
        + ", gamma="
        + gamma
        + ", correctnessRequiresCleanFormat="
        + correctnessRequiresCleanFormat
        + '}';
  }

  /** Builds a {@link RewardFunction}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private double correctReward = DEFAULT_CORRECT_REWARD;
    private double incorrectReward = DEFAULT_INCORRECT_REWARD;
    private double invalidToolCallPenalty = DEFAULT_INVALID_TOOL_CALL_PENALTY;
    private double budgetOverrunPenalty = DEFAULT_BUDGET_OVERRUN_PENALTY;
    private double maxFormatPenalty = DEFAULT_MAX_FORMAT_PENALTY;
    private double stepPenalty = DEFAULT_STEP_PENALTY;
    private double gamma = DEFAULT_GAMMA;
    private boolean correctnessRequiresCleanFormat;

    private Builder() {}

    /** Reward of a correct answer; finite. */
    public Builder correctReward(double value) {
      this.correctReward = finite(value, "correctReward");
      return this;
    }

    /** Reward of a wrong or missing answer; finite. */
    public Builder incorrectReward(double value) {
      this.incorrectReward = finite(value, "incorrectReward");
      return this;
    }

    /** Penalty per invalid tool call (bad arguments, unknown tool); at least 0. */
    public Builder invalidToolCallPenalty(double value) {
      this.invalidToolCallPenalty = notNegative(value, "invalidToolCallPenalty");
      return this;
    }

    /** Penalty when a budget stopped the run; at least 0. */
    public Builder budgetOverrunPenalty(double value) {
      this.budgetOverrunPenalty = notNegative(value, "budgetOverrunPenalty");
      return this;
    }

    /** Cap of the format penalty; at least 0. */
    public Builder maxFormatPenalty(double value) {
      this.maxFormatPenalty = notNegative(value, "maxFormatPenalty");
      return this;
    }

    /** Penalty per step, for efficiency; at least 0. */
    public Builder stepPenalty(double value) {
      this.stepPenalty = notNegative(value, "stepPenalty");
      return this;
    }

    /** Decay per turn of {@link #stepRewards}, in (0, 1]. */
    public Builder gamma(double value) {
      if (!(value > 0 && value <= 1)) {
        throw new IllegalArgumentException("gamma must be in (0, 1], but was " + value);
      }
      this.gamma = value;
      return this;
    }

    /** Whether a run with any format penalty loses its correctness reward; default false. */
    public Builder correctnessRequiresCleanFormat(boolean value) {
      this.correctnessRequiresCleanFormat = value;
      return this;
    }

    /** Builds the function. */
    public RewardFunction build() {
      return new RewardFunction(this);
    }

    private static double finite(double value, String name) {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException(name + " must be finite, but was " + value);
      }
      return value;
    }

    private static double notNegative(double value, String name) {
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(name + " must be finite and >= 0, but was " + value);
      }
      return value;
    }
  }
}
