package dev.researcher4j.tools.web.read;

import dev.researcher4j.api.NonRetryableException;

/**
 * A page could not be read and trying again will not help: the server answered 404 or 403, the
 * content is not text, a PDF is broken, there were too many redirects. The message says what
 * happened and what the caller might do instead.
 */
public class PageReadException extends NonRetryableException {

  private static final long serialVersionUID = 1L;

  /** With a message for the model. */
  public PageReadException(String message) {
    super(message);
  }

  /** With a message for the model and an HTTP status. */
  public PageReadException(String message, int statusCode) {
    super(message, null, "web", statusCode, "");
  }

  /** With a message for the model and a cause. */
  public PageReadException(String message, Throwable cause) {
    super(message, cause);
  }
}
