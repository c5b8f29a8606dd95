package dev.researcher4j.tools.web.search;

import java.util.Locale;

/**
 * How recent results must be: published within the last day, week, month or year. Providers that
 * cannot filter by date ignore it and say so in {@link SearchResults#notes()}.
 */
public enum Freshness {
  /** The last 24 hours. */
  DAY,
  /** The last 7 days. */
  WEEK,
  /** The last 31 days. */
  MONTH,
  /** The last 365 days. */
  YEAR;

  /** The lower-case name, as tools and most providers spell it ({@code day}, {@code week}, …). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads {@code day}, {@code week}, {@code month} or {@code year} (any case, surrounding space
   * ignored; {@code d}, {@code w}, {@code m}, {@code y} also accepted).
   *
   * @throws IllegalArgumentException naming the accepted values when {@code text} is none of them
   */
  public static Freshness parse(String text) {
    String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    switch (value) {
      case "day", "d", "past_day", "24h":
        return DAY;
      case "week", "w", "past_week":
        return WEEK;
      case "month", "m", "past_month":
        return MONTH;
      case "year", "y", "past_year":
        return YEAR;
      default:
        throw new IllegalArgumentException(
            "freshness must be one of day, week, month, year, but was '" + text + "'");
    }
  }
}
