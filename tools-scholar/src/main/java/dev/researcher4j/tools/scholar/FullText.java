package dev.researcher4j.tools.scholar;

import java.util.Objects;

/**
 * The text of a document read by a {@link FullTextReader}.
 *
 * @param url the address the text was read from (after redirects, when the reader knows)
 * @param title the document's title, or empty
 * @param text the document's text, plain, never blank
 */
public record FullText(String url, String title, String text) {

  /** Checks the fields. */
  public FullText {
    Objects.requireNonNull(url, "url is required, but was null");
    title = title == null ? "" : title;
    Objects.requireNonNull(text, "text is required, but was null");
    if (text.isBlank()) {
      throw new IllegalArgumentException("text is required, but was blank");
    }
  }
}
