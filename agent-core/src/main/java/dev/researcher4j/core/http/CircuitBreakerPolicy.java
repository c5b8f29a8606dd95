package dev.researcher4j.core.http;

import java.time.Duration;
import java.util.Objects;

/**
 * When to stop calling a failing service for a while: after {@code failureRateThreshold} percent of
 * the last {@code slidingWindowSize} calls failed (once at least {@code minimumNumberOfCalls} were
 * made), calls fail at once for {@code waitInOpenState}, then a few trial calls decide whether to
 * close again. Only failures that suggest the service is unwell count (server errors, timeouts,
 * dropped connections); bad requests and rate limits do not.
 *
 * <p>Immutable and thread-safe. {@link #disabled()} turns circuit breaking off.
 */
public final class CircuitBreakerPolicy {

  /** Default failure percentage that opens the circuit. */
  public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50f;

  /** Default number of recent calls considered. */
  public static final int DEFAULT_SLIDING_WINDOW_SIZE = 20;

  /** Default number of calls before the rate is judged. */
  public static final int DEFAULT_MINIMUM_NUMBER_OF_CALLS = 10;

  /** Default time the circuit stays open. */
  public static final Duration DEFAULT_WAIT_IN_OPEN_STATE = Duration.ofSeconds(30);

  private static final CircuitBreakerPolicy DEFAULTS = custom().build();
  private static final CircuitBreakerPolicy DISABLED = new CircuitBreakerPolicy(custom(), false);

  private final boolean enabled;
  private final float failureRateThreshold;
  private final int slidingWindowSize;
  private final int minimumNumberOfCalls;
  private final Duration waitInOpenState;

  private CircuitBreakerPolicy(Builder b, boolean enabled) {
    this.enabled = enabled;
    this.failureRateThreshold = b.failureRateThreshold;
    this.slidingWindowSize = b.slidingWindowSize;
    this.minimumNumberOfCalls = b.minimumNumberOfCalls;
    this.waitInOpenState = b.waitInOpenState;
  }

  /** The defaults: open at 50% failures of the last 20 calls (after 10), for 30 s. */
  public static CircuitBreakerPolicy ofDefaults() {
    return DEFAULTS;
  }

  /** No circuit breaking. */
  public static CircuitBreakerPolicy disabled() {
    return DISABLED;
  }

  /** A builder starting from the defaults. */
  public static Builder custom() {
    return new Builder();
  }

  /** Whether circuit breaking is on. */
  public boolean enabled() {
    return enabled;
  }

  /** Failure percentage that opens the circuit. */
  public float failureRateThreshold() {
    return failureRateThreshold;
  }

  /** Number of recent calls considered. */
  public int slidingWindowSize() {
    return slidingWindowSize;
  }

  /** Number of calls before the rate is judged. */
  public int minimumNumberOfCalls() {
    return minimumNumberOfCalls;
  }

  /** Time the circuit stays open. */
  public Duration waitInOpenState() {
    return waitInOpenState;
  }

  /** Builds a {@link CircuitBreakerPolicy}; setters reject bad values at once. */
  public static final class Builder {
    private float failureRateThreshold = DEFAULT_FAILURE_RATE_THRESHOLD;
    private int slidingWindowSize = DEFAULT_SLIDING_WINDOW_SIZE;
    private int minimumNumberOfCalls = DEFAULT_MINIMUM_NUMBER_OF_CALLS;
    private Duration waitInOpenState = DEFAULT_WAIT_IN_OPEN_STATE;

    private Builder() {}

    /** Failure percentage in (0, 100]. */
    public Builder failureRateThreshold(float percent) {
      if (!(percent > 0 && percent <= 100)) {
        throw new IllegalArgumentException(
            "failureRateThreshold must be in (0, 100], but was " + percent);
      }
      this.failureRateThreshold = percent;
      return this;
    }

    /** Number of recent calls considered, at least 1. */
    public Builder slidingWindowSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("slidingWindowSize must be >= 1, but was " + size);
      }
      this.slidingWindowSize = size;
      return this;
    }

    /** Calls before the rate is judged, at least 1. */
    public Builder minimumNumberOfCalls(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("minimumNumberOfCalls must be >= 1, but was " + calls);
      }
      this.minimumNumberOfCalls = calls;
      return this;
    }

    /** Time the circuit stays open, positive. */
    public Builder waitInOpenState(Duration wait) {
      Objects.requireNonNull(wait, "waitInOpenState is required, but was null");
      if (wait.isNegative() || wait.isZero()) {
        throw new IllegalArgumentException("waitInOpenState must be positive, but was " + wait);
      }
      this.waitInOpenState = wait;
      return this;
    }

    /** Builds the policy (enabled). */
    public CircuitBreakerPolicy build() {
      return new CircuitBreakerPolicy(this, true);
    }
  }
}
