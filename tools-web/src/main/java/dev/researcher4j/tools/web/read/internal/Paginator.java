package dev.researcher4j.tools.web.read.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits long text into pages of at most a given number of characters, breaking at a paragraph when
 * one ends in the second half of the page, else at a line, else at a space, so pages end where a
 * reader would pause. Stateless.
 */
public final class Paginator {

  /**
   * One page.
   *
   * @param start offset of its first character
   * @param end offset after its last character
   */
  public record Span(int start, int end) {}

  private Paginator() {}

  /** The pages of {@code text}; one (possibly empty) page at least. */
  public static List<Span> split(String text, int pageSize) {
    List<Span> pages = new ArrayList<>();
    int start = 0;
    int length = text.length();
    while (length - start > pageSize) {
      int limit = start + pageSize;
      int min = start + pageSize / 2;
      int cut = text.lastIndexOf("\n\n", limit);
      if (cut < min) {
        cut = text.lastIndexOf('\n', limit);
      }
      if (cut < min) {
        cut = text.lastIndexOf(' ', limit);
      }
      if (cut < min) {
        cut = limit;
        if (Character.isLowSurrogate(text.charAt(cut))) {
          cut--; // do not split a character
        }
      }
      pages.add(new Span(start, cut));
      start = cut;
      while (start < length && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
    }
    pages.add(new Span(start, length));
    return pages;
  }

  /** The 1-based page holding {@code offset}. */
  public static int pageOf(List<Span> pages, int offset) {
    for (int i = 0; i < pages.size(); i++) {
      if (offset < pages.get(i).end() || i == pages.size() - 1) {
        return i + 1;
      }
    }
    return pages.size();
  }
}
