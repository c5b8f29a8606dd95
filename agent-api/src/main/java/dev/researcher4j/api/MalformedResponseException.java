package dev.researcher4j.api;

/**
 * The provider answered with a body that could not be understood: broken JSON, no choices, a stream
 * cut off before its end. Retried, because proxies and overloaded servers produce these.
 */
public class MalformedResponseException extends RetryableException {

  private static final long serialVersionUID = 1L;

  /** With a message only. */
  public MalformedResponseException(String message) {
    super(message);
  }

  /** With a message and cause. */
  public MalformedResponseException(String message, Throwable cause) {
    super(message, cause);
  }

  /** With every detail. */
  public MalformedResponseException(
      String message, Throwable cause, String provider, int statusCode, String errorCode) {
    super(message, cause, provider, statusCode, errorCode, null);
  }
}
