package dev.researcher4j.core.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How a failed call is retried: how many attempts, and how long to wait between them.
 *
 * <p>Only {@link dev.researcher4j.api.RetryableException retryable} failures are retried. The wait
 * after attempt {@code n} is {@code initialBackoff × multiplier^(n-1)}, capped at {@code
 * maxBackoff}, spread by ± {@code jitter} of itself so that many clients do not retry in step. When
 * the server says how long to wait ({@code Retry-After}), that wait is used instead; if it asks for
 * longer than {@code maxRetryAfter}, the call fails at once rather than hang.
 *
 * <p>Immutable and thread-safe. Make one with {@link #custom()}, {@link #from(RetryPolicy)}, {@link
 * #ofDefaults()} or {@link #none()}.
 */
public final class RetryPolicy {

  /** Default number of attempts, the first included. */
  public static final int DEFAULT_MAX_ATTEMPTS = 4;

  /** Default wait after the first failure. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);

  /** Default longest wait between attempts. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

  /** Default growth of the wait per attempt. */
  public static final double DEFAULT_MULTIPLIER = 2.0;

  /** Default random spread of each wait, as a fraction of it. */
  public static final double DEFAULT_JITTER = 0.2;

  /** Default longest server-requested wait that is honoured. */
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofMinutes(2);

  private static final RetryPolicy DEFAULTS = custom().build();
  private static final RetryPolicy NONE = custom().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final double multiplier;
  private final double jitter;
  private final Duration maxRetryAfter;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.multiplier = b.multiplier;
    this.jitter = b.jitter;
    this.maxRetryAfter = b.maxRetryAfter;
  }

  /** The defaults: {@value #DEFAULT_MAX_ATTEMPTS} attempts, 0.5 s doubling to 30 s, 20% jitter. */
  public static RetryPolicy ofDefaults() {
    return DEFAULTS;
  }

  /** One attempt, no retry. */
  public static RetryPolicy none() {
    return NONE;
  }

  /** A builder starting from the defaults. */
  public static Builder custom() {
    return new Builder();
  }

  /** A builder starting from {@code base}. */
  public static Builder from(RetryPolicy base) {
    Builder b = new Builder();
    b.maxAttempts = base.maxAttempts;
    b.initialBackoff = base.initialBackoff;
    b.maxBackoff = base.maxBackoff;
    b.multiplier = base.multiplier;
    b.jitter = base.jitter;
    b.maxRetryAfter = base.maxRetryAfter;
    return b;
  }

  /** Attempts in all, the first included; 1 means no retry. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Wait after the first failure. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** Longest computed wait. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** Growth of the wait per attempt. */
  public double multiplier() {
    return multiplier;
  }

  /** Random spread of each wait, as a fraction of it. */
  public double jitter() {
    return jitter;
  }

  /** Longest server-requested wait that is honoured. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * The wait after failed attempt {@code attempt} (from 1) when the server gave no {@code
   * Retry-After}.
   *
   * @param random a number in [0, 1) choosing where in the jitter range the wait falls
   */
  public Duration backoff(int attempt, double random) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt counts from 1, but was " + attempt);
    }
    double base = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 1);
    double capped = Math.min(base, maxBackoff.toMillis());
    double spread = capped * jitter * (2 * random - 1);
    return Duration.ofMillis(Math.max(0, Math.round(capped + spread)));
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", multiplier="
        + multiplier
        + ", jitter="
        + jitter
        + ", maxRetryAfter="
        + maxRetryAfter
        + '}';
  }

  /** Builds a {@link RetryPolicy}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private double multiplier = DEFAULT_MULTIPLIER;
    private double jitter = DEFAULT_JITTER;
    private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;

    private Builder() {}

    /** Attempts in all, at least 1. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1, but was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Wait after the first failure, not negative. */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = notNegative(initialBackoff, "initialBackoff");
      return this;
    }

    /** Longest computed wait, not negative. */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = notNegative(maxBackoff, "maxBackoff");
      return this;
    }

    /** Growth per attempt, at least 1. */
    public Builder multiplier(double multiplier) {
      if (!(multiplier >= 1)) {
        throw new IllegalArgumentException("multiplier must be >= 1, but was " + multiplier);
      }
      this.multiplier = multiplier;
      return this;
    }

    /** Random spread in [0, 1). */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter < 1)) {
        throw new IllegalArgumentException("jitter must be in [0, 1), but was " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /** Longest server-requested wait that is honoured, not negative. */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = notNegative(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    /** Builds the policy. */
    public RetryPolicy build() {
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException(
            "maxBackoff must be >= initialBackoff (" + initialBackoff + "), but was " + maxBackoff);
      }
      return new RetryPolicy(this);
    }

    private static Duration notNegative(Duration value, String name) {
      Objects.requireNonNull(value, () -> name + " is required, but was null");
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, but was " + value);
      }
      return value;
    }
  }
}
