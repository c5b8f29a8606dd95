package dev.researcher4j.tools.web.search.internal;

import org.jsoup.Jsoup;

/**
 * Turns provider titles and snippets into plain text: highlighting tags ({@code <strong>}, {@code
 * <b>}) and entities ({@code &amp;}) that Brave, SearXNG and DuckDuckGo leave in are removed,
 * whitespace collapsed.
 */
public final class Snippets {
  private Snippets() {}

  /** {@code text} as plain text on one line; empty for {@code null}. */
  public static String plain(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String value = text;
    if (value.indexOf('<') >= 0 || value.indexOf('&') >= 0) {
      value = Jsoup.parseBodyFragment(value).text();
    }
    return value.replaceAll("\\s+", " ").strip();
  }
}
