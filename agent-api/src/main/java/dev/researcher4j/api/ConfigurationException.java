package dev.researcher4j.api;

/**
 * Required configuration is missing or invalid; the message names the setting or environment
 * variable to set.
 */
public class ConfigurationException extends NonRetryableException {

  private static final long serialVersionUID = 1L;

  /** With a message only. */
  public ConfigurationException(String message) {
    super(message);
  }

  /** With a message and cause. */
  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }

  /** With every detail. */
  public ConfigurationException(
      String message, Throwable cause, String provider, int statusCode, String errorCode) {
    super(message, cause, provider, statusCode, errorCode);
  }
}
