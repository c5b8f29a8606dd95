package dev.researcher4j.core.context;

import java.util.Objects;

/**
 * When and how a run compacts its history: once the estimated prompt passes {@code threshold} of
 * the model's context window, the {@link ContextPolicy} is asked to bring it under {@code target}
 * of the window. Compacting well below the threshold makes compactions rare, which keeps provider
 * prompt caches warm and trajectories mostly append-only.
 *
 * <p>Defaults: {@link ContextPolicy#keepRecentToolResults keep the last} {@value
 * #DEFAULT_KEEP_RECENT} tool results, {@link TokenEstimator#ofDefaults() 4 characters per token},
 * threshold {@value #DEFAULT_THRESHOLD}, target {@value #DEFAULT_TARGET}. Immutable and
 * thread-safe.
 */
public final class ContextManagement {

  /** Default fraction of the context window at which history is compacted. */
  public static final double DEFAULT_THRESHOLD = 0.75;

  /** Default fraction of the context window that compaction aims for. */
  public static final double DEFAULT_TARGET = 0.5;

  /** Default number of recent tool results kept whole. */
  public static final int DEFAULT_KEEP_RECENT = 3;

  private static final ContextManagement DEFAULTS = builder().build();

  private final ContextPolicy policy;
  private final TokenEstimator estimator;
  private final double threshold;
  private final double target;

  private ContextManagement(Builder b) {
    this.policy = b.policy;
    this.estimator = b.estimator;
    this.threshold = b.threshold;
    this.target = b.target;
  }

  /** The defaults. */
  public static ContextManagement defaults() {
    return DEFAULTS;
  }

  /** No compaction at all (the estimator still checks input budgets). */
  public static ContextManagement disabled() {
    return builder().policy(ContextPolicy.none()).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder().policy(policy).estimator(estimator).threshold(threshold).target(target);
  }

  /** The compaction policy. */
  public ContextPolicy policy() {
    return policy;
  }

  /** The token estimator. */
  public TokenEstimator estimator() {
    return estimator;
  }

  /** Fraction of the context window at which history is compacted. */
  public double threshold() {
    return threshold;
  }

  /** Fraction of the context window compaction aims for. */
  public double target() {
    return target;
  }

  /** Builds {@link ContextManagement}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private ContextPolicy policy = ContextPolicy.keepRecentToolResults(DEFAULT_KEEP_RECENT);
    private TokenEstimator estimator = TokenEstimator.ofDefaults();
    private double threshold = DEFAULT_THRESHOLD;
    private double target = DEFAULT_TARGET;

    private Builder() {}

    /** The compaction policy. */
    public Builder policy(ContextPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy is required, but was null");
      return this;
    }

    /** The token estimator. */
    public Builder estimator(TokenEstimator estimator) {
      this.estimator = Objects.requireNonNull(estimator, "estimator is required, but was null");
      return this;
    }

    /** Fraction of the window, in (0, 1], at which to compact. */
    public Builder threshold(double threshold) {
      if (!(threshold > 0 && threshold <= 1)) {
        throw new IllegalArgumentException("threshold must be in (0, 1], but was " + threshold);
      }
      this.threshold = threshold;
      return this;
    }

    /** Fraction of the window, in (0, 1], to compact down to; at most the threshold. */
    public Builder target(double target) {
      if (!(target > 0 && target <= 1)) {
        throw new IllegalArgumentException("target must be in (0, 1], but was " + target);
      }
      this.target = target;
      return this;
    }

    /** Builds the settings. */
    public ContextManagement build() {
      if (target > threshold) {
        throw new IllegalArgumentException(
            "target must be <= threshold (" + threshold + "), but was " + target);
      }
      return new ContextManagement(this);
    }
  }
}
