package dev.researcher4j.tools.scholar;

import java.util.List;

/**
 * One page of papers from a source, with what is needed to ask for the next.
 *
 * @param papers the papers on this page, in the source's order
 * @param total how many results the source says match in all, or -1 when it did not say
 * @param next what to pass to get the next page (an offset, a start index or a cursor, as the
 *     client's method says), or empty when this is the last page
 */
public record PaperPage(List<Paper> papers, long total, String next) {

  /** Checks and copies the fields. */
  public PaperPage {
    papers = papers == null ? List.of() : List.copyOf(papers);
    if (total < -1) {
      throw new IllegalArgumentException("total must be >= -1, but was " + total);
    }
    next = next == null ? "" : next;
  }

  /** Whether there is another page. */
  public boolean hasNext() {
    return !next.isEmpty();
  }
}
