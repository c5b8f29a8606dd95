package dev.researcher4j.core.context;

import java.util.Objects;

/**
 * When and how a run compacts its history: once the estimated prompt passes {@code threshold} of
 * the model's context window, the {@link ContextPolicy} is asked to bring it under {@code target}
 * of the window. Compacting well below the threshold makes compactions rare, which keeps provider
 * prompt caches warm and trajectories mostly append-only.
 *
 * <p>It also compacts well before the window fills, once the tool results the policy would clear
 * add up to {@link #staleResultTokens()} (see {@link ContextPolicy#reclaimableTokens}): with the
 * default policy, whole results older than the last few. A run pays for every token of its history
 * again on every model call, and models use a long context worse than a short one, so old pages are
 * worth little where they are; their source ids stay in the notes, the trajectory keeps them in
 * full, and calling the tool again answers from the run's cache. Waiting until that much can be
 * cleared, rather than clearing one result per turn, keeps the history append-only for several
 * turns at a time, so provider prompt caches keep working between compactions.
 *
 * <p>Defaults: {@link ContextPolicy#keepRecentToolResults keep the last} {@value
 * #DEFAULT_KEEP_RECENT} tool results, {@link TokenEstimator#ofDefaults() 4 characters per token},
 * threshold {@value #DEFAULT_THRESHOLD}, target {@value #DEFAULT_TARGET}, stale results cleared at
 * {@value #DEFAULT_STALE_RESULT_TOKENS} tokens. Immutable and thread-safe.
 */
public final class ContextManagement {

  /** Default fraction of the context window at which history is compacted. */
  public static final double DEFAULT_THRESHOLD = 0.75;

  /** Default fraction of the context window that compaction aims for. */
  public static final double DEFAULT_TARGET = 0.5;

  /** Default number of recent tool results kept whole. */
  public static final int DEFAULT_KEEP_RECENT = 3;

  /**
   * Default estimated tokens of stale tool results at which history is compacted early: about two
   * read pages' worth.
   */
  public static final long DEFAULT_STALE_RESULT_TOKENS = 2_000;

  private static final ContextManagement DEFAULTS = builder().build();

  private final ContextPolicy policy;
  private final TokenEstimator estimator;
  private final double threshold;
  private final double target;
  private final long staleResultTokens;

  private ContextManagement(Builder b) {
    this.policy = b.policy;
    this.estimator = b.estimator;
    this.threshold = b.threshold;
    this.target = b.target;
    this.staleResultTokens = b.staleResultTokens;
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
    return new Builder()
        .policy(policy)
        .estimator(estimator)
        .threshold(threshold)
        .target(target)
        .staleResultTokens(staleResultTokens);
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

  /**
   * Estimated tokens of stale tool results (what {@link ContextPolicy#reclaimableTokens} reports)
   * at which history is compacted even far below the threshold; 0 when only the threshold counts.
   */
  public long staleResultTokens() {
    return staleResultTokens;
  }

  /** Builds {@link ContextManagement}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private ContextPolicy policy = ContextPolicy.keepRecentToolResults(DEFAULT_KEEP_RECENT);
    private TokenEstimator estimator = TokenEstimator.ofDefaults();
    private double threshold = DEFAULT_THRESHOLD;
    private double target = DEFAULT_TARGET;
    private long staleResultTokens = DEFAULT_STALE_RESULT_TOKENS;

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

    /**
     * Compacts as soon as the policy could clear this many estimated tokens of stale tool results,
     * whatever the window; 0 turns early compaction off (only the threshold counts). Lower sends
     * less per call; higher rewrites the history less often, which suits provider prompt caches.
     */
    public Builder staleResultTokens(long tokens) {
      if (tokens < 0) {
        throw new IllegalArgumentException("staleResultTokens must be >= 0, but was " + tokens);
      }
      this.staleResultTokens = tokens;
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
