package dev.researcher4j.tools.scholar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.core.http.RetryPolicy;
import dev.researcher4j.tools.scholar.internal.Json;
import dev.researcher4j.tools.scholar.internal.SemanticScholarParser;
import dev.researcher4j.tools.scholar.internal.ServiceCaller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * A client of the Semantic Scholar Graph API: paper search, papers by any id it knows (its own,
 * {@code DOI:}, {@code ARXIV:}, {@code PMID:}, {@code PMCID:}, {@code CorpusId:}, {@code URL:}),
 * references and citations with paging, and batch lookup.
 *
 * <p>Semantic Scholar limits requests strictly (a shared pool without a key, about one request a
 * second with one). The client leaves {@value #DEFAULT_MIN_INTERVAL_MILLIS} ms between calls and
 * retries HTTP 429 with growing waits under {@link #DEFAULT_RETRY_POLICY}. An API key, optional, is
 * sent in the {@code x-api-key} header and kept out of every message.
 *
 * <p>Defaults: base URL {@value #DEFAULT_BASE_URL}, fields {@value #DEFAULT_FIELDS}, no key. {@link
 * #fromEnv(Map, HttpSettings)} reads the key from {@value #API_KEY_ENV}. Thread-safe.
 */
public final class SemanticScholarClient implements ScholarSource, CitationGraph {

  /** Default API address. */
  public static final String DEFAULT_BASE_URL = "https://api.semanticscholar.org/graph/v1";

  /** Environment variable holding the optional API key. */
  public static final String API_KEY_ENV = "SEMANTIC_SCHOLAR_API_KEY";

  /** Default paper fields asked for. */
  public static final String DEFAULT_FIELDS =
      "paperId,corpusId,externalIds,url,title,abstract,venue,publicationVenue,year,"
          + "publicationDate,referenceCount,citationCount,isOpenAccess,openAccessPdf,"
          + "fieldsOfStudy,s2FieldsOfStudy,publicationTypes,journal,authors";

  /** Default least time between two calls, in milliseconds. */
  public static final int DEFAULT_MIN_INTERVAL_MILLIS = 1000;

  /** Default retry policy: 5 attempts, waiting 2 s, 4 s, 8 s, 16 s (rate limits clear slowly). */
  public static final RetryPolicy DEFAULT_RETRY_POLICY =
      RetryPolicy.custom()
          .maxAttempts(5)
          .initialBackoff(Duration.ofSeconds(2))
          .maxBackoff(Duration.ofSeconds(30))
          .build();

  /** Most results one search page may hold. */
  public static final int MAX_SEARCH_LIMIT = 100;

  /** Most results one references or citations page may hold. */
  public static final int MAX_GRAPH_LIMIT = 1000;

  /** Most ids one batch request may hold. */
  public static final int MAX_BATCH = 500;

  private final HttpUrl baseUrl;
  private final String fields;
  private final Map<String, String> headers;
  private final ServiceCaller caller;

  private SemanticScholarClient(Builder b) {
    this.baseUrl = b.baseUrl;
    this.fields = b.fields;
    this.headers = b.apiKey.isEmpty() ? Map.of() : Map.of("x-api-key", b.apiKey);
    HttpSettings settings =
        b.retryPolicy == null
            ? b.settings
            : b.settings.toBuilder().retryPolicy(b.retryPolicy).build();
    this.caller =
        ServiceCaller.create(
            SemanticScholarParser.PROVIDER,
            settings,
            b.minInterval,
            List.of(b.apiKey),
            "set " + API_KEY_ENV + " to a valid key, or unset it to use the shared pool",
            null,
            null);
  }

  /** A client with the defaults. */
  public static SemanticScholarClient create() {
    return builder().build();
  }

  /** A client using the key in {@value #API_KEY_ENV} of {@code env}, if set. */
  public static SemanticScholarClient fromEnv(Map<String, String> env, HttpSettings settings) {
    return builder().settings(settings).apiKey(env.getOrDefault(API_KEY_ENV, "")).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public PaperSource source() {
    return PaperSource.SEMANTIC_SCHOLAR;
  }

  @Override
  public List<Paper> search(PaperQuery query) {
    return search(query, 0).papers();
  }

  /**
   * One page of {@code /paper/search} results from {@code offset}. Hyphens in the query become
   * spaces, as Semantic Scholar's documentation advises.
   *
   * @return the page; {@link PaperPage#next()} is the next offset
   */
  public PaperPage search(PaperQuery query, int offset) {
    Objects.requireNonNull(query, "query is required, but was null");
    checkOffset(offset);
    HttpUrl.Builder url =
        endpoint("paper/search")
            // S2's search finds nothing for hyphenated terms; its docs say to use spaces instead.
            .addQueryParameter("query", query.text().replace('-', ' '))
            .addQueryParameter("offset", String.valueOf(offset))
            .addQueryParameter("limit", String.valueOf(Math.min(query.limit(), MAX_SEARCH_LIMIT)))
            .addQueryParameter("fields", fields);
    if (query.fromYear().isPresent() || query.toYear().isPresent()) {
      String from = query.fromYear().isPresent() ? String.valueOf(query.fromYear().getAsInt()) : "";
      String to = query.toYear().isPresent() ? String.valueOf(query.toYear().getAsInt()) : "";
      url.addQueryParameter("year", from.equals(to) ? from : from + "-" + to);
    }
    JsonNode root = json(caller.get(url.build(), headers));
    return page(root, Json.array(root, "data"), null);
  }

  /**
   * The paper whose title best matches {@code title}, by {@code /paper/search/match}; empty when
   * Semantic Scholar finds no match (it answers 404 "Title match not found").
   */
  public Optional<Paper> matchTitle(String title) {
    Objects.requireNonNull(title, "title is required, but was null");
    if (title.isBlank()) {
      throw new IllegalArgumentException("title must not be blank, but was '" + title + "'");
    }
    HttpUrl url =
        endpoint("paper/search/match")
            .addQueryParameter("query", title.strip())
            .addQueryParameter("fields", fields)
            .build();
    return caller
        .getUnlessNotFound(url, headers)
        .flatMap(
            body -> {
              List<JsonNode> data = Json.array(json(body), "data");
              return data.isEmpty()
                  ? Optional.empty()
                  : Optional.of(SemanticScholarParser.paper(data.get(0)));
            });
  }

  /** The paper with this id, or empty when Semantic Scholar does not know it. */
  @Override
  public Optional<Paper> lookup(PaperId id) {
    if (!supports(id.type())) {
      return Optional.empty();
    }
    HttpUrl url = paperUrl(id, "").addQueryParameter("fields", fields).build();
    return caller
        .getUnlessNotFound(url, headers)
        .map(body -> SemanticScholarParser.paper(json(body)));
  }

  @Override
  public boolean supports(PaperId.Type type) {
    return type != PaperId.Type.OPENALEX;
  }

  /**
   * One page of the papers that {@code id} cites, from {@code offset}.
   *
   * @param limit page size, 1 to {@value #MAX_GRAPH_LIMIT}
   * @return the page ({@code next} is the next offset); empty when the paper is unknown
   */
  public PaperPage references(PaperId id, int offset, int limit) {
    return graph(id, "references", "citedPaper", offset, limit);
  }

  /**
   * One page of the papers that cite {@code id}, from {@code offset}.
   *
   * @param limit page size, 1 to {@value #MAX_GRAPH_LIMIT}
   * @return the page ({@code next} is the next offset); empty when the paper is unknown
   */
  public PaperPage citations(PaperId id, int offset, int limit) {
    return graph(id, "citations", "citingPaper", offset, limit);
  }

  @Override
  public List<Paper> citations(PaperId id, int limit) {
    return collect(id, limit, true);
  }

  @Override
  public List<Paper> references(PaperId id, int limit) {
    return collect(id, limit, false);
  }

  /**
   * The papers with these ids, by {@code POST /paper/batch} ({@value #MAX_BATCH} ids per request);
   * ids Semantic Scholar does not know are left out, the rest keep their order.
   */
  public List<Paper> batch(List<PaperId> ids) {
    List<Paper> out = new ArrayList<>();
    List<PaperId> usable = ids.stream().filter(id -> supports(id.type())).toList();
    for (int i = 0; i < usable.size(); i += MAX_BATCH) {
      ObjectNode body = Json.MAPPER.createObjectNode();
      ArrayNode array = body.putArray("ids");
      usable.subList(i, Math.min(usable.size(), i + MAX_BATCH)).forEach(id -> array.add(s2Id(id)));
      HttpUrl url = endpoint("paper/batch").addQueryParameter("fields", fields).build();
      JsonNode root = json(caller.postJson(url, headers, body.toString()));
      if (!root.isArray()) {
        throw malformed("batch answer is not a JSON array");
      }
      for (JsonNode node : root) {
        Paper p = SemanticScholarParser.paper(node);
        if (p != null) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private List<Paper> collect(PaperId id, int limit, boolean citations) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, but was " + limit);
    }
    List<Paper> out = new ArrayList<>();
    int offset = 0;
    while (out.size() < limit) {
      int size = Math.min(MAX_GRAPH_LIMIT, limit - out.size());
      PaperPage page = citations ? citations(id, offset, size) : references(id, offset, size);
      out.addAll(page.papers());
      if (!page.hasNext() || page.papers().isEmpty()) {
        break;
      }
      offset = Integer.parseInt(page.next());
    }
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  private PaperPage graph(PaperId id, String what, String key, int offset, int limit) {
    checkOffset(offset);
    if (limit < 1 || limit > MAX_GRAPH_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_GRAPH_LIMIT + ", but was " + limit);
    }
    if (!supports(id.type())) {
      return new PaperPage(List.of(), 0, "");
    }
    HttpUrl url =
        paperUrl(id, what)
            .addQueryParameter("offset", String.valueOf(offset))
            .addQueryParameter("limit", String.valueOf(limit))
            .addQueryParameter("fields", fields)
            .build();
    Optional<String> body = caller.getUnlessNotFound(url, headers);
    if (body.isEmpty()) {
      return new PaperPage(List.of(), 0, "");
    }
    JsonNode root = json(body.get());
    return page(root, Json.array(root, "data"), key);
  }

  private PaperPage page(JsonNode root, List<JsonNode> data, String key) {
    if (!root.isObject()) {
      throw malformed("answer is not a JSON object");
    }
    List<Paper> papers = new ArrayList<>();
    for (JsonNode item : data) {
      Paper p = SemanticScholarParser.paper(key == null ? item : item.path(key));
      if (p != null) {
        papers.add(p);
      }
    }
    long total = Json.longValue(root, -1, "total");
    String next = Json.text(root, "next");
    return new PaperPage(papers, total, next);
  }

  private HttpUrl.Builder endpoint(String path) {
    return baseUrl.newBuilder().addPathSegments(path);
  }

  private HttpUrl.Builder paperUrl(PaperId id, String suffix) {
    HttpUrl.Builder url = baseUrl.newBuilder().addPathSegment("paper");
    String s2 = s2Id(id);
    if (id.type() == PaperId.Type.URL) {
      url.addPathSegment(s2);
    } else {
      url.addPathSegments(s2);
    }
    if (!suffix.isEmpty()) {
      url.addPathSegment(suffix);
    }
    return url;
  }

  /** The id in the form Semantic Scholar's paths and batch bodies take. */
  static String s2Id(PaperId id) {
    return switch (id.type()) {
      case DOI -> "DOI:" + id.value();
      case ARXIV -> "ARXIV:" + id.unversioned();
      case PMID -> "PMID:" + id.value();
      case PMCID -> "PMCID:" + id.value().substring(3);
      case CORPUS_ID -> "CorpusId:" + id.value();
      case URL -> "URL:" + id.value();
      case SEMANTIC_SCHOLAR -> id.value();
      case OPENALEX -> throw new IllegalArgumentException("Semantic Scholar has no OpenAlex ids");
    };
  }

  private JsonNode json(String body) {
    return Json.parse(body, SemanticScholarParser.PROVIDER, 200);
  }

  private static RuntimeException malformed(String what) {
    return new dev.researcher4j.api.MalformedResponseException(
        SemanticScholarParser.PROVIDER + ": " + what,
        null,
        SemanticScholarParser.PROVIDER,
        200,
        "");
  }

  private static void checkOffset(int offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, but was " + offset);
    }
  }

  /** Builds a {@link SemanticScholarClient}. Not thread-safe. */
  public static final class Builder {
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
    private HttpSettings settings = HttpSettings.ofDefaults();
    private Duration minInterval = Duration.ofMillis(DEFAULT_MIN_INTERVAL_MILLIS);
    private RetryPolicy retryPolicy = DEFAULT_RETRY_POLICY;
    private String apiKey = "";
    private String fields = DEFAULT_FIELDS;

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

    /** Least time between two calls; default {@value #DEFAULT_MIN_INTERVAL_MILLIS} ms. */
    public Builder minInterval(Duration minInterval) {
      this.minInterval = Urls.notNegative(minInterval, "minInterval");
      return this;
    }

    /**
     * Retry policy for this service; default {@link #DEFAULT_RETRY_POLICY}. {@code null} uses the
     * settings' policy.
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    /** The API key sent as {@code x-api-key}; empty for none (the default). */
    public Builder apiKey(String apiKey) {
      this.apiKey = Urls.optional(apiKey);
      return this;
    }

    /** The paper fields asked for; default {@value #DEFAULT_FIELDS}. */
    public Builder fields(String fields) {
      Objects.requireNonNull(fields, "fields is required, but was null");
      // names such as s2FieldsOfStudy and authors.hIndex: letters, then letters, digits and dots
      if (!fields.matches("[A-Za-z][A-Za-z0-9.]*(,[A-Za-z][A-Za-z0-9.]*)*")) {
        throw new IllegalArgumentException(
            "fields must be a comma-separated list of field names, but was '" + fields + "'");
      }
      this.fields = fields;
      return this;
    }

    /** Builds the client. */
    public SemanticScholarClient build() {
      return new SemanticScholarClient(this);
    }
  }
}
