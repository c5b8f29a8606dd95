package dev.researcher4j.api;

import java.time.Duration;

/** The provider failed (HTTP 5xx, or an error inside a stream); retried under the retry policy. */
public class ServerErrorException extends RetryableException {

  private static final long serialVersionUID = 1L;

  /** With a message only. */
  public ServerErrorException(String message) {
    super(message);
  }

  /** With a message and cause. */
  public ServerErrorException(String message, Throwable cause) {
    super(message, cause);
  }

  /** With every detail. */
  public ServerErrorException(
      String message,
      Throwable cause,
      String provider,
      int statusCode,
      String errorCode,
      Duration retryAfter) {
    super(message, cause, provider, statusCode, errorCode, retryAfter);
  }
}
