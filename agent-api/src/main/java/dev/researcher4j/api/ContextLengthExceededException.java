package dev.researcher4j.api;

/**
 * The conversation did not fit the model's context window. Not retryable as it is, but context
 * management can compact the history and try again; a run catches this to do so.
 */
public class ContextLengthExceededException extends InvalidRequestException {

  private static final long serialVersionUID = 1L;

  /** The error code every client uses for this failure, whatever the server called it. */
  public static final String ERROR_CODE = "context_length_exceeded";

  /** With every detail; the error code is {@link #ERROR_CODE}. */
  public ContextLengthExceededException(
      String message, Throwable cause, String provider, int statusCode) {
    super(message, cause, provider, statusCode, ERROR_CODE);
  }
}
