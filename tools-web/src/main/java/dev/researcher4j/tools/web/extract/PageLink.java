package dev.researcher4j.tools.web.extract;

import java.util.Objects;

/**
 * A link found on a page.
 *
 * @param url the absolute http(s) address it points to
 * @param text its anchor text, whitespace collapsed (may be empty)
 * @param inMainContent whether it sits in the extracted main content rather than in navigation,
 *     sidebars or footers
 */
public record PageLink(String url, String text, boolean inMainContent) {

  /** Checks the fields. */
  public PageLink {
    Objects.requireNonNull(url, "url is required, but was null");
    text = text == null ? "" : text;
  }
}
