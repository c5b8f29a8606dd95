package dev.researcher4j.api;

/**
 * The request was rejected as malformed (HTTP 400 or 422) or a call was given bad arguments; the
 * message carries the provider's explanation.
 */
public class InvalidRequestException extends NonRetryableException {

  private static final long serialVersionUID = 1L;

  /** With a message only. */
  public InvalidRequestException(String message) {
    super(message);
  }

  /** With a message and cause. */
  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }

  /** With every detail. */
  public InvalidRequestException(
      String message, Throwable cause, String provider, int statusCode, String errorCode) {
    super(message, cause, provider, statusCode, errorCode);
  }
}
