package dev.researcher4j.api;

/** The model, endpoint or resource does not exist (HTTP 404). */
public class NotFoundException extends NonRetryableException {

  private static final long serialVersionUID = 1L;

  /** With a message only. */
  public NotFoundException(String message) {
    super(message);
  }

  /** With a message and cause. */
  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }

  /** With every detail. */
  public NotFoundException(
      String message, Throwable cause, String provider, int statusCode, String errorCode) {
    super(message, cause, provider, statusCode, errorCode);
  }
}
