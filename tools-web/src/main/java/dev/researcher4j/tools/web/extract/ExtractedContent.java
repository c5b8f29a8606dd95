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
 */
public record ExtractedContent(
    String title, String text, String markdown, List<PageLink> links, PageMetadata metadata) {

  /** Checks the fields and copies the list. */
  public ExtractedContent {
    title = title == null ? "" : title;
    text = text == null ? "" : text;
    markdown = markdown == null ? "" : markdown;
    links = links == null ? List.of() : List.copyOf(links);
    Objects.requireNonNull(metadata, "metadata is required, but was null");
  }
}
