package dev.researcher4j.api;

/**
 * A model reply could not be turned into the expected structured object, even after the model was
 * asked once more with the parse error.
 */
public class StructuredOutputException extends NonRetryableException {

  private static final long serialVersionUID = 1L;

  /** With a message only. */
  public StructuredOutputException(String message) {
    super(message);
  }

  /** With a message and cause. */
  public StructuredOutputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** With every detail. */
  public StructuredOutputException(
      String message, Throwable cause, String provider, int statusCode, String errorCode) {
    super(message, cause, provider, statusCode, errorCode);
  }
}
