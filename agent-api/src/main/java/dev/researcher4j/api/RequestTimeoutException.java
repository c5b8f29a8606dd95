package dev.researcher4j.api;

/** A call took longer than its timeout. */
public class RequestTimeoutException extends RetryableException {

  private static final long serialVersionUID = 1L;

  /** With a message only. */
  public RequestTimeoutException(String message) {
    super(message);
  }

  /** With a message and cause. */
  public RequestTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }

  /** With every detail. */
  public RequestTimeoutException(
      String message, Throwable cause, String provider, int statusCode, String errorCode) {
    super(message, cause, provider, statusCode, errorCode, null);
  }
}
