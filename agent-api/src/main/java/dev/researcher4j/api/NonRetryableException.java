package dev.researcher4j.api;

/**
 * A failure that trying again will not fix: a bad API key, a malformed request, a missing model,
 * missing configuration. The message says what to fix.
 */
public non-sealed class NonRetryableException extends ResearchException {

  private static final long serialVersionUID = 1L;

  /** A non-retryable failure with a message. */
  public NonRetryableException(String message) {
    this(message, null, "", 0, "");
  }

  /** A non-retryable failure with a message and cause. */
  public NonRetryableException(String message, Throwable cause) {
    this(message, cause, "", 0, "");
  }

  /** A non-retryable failure with every detail. */
  public NonRetryableException(
      String message, Throwable cause, String provider, int statusCode, String errorCode) {
    super(message, cause, provider, statusCode, errorCode);
  }

  @Override
  public final boolean isRetryable() {
    return false;
  }
}
