package dev.researcher4j.tools.scholar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A request to the arXiv API: a {@code search_query} in arXiv's syntax and/or an {@code id_list},
 * sorting and paging.
 *
 * <p>The static helpers build query strings: {@code and(term(Field.TITLE, "attention"),
 * term(Field.AUTHOR, "vaswani"))} gives {@code ti:attention AND au:vaswani}; phrases are quoted
 * ({@code ti:"neural machine translation"}); {@link #group} adds parentheses and {@link #andNot}
 * excludes. When both a search query and ids are given, arXiv returns the ids that match.
 *
 * <p>Defaults: start {@value #DEFAULT_START}, {@value #DEFAULT_MAX_RESULTS} results, sorted by
 * relevance, descending. Immutable and thread-safe.
 */
public final class ArxivQuery {

  /** Default index of the first result: {@value}. */
  public static final int DEFAULT_START = 0;

  /** Default number of results: {@value}. */
  public static final int DEFAULT_MAX_RESULTS = 10;

  /** Most results arXiv returns for one request: {@value}. */
  public static final int MAX_RESULTS_LIMIT = 2000;

  /** The fields a search term can be limited to, with arXiv's prefixes. */
  public enum Field {
    /** Title ({@code ti:}). */
    TITLE("ti"),
    /** Author ({@code au:}). */
    AUTHOR("au"),
    /** Abstract ({@code abs:}). */
    ABSTRACT("abs"),
    /** Comment ({@code co:}). */
    COMMENT("co"),
    /** Journal reference ({@code jr:}). */
    JOURNAL_REF("jr"),
    /** Subject category, such as {@code cs.CL} ({@code cat:}). */
    CATEGORY("cat"),
    /** Report number ({@code rn:}). */
    REPORT_NUMBER("rn"),
    /** Every field ({@code all:}). */
    ALL("all");

    private final String prefix;

    Field(String prefix) {
      this.prefix = prefix;
    }

    /** arXiv's prefix, without the colon. */
    public String prefix() {
      return prefix;
    }
  }

  /** What results are sorted by. */
  public enum SortBy {
    /** Relevance to the query. */
    RELEVANCE("relevance"),
    /** Date of the latest version. */
    LAST_UPDATED_DATE("lastUpdatedDate"),
    /** Date of the first version. */
    SUBMITTED_DATE("submittedDate");

    private final String value;

    SortBy(String value) {
      this.value = value;
    }

    /** The API's value. */
    public String value() {
      return value;
    }
  }

  /** Sort direction. */
  public enum SortOrder {
    /** Smallest first. */
    ASCENDING("ascending"),
    /** Largest first. */
    DESCENDING("descending");

    private final String value;

    SortOrder(String value) {
      this.value = value;
    }

    /** The API's value. */
    public String value() {
      return value;
    }
  }

  private final String searchQuery;
  private final List<String> idList;
  private final int start;
  private final int maxResults;
  private final SortBy sortBy;
  private final SortOrder sortOrder;

  private ArxivQuery(Builder b) {
    this.searchQuery = b.searchQuery;
    this.idList = List.copyOf(b.idList);
    this.start = b.start;
    this.maxResults = b.maxResults;
    this.sortBy = b.sortBy;
    this.sortOrder = b.sortOrder;
  }

  /** A builder with the defaults and neither query nor ids. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this query. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.searchQuery = searchQuery;
    b.idList.addAll(idList);
    b.start = start;
    b.maxResults = maxResults;
    b.sortBy = sortBy;
    b.sortOrder = sortOrder;
    return b;
  }

  /** The {@code search_query}, or empty. */
  public String searchQuery() {
    return searchQuery;
  }

  /** The {@code id_list}, possibly empty. */
  public List<String> idList() {
    return idList;
  }

  /** Index of the first result. */
  public int start() {
    return start;
  }

  /** Number of results asked for. */
  public int maxResults() {
    return maxResults;
  }

  /** Sort key. */
  public SortBy sortBy() {
    return sortBy;
  }

  /** Sort direction. */
  public SortOrder sortOrder() {
    return sortOrder;
  }

  /** A term limited to {@code field}; quoted when it has spaces, quotes inside dropped. */
  public static String term(Field field, String text) {
    Objects.requireNonNull(field, "field is required, but was null");
    String clean = text == null ? "" : text.replace("\"", " ").strip().replaceAll("\\s+", " ");
    if (clean.isEmpty()) {
      throw new IllegalArgumentException("term text is required, but was blank");
    }
    return field.prefix() + ":" + (clean.contains(" ") ? "\"" + clean + "\"" : clean);
  }

  /** The parts joined by {@code AND}. */
  public static String and(String... parts) {
    return join(" AND ", parts);
  }

  /** The parts joined by {@code OR}. */
  public static String or(String... parts) {
    return join(" OR ", parts);
  }

  /** {@code include ANDNOT exclude}. */
  public static String andNot(String include, String exclude) {
    return join(" ANDNOT ", include, exclude);
  }

  /** {@code part} in parentheses. */
  public static String group(String part) {
    return "(" + Objects.requireNonNull(part, "part") + ")";
  }

  private static String join(String op, String... parts) {
    List<String> kept =
        Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).map(String::strip).toList();
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("at least one query part is required");
    }
    return String.join(op, kept);
  }

  private static final java.util.Set<String> STOPWORDS =
      java.util.Set.of(
          "a", "an", "the", "of", "on", "in", "for", "to", "and", "or", "is", "are", "with", "by",
          "at", "from", "as", "be", "we", "you", "all", "it", "its", "via", "what", "how", "do");

  /**
   * The arXiv {@code search_query} for free text: text that already uses arXiv's syntax (field
   * prefixes or upper-case {@code AND}/{@code OR}/{@code ANDNOT}) is kept as it is; otherwise each
   * word (or quoted phrase) other than common stop words must appear in some field ({@code all:…}
   * joined by {@code AND}). Stop words are dropped because arXiv's index drops them too, and a
   * query of only stop words is kept as one phrase.
   */
  public static String fromText(String text) {
    String value = Objects.requireNonNull(text, "text").strip();
    if (value.matches("(?s).*\\b(ti|au|abs|co|jr|cat|rn|id|all|submittedDate):.*")
        || value.matches("(?s).*\\s(AND|OR|ANDNOT)\\s.*")) {
      return value;
    }
    List<String> terms = new ArrayList<>();
    var m = java.util.regex.Pattern.compile("\"([^\"]+)\"|(\\S+)").matcher(value);
    while (m.find()) {
      if (m.group(1) != null) {
        if (!m.group(1).isBlank()) {
          terms.add(term(Field.ALL, m.group(1)));
        }
        continue;
      }
      String word = m.group(2).replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}+]+$", "");
      if (!word.isEmpty() && !STOPWORDS.contains(word.toLowerCase(Locale.ROOT))) {
        terms.add(term(Field.ALL, word));
      }
    }
    if (terms.isEmpty()) {
      return term(Field.ALL, value);
    }
    return terms.stream().collect(Collectors.joining(" AND "));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArxivQuery q
        && searchQuery.equals(q.searchQuery)
        && idList.equals(q.idList)
        && start == q.start
        && maxResults == q.maxResults
        && sortBy == q.sortBy
        && sortOrder == q.sortOrder;
  }

  @Override
  public int hashCode() {
    return Objects.hash(searchQuery, idList, start, maxResults, sortBy, sortOrder);
  }

  @Override
  public String toString() {
    return "ArxivQuery{searchQuery='"
        + searchQuery
        + "', idList="
        + idList
        + ", start="
        + start
        + ", maxResults="
        + maxResults
        + ", sortBy="
        + sortBy
        + ", sortOrder="
        + sortOrder
        + '}';
  }

  /** Builds an {@link ArxivQuery}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private String searchQuery = "";
    private final List<String> idList = new ArrayList<>();
    private int start = DEFAULT_START;
    private int maxResults = DEFAULT_MAX_RESULTS;
    private SortBy sortBy = SortBy.RELEVANCE;
    private SortOrder sortOrder = SortOrder.DESCENDING;

    private Builder() {}

    /** The search query in arXiv's syntax (see the helpers on {@link ArxivQuery}). */
    public Builder searchQuery(String searchQuery) {
      this.searchQuery = searchQuery == null ? "" : searchQuery.strip();
      return this;
    }

    /** The ids to fetch, with or without version ({@code 1706.03762}, {@code 1706.03762v5}). */
    public Builder ids(List<String> ids) {
      Objects.requireNonNull(ids, "ids is required, but was null");
      idList.clear();
      for (String id : ids) {
        String clean = dev.researcher4j.tools.scholar.internal.Ids.arxivWithVersion(id);
        if (clean.isEmpty()) {
          throw new IllegalArgumentException("ids must be arXiv ids, but one was '" + id + "'");
        }
        idList.add(clean);
      }
      return this;
    }

    /** Index of the first result, at least 0; default {@value #DEFAULT_START}. */
    public Builder start(int start) {
      if (start < 0) {
        throw new IllegalArgumentException("start must be >= 0, but was " + start);
      }
      this.start = start;
      return this;
    }

    /**
     * Number of results, 1 to {@value #MAX_RESULTS_LIMIT}; default {@value #DEFAULT_MAX_RESULTS}.
     */
    public Builder maxResults(int maxResults) {
      if (maxResults < 1 || maxResults > MAX_RESULTS_LIMIT) {
        throw new IllegalArgumentException(
            "maxResults must be between 1 and " + MAX_RESULTS_LIMIT + ", but was " + maxResults);
      }
      this.maxResults = maxResults;
      return this;
    }

    /** Sort key; default relevance. */
    public Builder sortBy(SortBy sortBy) {
      this.sortBy = Objects.requireNonNull(sortBy, "sortBy is required, but was null");
      return this;
    }

    /** Sort direction; default descending. */
    public Builder sortOrder(SortOrder sortOrder) {
      this.sortOrder = Objects.requireNonNull(sortOrder, "sortOrder is required, but was null");
      return this;
    }

    /**
     * Builds the query.
     *
     * @throws IllegalStateException if neither a search query nor ids were given
     */
    public ArxivQuery build() {
      if (searchQuery.isEmpty() && idList.isEmpty()) {
        throw new IllegalStateException("searchQuery or ids is required, but neither was set");
      }
      return new ArxivQuery(this);
    }
  }
}
