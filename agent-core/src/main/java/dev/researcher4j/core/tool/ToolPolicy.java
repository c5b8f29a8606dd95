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
 * to {@value #DEFAULT_MAX_RESULT_CHARS} characters, repeated calls cached, no approval needed.
 * Immutable and thread-safe.
 *
 * <p><b>Approval gates.</b> A tool whose calls act on the world (sending mail, buying, posting) can
 * {@linkplain Builder#requiresApproval(String) require a person's approval}: each call waits for a
 * {@link dev.researcher4j.core.human.HumanChannel} decision (at most {@link
 * Builder#approvalTimeout(Duration)}, then it counts as refused) before it runs. A refused call is
 * not made; the model is told so, as an observation, and the decision is recorded.
 */
public final class ToolPolicy {

  /** Default longest time one call may take, retries included. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  /** Default longest wait for a person's approval, after which the call counts as refused. */
  public static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofMinutes(10);

  /** Default longest result shown to the model, in characters. */
  public static final int DEFAULT_MAX_RESULT_CHARS = 20_000;

  private static final ToolPolicy DEFAULTS = custom().build();

  private final Duration timeout;
  private final RetryPolicy retry;
  private final CircuitBreakerPolicy circuitBreaker;
  private final int maxResultChars;
  private final boolean cacheRepeatedCalls;
  private final String approvalReason;
  private final Duration approvalTimeout;

  private ToolPolicy(Builder b) {
    this.approvalReason = b.approvalReason;
    this.approvalTimeout = b.approvalTimeout;
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
    Builder b =
        new Builder()
            .timeout(base.timeout)
            .retry(base.retry)
            .circuitBreaker(base.circuitBreaker)
            .maxResultChars(base.maxResultChars)
            .cacheRepeatedCalls(base.cacheRepeatedCalls)
            .approvalTimeout(base.approvalTimeout);
    b.approvalReason = base.approvalReason;
    return b;
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

  /** Whether each call waits for a person's approval before it runs. */
  public boolean requiresApproval() {
    return approvalReason != null;
  }

  /** Why calls need approval (shown to the person), or empty when they do not. */
  public String approvalReason() {
    return approvalReason == null ? "" : approvalReason;
  }

  /** The longest wait for a person's approval; then the call counts as refused. */
  public Duration approvalTimeout() {
    return approvalTimeout;
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
        + (requiresApproval() ? ", requiresApproval" : "")
        + '}';
  }

  /** Builds a {@link ToolPolicy}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private Duration timeout = DEFAULT_TIMEOUT;
    private RetryPolicy retry = RetryPolicy.none();
    private CircuitBreakerPolicy circuitBreaker = CircuitBreakerPolicy.ofDefaults();
    private int maxResultChars = DEFAULT_MAX_RESULT_CHARS;
    private boolean cacheRepeatedCalls = true;
    private String approvalReason;
    private Duration approvalTimeout = DEFAULT_APPROVAL_TIMEOUT;

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

    /**
     * Makes each call wait for a person's approval through the agent's {@link
     * dev.researcher4j.core.human.HumanChannel} ({@code ResearchAgent.Builder.humanChannel}),
     * telling them {@code reason} ("sends e-mail in your name"). An agent with such a tool and no
     * channel is refused at build time.
     */
    public Builder requiresApproval(String reason) {
      Objects.requireNonNull(reason, "reason is required, but was null");
      if (reason.isBlank()) {
        throw new IllegalArgumentException(
            "reason must say why calls need approval, but was blank");
      }
      this.approvalReason = reason.strip();
      return this;
    }

    /** The longest wait for a person's approval, positive; default 10 minutes. */
    public Builder approvalTimeout(Duration approvalTimeout) {
      Objects.requireNonNull(approvalTimeout, "approvalTimeout is required, but was null");
      if (approvalTimeout.isNegative() || approvalTimeout.isZero()) {
        throw new IllegalArgumentException(
            "approvalTimeout must be positive, but was " + approvalTimeout);
      }
      this.approvalTimeout = approvalTimeout;
      return this;
    }

    /** Builds the policy. */
    public ToolPolicy build() {
      return new ToolPolicy(this);
    }
  }
}
