package dev.researcher4j.tools.web.search;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One web search: the query text and optional filters (result count, freshness or a date range, a
 * site, a language and a country).
 *
 * <p>Providers honour what they can and say in {@link SearchResults#notes()} what they could not.
 * Defaults: {@value #DEFAULT_COUNT} results, no filters. Immutable and thread-safe; make one with
 * {@link #of(String)} or {@link #builder(String)}, variants with {@link #toBuilder()}.
 */
public final class SearchQuery {

  /** Default number of results asked for. */
  public static final int DEFAULT_COUNT = 10;

  /** Largest number of results that may be asked for; most providers give at most 20. */
  public static final int MAX_COUNT = 50;

  /** Longest query text accepted. */
  public static final int MAX_QUERY_LENGTH = 2_000;

  private static final Pattern SITE = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(/\\S*)?");
  private static final Pattern LANGUAGE = Pattern.compile("([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}))?");
  private static final Pattern COUNTRY = Pattern.compile("[a-zA-Z]{2}");

  private final String query;
  private final int count;
  private final Freshness freshness;
  private final LocalDate dateFrom;
  private final LocalDate dateTo;
  private final String site;
  private final String language;
  private final String country;

  private SearchQuery(Builder b) {
    this.query = b.query;
    this.count = b.count;
    this.freshness = b.freshness;
    this.dateFrom = b.dateFrom;
    this.dateTo = b.dateTo;
    this.site = b.site;
    this.language = b.language;
    this.country = b.country;
  }

  /** A search for {@code query} with the defaults. */
  public static SearchQuery of(String query) {
    return builder(query).build();
  }

  /** A builder for a search for {@code query}. */
  public static Builder builder(String query) {
    return new Builder(query);
  }

  /** A builder holding this query's values. */
  public Builder toBuilder() {
    Builder b = new Builder(query);
    b.count = count;
    b.freshness = freshness;
    b.dateFrom = dateFrom;
    b.dateTo = dateTo;
    b.site = site;
    b.language = language;
    b.country = country;
    return b;
  }

  /** The query text, stripped of surrounding space. */
  public String query() {
    return query;
  }

  /** How many results to ask for, 1 to {@value #MAX_COUNT}. */
  public int count() {
    return count;
  }

  /** How recent results must be, when set. */
  public Optional<Freshness> freshness() {
    return Optional.ofNullable(freshness);
  }

  /** The earliest publication date wanted, when a date range is set. */
  public Optional<LocalDate> dateFrom() {
    return Optional.ofNullable(dateFrom);
  }

  /** The latest publication date wanted, when a date range is set. */
  public Optional<LocalDate> dateTo() {
    return Optional.ofNullable(dateTo);
  }

  /** Whether either end of a date range is set. */
  public boolean hasDateRange() {
    return dateFrom != null || dateTo != null;
  }

  /** The site (host, optionally with a path) results must come from, when set. */
  public Optional<String> site() {
    return Optional.ofNullable(site);
  }

  /** The language of results as a lower-case ISO 639 code ({@code en}), when set. */
  public Optional<String> language() {
    return Optional.ofNullable(language);
  }

  /** The country to search from as a lower-case ISO 3166 code ({@code us}), when set. */
  public Optional<String> country() {
    return Optional.ofNullable(country);
  }

  /**
   * The query text with the site filter written as a {@code site:} operator, for providers that
   * take filters inside the query.
   */
  public String queryWithSiteOperator() {
    return site == null ? query : query + " site:" + site;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SearchQuery other
        && query.equals(other.query)
        && count == other.count
        && freshness == other.freshness
        && Objects.equals(dateFrom, other.dateFrom)
        && Objects.equals(dateTo, other.dateTo)
        && Objects.equals(site, other.site)
        && Objects.equals(language, other.language)
        && Objects.equals(country, other.country);
  }

  @Override
  public int hashCode() {
    return Objects.hash(query, count, freshness, dateFrom, dateTo, site, language, country);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("SearchQuery{query='").append(query).append("', count=");
    s.append(count);
    if (freshness != null) {
      s.append(", freshness=").append(freshness.id());
    }
    if (dateFrom != null) {
      s.append(", dateFrom=").append(dateFrom);
    }
    if (dateTo != null) {
      s.append(", dateTo=").append(dateTo);
    }
    if (site != null) {
      s.append(", site=").append(site);
    }
    if (language != null) {
      s.append(", language=").append(language);
    }
    if (country != null) {
      s.append(", country=").append(country);
    }
    return s.append('}').toString();
  }

  /** Builds a {@link SearchQuery}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private String query;
    private int count = DEFAULT_COUNT;
    private Freshness freshness;
    private LocalDate dateFrom;
    private LocalDate dateTo;
    private String site;
    private String language;
    private String country;

    private Builder(String query) {
      query(query);
    }

    /** The query text: not blank, at most {@value #MAX_QUERY_LENGTH} characters. */
    public Builder query(String query) {
      Objects.requireNonNull(query, "query is required, but was null");
      String stripped = query.strip();
      if (stripped.isEmpty()) {
        throw new IllegalArgumentException("query is required, but was blank");
      }
      if (stripped.length() > MAX_QUERY_LENGTH) {
        throw new IllegalArgumentException(
            "query must be at most "
                + MAX_QUERY_LENGTH
                + " characters, but was "
                + stripped.length());
      }
      this.query = stripped;
      return this;
    }

    /** How many results to ask for, 1 to {@value #MAX_COUNT}; default {@value #DEFAULT_COUNT}. */
    public Builder count(int count) {
      if (count < 1 || count > MAX_COUNT) {
        throw new IllegalArgumentException(
            "count must be between 1 and " + MAX_COUNT + ", but was " + count);
      }
      this.count = count;
      return this;
    }

    /** How recent results must be, or {@code null} for any time. Excludes a date range. */
    public Builder freshness(Freshness freshness) {
      this.freshness = freshness;
      return this;
    }

    /**
     * Results published between {@code from} and {@code to}, both inclusive; either may be {@code
     * null} for an open end. Excludes {@link #freshness(Freshness)}.
     */
    public Builder dateRange(LocalDate from, LocalDate to) {
      if (from != null && to != null && from.isAfter(to)) {
        throw new IllegalArgumentException(
            "date range must not end before it starts, but was " + from + " to " + to);
      }
      this.dateFrom = from;
      this.dateTo = to;
      return this;
    }

    /**
     * Only results from this site: a host ({@code example.org}) optionally with a path; a scheme
     * and a trailing slash are dropped. {@code null} or blank clears it.
     */
    public Builder site(String site) {
      if (site == null || site.isBlank()) {
        this.site = null;
        return this;
      }
      String value = site.strip().toLowerCase(Locale.ROOT);
      int scheme = value.indexOf("://");
      if (scheme >= 0) {
        value = value.substring(scheme + 3);
      }
      while (value.endsWith("/")) {
        value = value.substring(0, value.length() - 1);
      }
      if (!SITE.matcher(value).matches()) {
        throw new IllegalArgumentException(
            "site must be a host name such as example.org, but was '" + site + "'");
      }
      this.site = value;
      return this;
    }

    /**
     * The language of results: an ISO 639 code ({@code en}, {@code de}); a region part ({@code
     * en-GB}) also sets the country unless one is set. {@code null} or blank clears it.
     */
    public Builder language(String language) {
      if (language == null || language.isBlank()) {
        this.language = null;
        return this;
      }
      var m = LANGUAGE.matcher(language.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "language must be an ISO 639 code such as en or en-GB, but was '" + language + "'");
      }
      this.language = m.group(1).toLowerCase(Locale.ROOT);
      if (m.group(2) != null && country == null) {
        this.country = m.group(2).toLowerCase(Locale.ROOT);
      }
      return this;
    }

    /** The country to search from, an ISO 3166 code ({@code us}); {@code null} clears it. */
    public Builder country(String country) {
      if (country == null || country.isBlank()) {
        this.country = null;
        return this;
      }
      if (!COUNTRY.matcher(country.strip()).matches()) {
        throw new IllegalArgumentException(
            "country must be a two-letter ISO 3166 code such as us, but was '" + country + "'");
      }
      this.country = country.strip().toLowerCase(Locale.ROOT);
      return this;
    }

    /**
     * Builds the query.
     *
     * @throws IllegalArgumentException if both freshness and a date range are set
     */
    public SearchQuery build() {
      if (freshness != null && (dateFrom != null || dateTo != null)) {
        throw new IllegalArgumentException(
            "freshness and a date range cannot both be set, but were "
                + freshness.id()
                + " and "
                + dateFrom
                + " to "
                + dateTo);
      }
      return new SearchQuery(this);
    }
  }
}
