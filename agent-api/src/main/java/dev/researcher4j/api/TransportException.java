package dev.researcher4j.api;

/** The connection failed or was reset before a complete response arrived. */
public class TransportException extends RetryableException {

  private static final long serialVersionUID = 1L;

  /** With a message only. */
  public TransportException(String message) {
    super(message);
  }

  /** With a message and cause. */
  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }

  /** With every detail. */
  public TransportException(
      String message, Throwable cause, String provider, int statusCode, String errorCode) {
    super(message, cause, provider, statusCode, errorCode, null);
  }
}
