package dev.researcher4j.api;

import java.time.Duration;

/**
 * The provider is rate-limiting (HTTP 429). {@link #retryAfter()} holds the wait it asked for
 * ({@code Retry-After} in seconds or as an HTTP date) when it gave one.
 */
public class RateLimitException extends RetryableException {

  private static final long serialVersionUID = 1L;

  /** With a message only. */
  public RateLimitException(String message) {
    super(message);
  }

  /** With a message and cause. */
  public RateLimitException(String message, Throwable cause) {
    super(message, cause);
  }

  /** With every detail. */
  public RateLimitException(
      String message,
      Throwable cause,
      String provider,
      int statusCode,
      String errorCode,
      Duration retryAfter) {
    super(message, cause, provider, statusCode, errorCode, retryAfter);
  }
}
