package dev.researcher4j.tools.web.guard;

import dev.researcher4j.api.NonRetryableException;

/**
 * A URL was refused before anything was fetched from it: a scheme other than http or https,
 * credentials in the URL, an address that is not public (loopback, private, link-local, metadata…),
 * an odd IP spelling, or a path robots.txt disallows. The message says which and why.
 */
public class UrlRefusedException extends NonRetryableException {

  private static final long serialVersionUID = 1L;

  /** With a message that names the URL and the reason. */
  public UrlRefusedException(String message) {
    super(message);
  }
}
