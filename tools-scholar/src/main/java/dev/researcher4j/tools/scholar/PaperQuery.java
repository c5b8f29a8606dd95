package dev.researcher4j.tools.scholar;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A search for papers that every {@link ScholarSource} understands: free text, an optional year
 * range and how many results to return. Each source translates it to its own syntax (arXiv field
 * prefixes, OpenAlex filters, PubMed date limits, …); source-specific features are on the clients.
 *
 * <p>Immutable and thread-safe. Make one with {@link #of(String)} or {@link #builder(String)}.
 */
public final class PaperQuery {

  /** Default number of results: {@value}. */
  public static final int DEFAULT_LIMIT = 10;

  /** Largest number of results one query may ask for: {@value}. */
  public static final int MAX_LIMIT = 100;

  private final String text;
  private final Integer fromYear;
  private final Integer toYear;
  private final int limit;

  private PaperQuery(Builder b) {
    this.text = b.text;
    this.fromYear = b.fromYear;
    this.toYear = b.toYear;
    this.limit = b.limit;
  }

  /** A query for {@code text} with the defaults. */
  public static PaperQuery of(String text) {
    return builder(text).build();
  }

  /** A builder for a query for {@code text}. */
  public static Builder builder(String text) {
    return new Builder(text);
  }

  /** A builder starting from this query. */
  public Builder toBuilder() {
    Builder b = new Builder(text);
    b.fromYear = fromYear;
    b.toYear = toYear;
    b.limit = limit;
    return b;
  }

  /** What to search for. */
  public String text() {
    return text;
  }

  /** The first year wanted, if limited. */
  public OptionalInt fromYear() {
    return fromYear == null ? OptionalInt.empty() : OptionalInt.of(fromYear);
  }

  /** The last year wanted, if limited. */
  public OptionalInt toYear() {
    return toYear == null ? OptionalInt.empty() : OptionalInt.of(toYear);
  }

  /** How many results to return, 1 to {@value #MAX_LIMIT}. */
  public int limit() {
    return limit;
  }

  /** Whether {@code year} is within the range (an unknown year always is). */
  public boolean admitsYear(OptionalInt year) {
    if (year.isEmpty()) {
      return true;
    }
    int y = year.getAsInt();
    return (fromYear == null || y >= fromYear) && (toYear == null || y <= toYear);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PaperQuery q
        && text.equals(q.text)
        && Objects.equals(fromYear, q.fromYear)
        && Objects.equals(toYear, q.toYear)
        && limit == q.limit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, fromYear, toYear, limit);
  }

  @Override
  public String toString() {
    return "PaperQuery{text='"
        + text
        + "'"
        + (fromYear == null ? "" : ", fromYear=" + fromYear)
        + (toYear == null ? "" : ", toYear=" + toYear)
        + ", limit="
        + limit
        + '}';
  }

  /** Builds a {@link PaperQuery}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private final String text;
    private Integer fromYear;
    private Integer toYear;
    private int limit = DEFAULT_LIMIT;

    private Builder(String text) {
      Objects.requireNonNull(text, "text is required, but was null");
      if (text.isBlank()) {
        throw new IllegalArgumentException("text is required, but was blank");
      }
      this.text = text.strip();
    }

    /** The first year wanted, or {@code null} for no limit. */
    public Builder fromYear(Integer year) {
      this.fromYear = checkYear(year, "fromYear");
      return this;
    }

    /** The last year wanted, or {@code null} for no limit. */
    public Builder toYear(Integer year) {
      this.toYear = checkYear(year, "toYear");
      return this;
    }

    /** How many results, 1 to {@value #MAX_LIMIT}; default {@value #DEFAULT_LIMIT}. */
    public Builder limit(int limit) {
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new IllegalArgumentException(
            "limit must be between 1 and " + MAX_LIMIT + ", but was " + limit);
      }
      this.limit = limit;
      return this;
    }

    /**
     * Builds the query.
     *
     * @throws IllegalArgumentException if {@code fromYear} is after {@code toYear}
     */
    public PaperQuery build() {
      if (fromYear != null && toYear != null && fromYear > toYear) {
        throw new IllegalArgumentException(
            "fromYear must be <= toYear (" + toYear + "), but was " + fromYear);
      }
      return new PaperQuery(this);
    }

    private static Integer checkYear(Integer year, String name) {
      if (year != null && (year < 1000 || year > 2999)) {
        throw new IllegalArgumentException(name + " must be a four-digit year, but was " + year);
      }
      return year;
    }
  }
}
