package dev.researcher4j.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of one run: steps, tool calls, tokens, cost and wall time.
 *
 * <p>Every limit is checked before each model call and each tool batch and is never exceeded. When
 * any one reaches {@link #warnFraction()} of its limit the agent is told to write its best answer
 * from what it has. A limit of {@link Long#MAX_VALUE} (or {@link Double#POSITIVE_INFINITY} for
 * cost, or {@link #NO_TIME_LIMIT}) means none.
 *
 * @param maxSteps most model calls in the run (planning and verification count); default {@value
 *     #DEFAULT_MAX_STEPS}
 * @param maxToolCalls most tool calls; default {@value #DEFAULT_MAX_TOOL_CALLS}
 * @param maxInputTokens most prompt tokens summed over all model calls; default none
 * @param maxOutputTokens most completion tokens summed over all model calls; default none
 * @param maxCostUsd most money spent, in US dollars, from the model's price table; default none
 * @param maxTime most wall time; default {@link #DEFAULT_MAX_TIME}
 * @param warnFraction fraction of any limit at which the agent is told to finish; default {@value
 *     #DEFAULT_WARN_FRACTION}
 */
public record Budget(
    long maxSteps,
    long maxToolCalls,
    long maxInputTokens,
    long maxOutputTokens,
    double maxCostUsd,
    Duration maxTime,
    double warnFraction) {

  /** Default step limit. */
  public static final long DEFAULT_MAX_STEPS = 50;

  /** Default tool-call limit. */
  public static final long DEFAULT_MAX_TOOL_CALLS = 200;

  /** Default wall-time limit. */
  public static final Duration DEFAULT_MAX_TIME = Duration.ofMinutes(30);

  /** Default fraction of a limit at which the agent is told to finish. */
  public static final double DEFAULT_WARN_FRACTION = 0.85;

  /** The {@code maxTime} that means no limit. */
  public static final Duration NO_TIME_LIMIT = Duration.ofSeconds(Long.MAX_VALUE);

  /** Checks the limits. */
  public Budget {
    Checks.positive(maxSteps, "maxSteps");
    Checks.positive(maxToolCalls, "maxToolCalls");
    Checks.positive(maxInputTokens, "maxInputTokens");
    Checks.positive(maxOutputTokens, "maxOutputTokens");
    if (!(maxCostUsd > 0)) {
      throw new IllegalArgumentException("maxCostUsd must be > 0, but was " + maxCostUsd);
    }
    Objects.requireNonNull(maxTime, "maxTime is required, but was null");
    if (maxTime.isNegative() || maxTime.isZero()) {
      throw new IllegalArgumentException("maxTime must be positive, but was " + maxTime);
    }
    if (!(warnFraction > 0 && warnFraction <= 1)) {
      throw new IllegalArgumentException("warnFraction must be in (0, 1], but was " + warnFraction);
    }
  }

  /** The default budget (see each field's default). */
  public static Budget defaults() {
    return builder().build();
  }

  /** A budget with no limits at all; use with care. */
  public static Budget unlimited() {
    return new Budget(
        Long.MAX_VALUE,
        Long.MAX_VALUE,
        Long.MAX_VALUE,
        Long.MAX_VALUE,
        Double.POSITIVE_INFINITY,
        NO_TIME_LIMIT,
        DEFAULT_WARN_FRACTION);
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this budget. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxSteps = maxSteps;
    b.maxToolCalls = maxToolCalls;
    b.maxInputTokens = maxInputTokens;
    b.maxOutputTokens = maxOutputTokens;
    b.maxCostUsd = maxCostUsd;
    b.maxTime = maxTime;
    b.warnFraction = warnFraction;
    return b;
  }

  /** Builds a {@link Budget}; every setter rejects values that are not positive. */
  public static final class Builder {
    private long maxSteps = DEFAULT_MAX_STEPS;
    private long maxToolCalls = DEFAULT_MAX_TOOL_CALLS;
    private long maxInputTokens = Long.MAX_VALUE;
    private long maxOutputTokens = Long.MAX_VALUE;
    private double maxCostUsd = Double.POSITIVE_INFINITY;
    private Duration maxTime = DEFAULT_MAX_TIME;
    private double warnFraction = DEFAULT_WARN_FRACTION;

    private Builder() {}

    /** Most model calls in the run. */
    public Builder maxSteps(long maxSteps) {
      this.maxSteps = Checks.positive(maxSteps, "maxSteps");
      return this;
    }

    /** Most tool calls in the run. */
    public Builder maxToolCalls(long maxToolCalls) {
      this.maxToolCalls = Checks.positive(maxToolCalls, "maxToolCalls");
      return this;
    }

    /** Most prompt tokens over all model calls. */
    public Builder maxInputTokens(long maxInputTokens) {
      this.maxInputTokens = Checks.positive(maxInputTokens, "maxInputTokens");
      return this;
    }

    /** Most completion tokens over all model calls. */
    public Builder maxOutputTokens(long maxOutputTokens) {
      this.maxOutputTokens = Checks.positive(maxOutputTokens, "maxOutputTokens");
      return this;
    }

    /** Most money, in US dollars. */
    public Builder maxCostUsd(double maxCostUsd) {
      if (!(maxCostUsd > 0)) {
        throw new IllegalArgumentException("maxCostUsd must be > 0, but was " + maxCostUsd);
      }
      this.maxCostUsd = maxCostUsd;
      return this;
    }

    /** Most wall time. */
    public Builder maxTime(Duration maxTime) {
      Objects.requireNonNull(maxTime, "maxTime is required, but was null");
      if (maxTime.isNegative() || maxTime.isZero()) {
        throw new IllegalArgumentException("maxTime must be positive, but was " + maxTime);
      }
      this.maxTime = maxTime;
      return this;
    }

    /** Fraction of any limit at which the agent is told to finish. */
    public Builder warnFraction(double warnFraction) {
      if (!(warnFraction > 0 && warnFraction <= 1)) {
        throw new IllegalArgumentException(
            "warnFraction must be in (0, 1], but was " + warnFraction);
      }
      this.warnFraction = warnFraction;
      return this;
    }

    /** Builds the budget. */
    public Budget build() {
      return new Budget(
          maxSteps,
          maxToolCalls,
          maxInputTokens,
          maxOutputTokens,
          maxCostUsd,
          maxTime,
          warnFraction);
    }
  }
}
