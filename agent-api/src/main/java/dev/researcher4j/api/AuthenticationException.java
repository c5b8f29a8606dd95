package dev.researcher4j.api;

/**
 * The provider rejected the credentials (HTTP 401 or 403). The message names the setting or
 * environment variable to fix; it never contains the key itself.
 */
public class AuthenticationException extends NonRetryableException {

  private static final long serialVersionUID = 1L;

  /** With a message only. */
  public AuthenticationException(String message) {
    super(message);
  }

  /** With a message and cause. */
  public AuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }

  /** With every detail. */
  public AuthenticationException(
      String message, Throwable cause, String provider, int statusCode, String errorCode) {
    super(message, cause, provider, statusCode, errorCode);
  }
}
