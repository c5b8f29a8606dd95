package dev.researcher4j.core.tool;

import dev.researcher4j.core.http.CircuitBreakerPolicy;
import dev.researcher4j.core.http.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How a run calls one tool: how long a call may take, whether failed calls are retried, when to
 * stop calling a failing tool for a while, how much of a result the model is shown, and whether a
 * repeated identical call is answered from the run's cache.
 *
 * <p>Defaults: timeout {@link #DEFAULT_TIMEOUT} (retries included), no retry (tools built on
 * agent-core's HTTP plumbing retry their own requests), {@link CircuitBreakerPolicy#ofDefaults()}
 * (shared by every run of an agent; only retryable failures and timeouts count), results shown up
 * to {@value #DEFAULT_MAX_RESULT_CHARS} characters, repeated calls cached. Immutable and
 * thread-safe.
 */
public final class ToolPolicy {

  /** Default longest time one call may take, retries included. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  /** Default longest result shown to the model, in characters. */
  public static final int DEFAULT_MAX_RESULT_CHARS = 20_000;

  private static final ToolPolicy DEFAULTS = custom().build();

  private final Duration timeout;
  private final RetryPolicy retry;
  private final CircuitBreakerPolicy circuitBreaker;
  private final int maxResultChars;
  private final boolean cacheRepeatedCalls;

  private ToolPolicy(Builder b) {
    this.timeout = b.timeout;
    this.retry = b.retry;
    this.circuitBreaker = b.circuitBreaker;
    this.maxResultChars = b.maxResultChars;
    this.cacheRepeatedCalls = b.cacheRepeatedCalls;
  }

  /** The defaults. */
  public static ToolPolicy ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder custom() {
    return new Builder();
  }

  /** A builder starting from {@code base}. */
  public static Builder from(ToolPolicy base) {
    return new Builder()
        .timeout(base.timeout)
        .retry(base.retry)
        .circuitBreaker(base.circuitBreaker)
        .maxResultChars(base.maxResultChars)
        .cacheRepeatedCalls(base.cacheRepeatedCalls);
  }

  /** Longest time one call may take, retries included. */
  public Duration timeout() {
    return timeout;
  }

  /** How failed calls are retried (only retryable failures are). */
  public RetryPolicy retry() {
    return retry;
  }

  /** When to stop calling the tool for a while. */
  public CircuitBreakerPolicy circuitBreaker() {
    return circuitBreaker;
  }

  /** Longest result shown to the model, in characters; longer ones are cut with a note. */
  public int maxResultChars() {
    return maxResultChars;
  }

  /** Whether a repeated call with the same arguments gets the earlier successful result. */
  public boolean cacheRepeatedCalls() {
    return cacheRepeatedCalls;
  }

  @Override
  public String toString() {
    return "ToolPolicy{timeout="
        + timeout
        + ", retry="
        + retry
        + ", circuitBreaker="
        + (circuitBreaker.enabled() ? "on" : "off")
        + ", maxResultChars="
        + maxResultChars
        + ", cacheRepeatedCalls="
        + cacheRepeatedCalls
        + '}';
  }

  /** Builds a {@link ToolPolicy}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private Duration timeout = DEFAULT_TIMEOUT;
    private RetryPolicy retry = RetryPolicy.none();
    private CircuitBreakerPolicy circuitBreaker = CircuitBreakerPolicy.ofDefaults();
    private int maxResultChars = DEFAULT_MAX_RESULT_CHARS;
    private boolean cacheRepeatedCalls = true;

    private Builder() {}

    /** Longest time one call may take, positive. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout is required, but was null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** How failed calls are retried. */
    public Builder retry(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry is required, but was null");
      return this;
    }

    /** When to stop calling the tool for a while; {@link CircuitBreakerPolicy#disabled()} never. */
    public Builder circuitBreaker(CircuitBreakerPolicy circuitBreaker) {
      this.circuitBreaker =
          Objects.requireNonNull(circuitBreaker, "circuitBreaker is required, but was null");
      return this;
    }

    /** Longest result shown to the model, at least 200 characters. */
    public Builder maxResultChars(int maxResultChars) {
      if (maxResultChars < 200) {
        throw new IllegalArgumentException(
            "maxResultChars must be >= 200, but was " + maxResultChars);
      }
      this.maxResultChars = maxResultChars;
      return this;
    }

    /** Whether repeated identical calls are answered from the run's cache. */
    public Builder cacheRepeatedCalls(boolean cacheRepeatedCalls) {
      this.cacheRepeatedCalls = cacheRepeatedCalls;
      return this;
    }

    /** Builds the policy. */
    public ToolPolicy build() {
      return new ToolPolicy(this);
    }
  }
}
