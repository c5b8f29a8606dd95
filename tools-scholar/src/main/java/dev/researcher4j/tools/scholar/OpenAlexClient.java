package dev.researcher4j.tools.scholar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.api.QuotaExceededException;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.core.http.ProviderError;
import dev.researcher4j.tools.scholar.internal.Ids;
import dev.researcher4j.tools.scholar.internal.Json;
import dev.researcher4j.tools.scholar.internal.OpenAlexParser;
import dev.researcher4j.tools.scholar.internal.ServiceCaller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * A client of the OpenAlex works API: search with filters, cursor paging, lookup by OpenAlex id,
 * DOI, PMID, PMCID or arXiv id (through arXiv's DOI), and the citation graph ({@code cites:} and
 * {@code cited_by:} filters). Abstracts are rebuilt from OpenAlex's inverted index.
 *
 * <p>Requests carry {@code mailto} (the {@link HttpSettings#contactEmail()}, OpenAlex's polite
 * pool) and, when set, {@code api_key}, which is kept out of every message. OpenAlex answers 403
 * when a caller goes too fast (mapped to a {@link RateLimitException}, retried) and 429 when the
 * daily allowance is spent (a {@link QuotaExceededException}: waiting minutes will not help).
 *
 * <p>Defaults: base URL {@value #DEFAULT_BASE_URL}, no key, no pause between calls. {@link
 * #fromEnv(Map, HttpSettings)} reads the key from {@value #API_KEY_ENV}. Thread-safe.
 */
public final class OpenAlexClient implements ScholarSource, CitationGraph {

  /** Default API address; {@code /works} is appended. */
  public static final String DEFAULT_BASE_URL = "https://api.openalex.org";

  /** Environment variable holding the optional API key. */
  public static final String API_KEY_ENV = "OPENALEX_API_KEY";

  private final HttpUrl baseUrl;
  private final String contactEmail;
  private final String apiKey;
  private final ServiceCaller caller;

  private OpenAlexClient(Builder b) {
    this.baseUrl = b.baseUrl;
    this.contactEmail = b.settings.contactEmail();
    this.apiKey = b.apiKey;
    this.caller =
        ServiceCaller.create(
            OpenAlexParser.PROVIDER,
            b.settings,
            b.minInterval,
            List.of(b.apiKey),
            "set " + API_KEY_ENV + " to a valid key",
            null,
            OpenAlexClient::mapError);
  }

  /** A client with the defaults. */
  public static OpenAlexClient create() {
    return builder().build();
  }

  /** A client using the key in {@value #API_KEY_ENV} of {@code env}, if set. */
  public static OpenAlexClient fromEnv(Map<String, String> env, HttpSettings settings) {
    return builder().settings(settings).apiKey(env.getOrDefault(API_KEY_ENV, "")).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public PaperSource source() {
    return PaperSource.OPENALEX;
  }

  /**
   * One page of works matching {@code query}.
   *
   * @return the page; {@link PaperPage#next()} is the cursor of the next page when paging by
   *     cursor, else empty
   */
  public PaperPage query(OpenAlexQuery query) {
    Objects.requireNonNull(query, "query is required, but was null");
    HttpUrl.Builder url = works();
    if (!query.search().isEmpty()) {
      url.addQueryParameter("search", query.search());
    }
    if (!query.filters().isEmpty()) {
      url.addQueryParameter("filter", query.filterParameter());
    }
    url.addQueryParameter("per_page", String.valueOf(query.perPage()));
    if (!query.cursor().isEmpty()) {
      url.addQueryParameter("cursor", query.cursor());
    }
    return list(url);
  }

  @Override
  public List<Paper> search(PaperQuery query) {
    OpenAlexQuery.Builder q =
        OpenAlexQuery.builder()
            .search(query.text())
            .perPage(Math.min(query.limit(), OpenAlexQuery.MAX_PER_PAGE));
    q.publicationYears(
        query.fromYear().isPresent() ? query.fromYear().getAsInt() : null,
        query.toYear().isPresent() ? query.toYear().getAsInt() : null);
    return query(q.build()).papers();
  }

  @Override
  public Optional<Paper> lookup(PaperId id) {
    String key = workKey(id);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    HttpUrl.Builder url = works().addPathSegments(key);
    return caller
        .getUnlessNotFound(withKeys(url).build(), Map.of())
        .map(body -> OpenAlexParser.work(json(body)));
  }

  @Override
  public boolean supports(PaperId.Type type) {
    return switch (type) {
      case OPENALEX, DOI, PMID, PMCID, ARXIV -> true;
      default -> false;
    };
  }

  @Override
  public List<Paper> citations(PaperId id, int limit) {
    return graph(id, "cites", limit);
  }

  @Override
  public List<Paper> references(PaperId id, int limit) {
    return graph(id, "cited_by", limit);
  }

  private List<Paper> graph(PaperId id, String filter, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, but was " + limit);
    }
    String work = id.type() == PaperId.Type.OPENALEX ? id.value() : "";
    if (work.isEmpty()) {
      work = lookup(id).map(p -> p.otherIds().getOrDefault(Paper.ID_OPENALEX, "")).orElse("");
      if (work.isEmpty()) {
        return List.of();
      }
    }
    List<Paper> out = new ArrayList<>();
    int perPage = Math.min(limit, OpenAlexQuery.MAX_PER_PAGE);
    for (int page = 1; out.size() < limit; page++) {
      HttpUrl.Builder url =
          works()
              .addQueryParameter("filter", filter + ":" + work)
              .addQueryParameter("sort", "cited_by_count:desc")
              .addQueryParameter("per_page", String.valueOf(perPage))
              .addQueryParameter("page", String.valueOf(page));
      PaperPage result = list(url);
      out.addAll(result.papers());
      if (result.papers().size() < perPage
          || (result.total() >= 0 && out.size() >= result.total())) {
        break;
      }
    }
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  private PaperPage list(HttpUrl.Builder url) {
    JsonNode root = json(caller.get(withKeys(url).build(), Map.of()));
    if (!root.isObject() || !root.path("results").isArray()) {
      throw new dev.researcher4j.api.MalformedResponseException(
          OpenAlexParser.PROVIDER + ": list answer has no results array",
          null,
          OpenAlexParser.PROVIDER,
          200,
          "");
    }
    List<Paper> papers = new ArrayList<>();
    for (JsonNode node : Json.array(root, "results")) {
      Paper p = OpenAlexParser.work(node);
      if (p != null) {
        papers.add(p);
      }
    }
    long total = Json.longValue(root, -1, "meta", "count");
    String next = papers.isEmpty() ? "" : Json.text(root, "meta", "next_cursor");
    return new PaperPage(papers, total, next);
  }

  private HttpUrl.Builder works() {
    return baseUrl.newBuilder().addPathSegment("works");
  }

  private HttpUrl.Builder withKeys(HttpUrl.Builder url) {
    if (!contactEmail.isEmpty()) {
      url.addQueryParameter("mailto", contactEmail);
    }
    if (!apiKey.isEmpty()) {
      url.addQueryParameter("api_key", apiKey);
    }
    return url;
  }

  private static String workKey(PaperId id) {
    return switch (id.type()) {
      case OPENALEX -> id.value();
      case DOI -> "doi:" + id.value();
      case ARXIV -> "doi:" + Ids.arxivDoi(id.value());
      case PMID -> "pmid:" + id.value();
      case PMCID -> "pmcid:" + id.value();
      default -> "";
    };
  }

  private static JsonNode json(String body) {
    return Json.parse(body, OpenAlexParser.PROVIDER, 200);
  }

  private static ResearchException mapError(int status, ProviderError error, Response response) {
    String text = (error.code() + " " + error.message()).toLowerCase(Locale.ROOT);
    String p = OpenAlexParser.PROVIDER;
    if (status == 403 && !text.contains("key")) {
      return new RateLimitException(
          p + ": too many requests (HTTP 403: " + error.message() + "); slowing down",
          null,
          p,
          status,
          error.code(),
          null);
    }
    if (status == 429
        && (text.contains("daily")
            || text.contains("credit")
            || text.contains("budget")
            || text.contains("usage")
            || text.contains("allowance"))) {
      return new QuotaExceededException(
          p
              + ": daily allowance used up (HTTP 429: "
              + error.message()
              + "); set "
              + API_KEY_ENV
              + " to a key with a larger allowance or try again tomorrow",
          null,
          p,
          status,
          error.code());
    }
    return null;
  }

  /** Builds an {@link OpenAlexClient}. Not thread-safe. */
  public static final class Builder {
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
    private HttpSettings settings = HttpSettings.ofDefaults();
    private Duration minInterval = Duration.ZERO;
    private String apiKey = "";

    private Builder() {}

    /** The API address ({@code /works} is appended); default {@value #DEFAULT_BASE_URL}. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Urls.parse(baseUrl, "baseUrl");
      return this;
    }

    /**
     * HTTP settings (the contact e-mail becomes {@code mailto}); default {@link
     * HttpSettings#ofDefaults()}.
     */
    public Builder settings(HttpSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings is required, but was null");
      return this;
    }

    /** Least time between two calls; default none (OpenAlex allows 100 a second). */
    public Builder minInterval(Duration minInterval) {
      this.minInterval = Urls.notNegative(minInterval, "minInterval");
      return this;
    }

    /** The API key sent as {@code api_key}; empty for none (the default). */
    public Builder apiKey(String apiKey) {
      this.apiKey = Urls.optional(apiKey);
      return this;
    }

    /** Builds the client. */
    public OpenAlexClient build() {
      return new OpenAlexClient(this);
    }
  }
}
