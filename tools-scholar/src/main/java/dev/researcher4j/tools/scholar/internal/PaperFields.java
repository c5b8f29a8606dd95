package dev.researcher4j.tools.scholar.internal;

/**
 * How {@link dev.researcher4j.tools.scholar.Paper.Builder} cleans the plain fields sources send:
 * values that are not what the field holds become "unknown" ({@code null} or empty) instead of
 * failing, because one bad field should not lose a paper.
 */
public final class PaperFields {

  private PaperFields() {}

  /** {@code year} if it is in 1000..2999, else {@code null}. */
  public static Integer year(Integer year) {
    return year != null && year >= 1000 && year <= 2999 ? year : null;
  }

  /**
   * {@code date} as an ISO date ({@code 2017}, {@code 2017-06}, {@code 2017-06-12}), a longer
   * timestamp cut to its date; empty for anything else.
   */
  public static String isoDate(String date) {
    String value = date == null ? "" : date.strip();
    if (value.length() > 10 && value.matches("\\d{4}-\\d{2}-\\d{2}[T ].*")) {
      value = value.substring(0, 10);
    }
    return value.matches("\\d{4}(-\\d{2}(-\\d{2})?)?") ? value : "";
  }

  /** {@code url} stripped if it is an http(s) URL, else empty. */
  public static String url(String url) {
    String value = url == null ? "" : url.strip();
    return value.matches("(?i)https?://\\S+") ? value : "";
  }

  /** {@code count} unless it is {@code null} or negative, then {@code null}. */
  public static Integer count(Integer count) {
    return count == null || count < 0 ? null : count;
  }
}
