package dev.researcher4j.tools.web.extract;

import java.util.List;
import java.util.Objects;

/**
 * The result of extracting a page's main content.
 *
 * @param title the page's title (empty when it has none)
 * @param text the main content as plain text: paragraphs separated by a blank line, list items
 *     prefixed with "- ", table rows with cells joined by " | "; the headline is not repeated here
 * @param markdown the same content as Markdown (headings, lists, quotes, code, tables and links)
 * @param links every http(s) link on the page, deduplicated, in document order
 * @param metadata author, date, language and other facts the page states
 * @param fallback empty when the main content was found; otherwise why it was not, and {@code text}
 *     and {@code markdown} then hold the page's whole visible text instead
 */
public record ExtractedContent(
    String title,
    String text,
    String markdown,
    List<PageLink> links,
    PageMetadata metadata,
    String fallback) {

  /** Checks the fields and copies the list. */
  public ExtractedContent {
    title = title == null ? "" : title;
    text = text == null ? "" : text;
    markdown = markdown == null ? "" : markdown;
    links = links == null ? List.of() : List.copyOf(links);
    Objects.requireNonNull(metadata, "metadata is required, but was null");
    fallback = fallback == null ? "" : fallback;
  }

  /** Main content that was found (no {@link #fallback()}). */
  public ExtractedContent(
      String title, String text, String markdown, List<PageLink> links, PageMetadata metadata) {
    this(title, text, markdown, links, metadata, "");
  }

  /** Whether {@code text} is the page's whole visible text, not its main content. */
  public boolean isFallback() {
    return !fallback.isEmpty();
  }
}
