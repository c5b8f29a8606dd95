package dev.researcher4j.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may go away if the call is tried again later: rate limits, server errors,
 * timeouts, dropped connections, garbled responses. Clients retry these under their retry policy
 * before giving up and throwing.
 */
public non-sealed class RetryableException extends ResearchException {

  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  /** A retryable failure with a message. */
  public RetryableException(String message) {
    this(message, null, "", 0, "", null);
  }

  /** A retryable failure with a message and cause. */
  public RetryableException(String message, Throwable cause) {
    this(message, cause, "", 0, "", null);
  }

  /**
   * A retryable failure with every detail.
   *
   * @param retryAfter how long the provider asked to wait, or {@code null}
   */
  public RetryableException(
      String message,
      Throwable cause,
      String provider,
      int statusCode,
      String errorCode,
      Duration retryAfter) {
    super(message, cause, provider, statusCode, errorCode);
    this.retryAfter = retryAfter;
  }

  @Override
  public final boolean isRetryable() {
    return true;
  }

  @Override
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
