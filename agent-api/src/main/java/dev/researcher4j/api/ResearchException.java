package dev.researcher4j.api;

import java.time.Duration;
import java.util.Optional;

/**
 * The root of every exception researcher4j throws. Unchecked.
 *
 * <p>Two branches: {@link RetryableException} (trying again later may work: rate limits, server
 * errors, timeouts) and {@link NonRetryableException} (it will not: bad key, bad request, missing
 * configuration). Errors from a provider carry its name, the HTTP status and the provider's error
 * code; messages never contain secrets such as API keys.
 */
public abstract sealed class ResearchException extends RuntimeException
    permits RetryableException, NonRetryableException {

  private static final long serialVersionUID = 1L;

  private final String provider;
  private final int statusCode;
  private final String errorCode;

  ResearchException(
      String message, Throwable cause, String provider, int statusCode, String errorCode) {
    super(message, cause);
    this.provider = provider == null ? "" : provider;
    this.statusCode = statusCode;
    this.errorCode = errorCode == null ? "" : errorCode;
  }

  /** Whether the same call may succeed if tried again later. */
  public abstract boolean isRetryable();

  /** How long the provider asked the caller to wait, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.empty();
  }

  /**
   * The provider or service that failed ({@code openai-compatible}, {@code tavily}, …), or empty.
   */
  public String provider() {
    return provider;
  }

  /** The HTTP status, or 0 when the failure was not an HTTP response. */
  public int statusCode() {
    return statusCode;
  }

  /** The provider's own error code (e.g. {@code rate_limit_exceeded}), or empty. */
  public String errorCode() {
    return errorCode;
  }
}
