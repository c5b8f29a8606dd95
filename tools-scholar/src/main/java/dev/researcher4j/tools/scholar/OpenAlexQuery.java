package dev.researcher4j.tools.scholar;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A request to OpenAlex's {@code /works} list: full-text {@code search}, {@code filter}s, page size
 * and, for cursor paging, a cursor ({@code *} for the first page, then each page's {@code
 * meta.next_cursor}). Without a cursor only the first page is fetched (OpenAlex now asks for an API
 * key before it pages by cursor).
 *
 * <p>Filters are OpenAlex's {@code key:value} pairs, joined by commas (AND). Helpers cover the
 * common ones: {@link Builder#publicationYear(int)}, {@link Builder#publicationYears(Integer,
 * Integer)} ({@code publication_year:2018-2020}, or {@code >}/{@code <} for an open range), {@link
 * Builder#type(String)} and {@link Builder#openAccess(boolean)} ({@code is_oa}); {@link
 * Builder#filter(String, String)} sets any other.
 *
 * <p>Defaults: no search text, no filters, {@value #DEFAULT_PER_PAGE} per page, no cursor.
 * Immutable and thread-safe.
 */
public final class OpenAlexQuery {

  /** Default page size: {@value}. */
  public static final int DEFAULT_PER_PAGE = 25;

  /** Largest page size OpenAlex accepts: {@value}. */
  public static final int MAX_PER_PAGE = 100;

  /** The cursor that starts cursor paging. */
  public static final String FIRST_CURSOR = "*";

  private final String search;
  private final Map<String, String> filters;
  private final int perPage;
  private final String cursor;

  private OpenAlexQuery(Builder b) {
    this.search = b.search;
    this.filters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.filters));
    this.perPage = b.perPage;
    this.cursor = b.cursor;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this query. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.search = search;
    b.filters.putAll(filters);
    b.perPage = perPage;
    b.cursor = cursor;
    return b;
  }

  /** The full-text search, or empty. */
  public String search() {
    return search;
  }

  /** The filters, in the order set. */
  public Map<String, String> filters() {
    return filters;
  }

  /** The {@code filter} parameter value ({@code key:value,key:value}), or empty. */
  public String filterParameter() {
    return filters.entrySet().stream()
        .map(e -> e.getKey() + ":" + e.getValue())
        .collect(Collectors.joining(","));
  }

  /** Results per page. */
  public int perPage() {
    return perPage;
  }

  /** The cursor, or empty when not paging by cursor. */
  public String cursor() {
    return cursor;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OpenAlexQuery q
        && search.equals(q.search)
        && filters.equals(q.filters)
        && perPage == q.perPage
        && cursor.equals(q.cursor);
  }

  @Override
  public int hashCode() {
    return Objects.hash(search, filters, perPage, cursor);
  }

  @Override
  public String toString() {
    return "OpenAlexQuery{search='"
        + search
        + "', filter='"
        + filterParameter()
        + "', perPage="
        + perPage
        + ", cursor='"
        + cursor
        + "'}";
  }

  /** Builds an {@link OpenAlexQuery}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private String search = "";
    private final Map<String, String> filters = new LinkedHashMap<>();
    private int perPage = DEFAULT_PER_PAGE;
    private String cursor = "";

    private Builder() {}

    /** Full-text search over titles, abstracts and full texts. */
    public Builder search(String search) {
      this.search = search == null ? "" : search.strip();
      return this;
    }

    /** Sets filter {@code key} to {@code value} (replacing an earlier value of that key). */
    public Builder filter(String key, String value) {
      Objects.requireNonNull(key, "filter key is required, but was null");
      Objects.requireNonNull(value, "filter value is required, but was null");
      if (!key.matches("[a-z_.]+")) {
        throw new IllegalArgumentException(
            "filter key must be an OpenAlex field, but was '" + key + "'");
      }
      if (value.isBlank() || value.contains(",")) {
        throw new IllegalArgumentException(
            "filter value must be non-blank without commas, but was '" + value + "'");
      }
      filters.put(key, value.strip());
      return this;
    }

    /** Only works published in {@code year}. */
    public Builder publicationYear(int year) {
      return filter("publication_year", String.valueOf(year));
    }

    /** Only works published from {@code from} to {@code to} (either may be {@code null}). */
    public Builder publicationYears(Integer from, Integer to) {
      if (from == null && to == null) {
        filters.remove("publication_year");
        return this;
      }
      if (from != null && to != null) {
        if (from > to) {
          throw new IllegalArgumentException("from must be <= to (" + to + "), but was " + from);
        }
        return filter("publication_year", from.equals(to) ? String.valueOf(from) : from + "-" + to);
      }
      return filter("publication_year", from != null ? ">" + (from - 1) : "<" + (to + 1));
    }

    /** Only works of this OpenAlex type ({@code article}, {@code preprint}, {@code review}, …). */
    public Builder type(String type) {
      return filter("type", type);
    }

    /** Only open-access works ({@code true}) or only closed ones ({@code false}). */
    public Builder openAccess(boolean openAccess) {
      return filter("is_oa", String.valueOf(openAccess));
    }

    /** Results per page, 1 to {@value #MAX_PER_PAGE}; default {@value #DEFAULT_PER_PAGE}. */
    public Builder perPage(int perPage) {
      if (perPage < 1 || perPage > MAX_PER_PAGE) {
        throw new IllegalArgumentException(
            "perPage must be between 1 and " + MAX_PER_PAGE + ", but was " + perPage);
      }
      this.perPage = perPage;
      return this;
    }

    /** The cursor: {@value #FIRST_CURSOR} for the first page, then {@code meta.next_cursor}. */
    public Builder cursor(String cursor) {
      Objects.requireNonNull(cursor, "cursor is required, but was null");
      if (cursor.isBlank()) {
        throw new IllegalArgumentException("cursor must not be blank, but was '" + cursor + "'");
      }
      this.cursor = cursor.strip();
      return this;
    }

    /** Builds the query. */
    public OpenAlexQuery build() {
      return new OpenAlexQuery(this);
    }
  }
}
