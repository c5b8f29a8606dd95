package dev.researcher4j.api;

/**
 * The account's quota or credit is used up (for example OpenAI's {@code insufficient_quota}).
 * Unlike a rate limit, waiting will not help.
 */
public class QuotaExceededException extends NonRetryableException {

  private static final long serialVersionUID = 1L;

  /** With a message only. */
  public QuotaExceededException(String message) {
    super(message);
  }

  /** With a message and cause. */
  public QuotaExceededException(String message, Throwable cause) {
    super(message, cause);
  }

  /** With every detail. */
  public QuotaExceededException(
      String message, Throwable cause, String provider, int statusCode, String errorCode) {
    super(message, cause, provider, statusCode, errorCode);
  }
}
