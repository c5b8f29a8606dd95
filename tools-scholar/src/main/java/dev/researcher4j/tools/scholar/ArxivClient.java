package dev.researcher4j.tools.scholar;

import dev.researcher4j.tools.scholar.internal.ArxivParser;
import dev.researcher4j.tools.scholar.internal.Ids;
import dev.researcher4j.tools.scholar.internal.ServiceCaller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * A client of the arXiv API ({@code /api/query}, an Atom feed): searches in arXiv's query syntax,
 * fetches papers by id, sorts and pages.
 *
 * <p>arXiv asks API users to leave {@value #DEFAULT_MIN_INTERVAL_SECONDS} seconds between calls;
 * the client does so for every request, retries included, waiting with the {@link HttpSettings}'
 * sleeper (so tests do not wait). A bad query is reported by arXiv as an Atom entry pointing at
 * {@code arxiv.org/api/errors}; it surfaces as an {@link
 * dev.researcher4j.api.InvalidRequestException} carrying arXiv's explanation.
 *
 * <p>Defaults: base URL {@value #DEFAULT_BASE_URL}, {@link HttpSettings#ofDefaults()}, a pause of
 * {@value #DEFAULT_MIN_INTERVAL_SECONDS} s. Thread-safe; share one instance.
 */
public final class ArxivClient implements ScholarSource {

  /** Default API address (the https form of {@code http://export.arxiv.org/api/query}). */
  public static final String DEFAULT_BASE_URL = "https://export.arxiv.org/api/query";

  /** Default least time between two calls, in seconds, as arXiv's terms of use ask. */
  public static final int DEFAULT_MIN_INTERVAL_SECONDS = 3;

  private final HttpUrl baseUrl;
  private final ServiceCaller caller;

  private ArxivClient(Builder b) {
    this.baseUrl = b.baseUrl;
    this.caller =
        ServiceCaller.create(
            ArxivParser.PROVIDER,
            b.settings,
            b.minInterval,
            List.of(),
            "",
            ArxivParser::parseError,
            null);
  }

  /** A client with the defaults. */
  public static ArxivClient create() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public PaperSource source() {
    return PaperSource.ARXIV;
  }

  /**
   * Runs {@code query}.
   *
   * @return the page; {@link PaperPage#next()} is the {@code start} of the next page
   */
  public PaperPage query(ArxivQuery query) {
    Objects.requireNonNull(query, "query is required, but was null");
    HttpUrl.Builder url = baseUrl.newBuilder();
    if (!query.searchQuery().isEmpty()) {
      url.addQueryParameter("search_query", query.searchQuery());
    }
    if (!query.idList().isEmpty()) {
      url.addQueryParameter("id_list", String.join(",", query.idList()));
    }
    url.addQueryParameter("start", String.valueOf(query.start()))
        .addQueryParameter("max_results", String.valueOf(query.maxResults()))
        .addQueryParameter("sortBy", query.sortBy().value())
        .addQueryParameter("sortOrder", query.sortOrder().value());
    String body = caller.get(url.build(), Map.of("Accept", "application/atom+xml"));
    ArxivParser.Feed feed = ArxivParser.parse(body, 200);
    long next = (long) feed.startIndex() + feed.entries();
    boolean more = feed.entries() > 0 && next < feed.total();
    return new PaperPage(feed.papers(), feed.total(), more ? String.valueOf(next) : "");
  }

  /**
   * Searches all fields for {@code query.text()} (see {@link ArxivQuery#fromText}), limited to
   * papers first submitted in the query's years, by relevance.
   */
  @Override
  public List<Paper> search(PaperQuery query) {
    String q = ArxivQuery.fromText(query.text());
    if (query.fromYear().isPresent() || query.toYear().isPresent()) {
      int from = query.fromYear().orElse(1991);
      int to = query.toYear().orElse(2999);
      q =
          ArxivQuery.and(
              q.contains(" OR ") ? ArxivQuery.group(q) : q,
              "submittedDate:[" + from + "01010000 TO " + to + "12312359]");
    }
    return query(ArxivQuery.builder().searchQuery(q).maxResults(query.limit()).build()).papers();
  }

  /**
   * The papers with these ids (with or without version), in arXiv's order; unknown ids are left
   * out.
   */
  public List<Paper> lookup(List<String> arxivIds) {
    if (arxivIds.isEmpty()) {
      return List.of();
    }
    List<Paper> out = new ArrayList<>();
    for (int i = 0; i < arxivIds.size(); i += 100) {
      List<String> chunk = arxivIds.subList(i, Math.min(arxivIds.size(), i + 100));
      out.addAll(query(ArxivQuery.builder().ids(chunk).maxResults(chunk.size()).build()).papers());
    }
    return out;
  }

  /** Looks up arXiv ids, and DOIs arXiv issued ({@code 10.48550/arXiv.…}). */
  @Override
  public Optional<Paper> lookup(PaperId id) {
    String arxivId =
        switch (id.type()) {
          case ARXIV -> id.value();
          case DOI -> Ids.arxivWithVersion(id.value());
          default -> "";
        };
    if (arxivId.isEmpty()) {
      return Optional.empty();
    }
    return lookup(List.of(arxivId)).stream().findFirst();
  }

  @Override
  public boolean supports(PaperId.Type type) {
    return type == PaperId.Type.ARXIV;
  }

  /** Builds an {@link ArxivClient}. Not thread-safe. */
  public static final class Builder {
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
    private HttpSettings settings = HttpSettings.ofDefaults();
    private Duration minInterval = Duration.ofSeconds(DEFAULT_MIN_INTERVAL_SECONDS);

    private Builder() {}

    /** The API address; default {@value #DEFAULT_BASE_URL}. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Urls.parse(baseUrl, "baseUrl");
      return this;
    }

    /** HTTP settings; default {@link HttpSettings#ofDefaults()}. */
    public Builder settings(HttpSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings is required, but was null");
      return this;
    }

    /**
     * Least time between the starts of two calls; default {@value #DEFAULT_MIN_INTERVAL_SECONDS} s.
     * Lowering it breaks arXiv's terms of use; it exists for mirrors and tests.
     */
    public Builder minInterval(Duration minInterval) {
      this.minInterval = Urls.notNegative(minInterval, "minInterval");
      return this;
    }

    /** Builds the client. */
    public ArxivClient build() {
      return new ArxivClient(this);
    }
  }
}
