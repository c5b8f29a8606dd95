package dev.researcher4j.tools.scholar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.tools.scholar.internal.CrossrefParser;
import dev.researcher4j.tools.scholar.internal.Json;
import dev.researcher4j.tools.scholar.internal.ServiceCaller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * A client of the Crossref REST API ({@code /works}): bibliographic search and lookup by DOI.
 *
 * <p>Requests use Crossref's "polite pool" when {@link HttpSettings#contactEmail()} is set: the
 * address goes in the {@code mailto} parameter and in the User-Agent ({@code researcher4j/0.1
 * (mailto:…)}). Crossref's error bodies come in two shapes, JSON validation failures and plain text
 * ({@code Resource not found.}); both end up in the exception's message. Abstracts, which Crossref
 * sends as JATS XML, are stripped to plain text.
 *
 * <p>Defaults: base URL {@value #DEFAULT_BASE_URL}, {@value #DEFAULT_MIN_INTERVAL_MILLIS} ms
 * between calls. Thread-safe.
 */
public final class CrossrefClient implements ScholarSource {

  /** Default API address; {@code /works} is appended. */
  public static final String DEFAULT_BASE_URL = "https://api.crossref.org";

  /** Default least time between calls in milliseconds (within the public pool's 5 a second). */
  public static final int DEFAULT_MIN_INTERVAL_MILLIS = 200;

  /** Most rows Crossref returns for one request. */
  public static final int MAX_ROWS = 1000;

  private final HttpUrl baseUrl;
  private final String contactEmail;
  private final ServiceCaller caller;

  private CrossrefClient(Builder b) {
    this.baseUrl = b.baseUrl;
    this.contactEmail = b.settings.contactEmail();
    this.caller =
        ServiceCaller.create(
            CrossrefParser.PROVIDER,
            b.settings,
            b.minInterval,
            List.of(),
            "",
            CrossrefParser::parseError,
            null);
  }

  /** A client with the defaults. */
  public static CrossrefClient create() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public PaperSource source() {
    return PaperSource.CROSSREF;
  }

  @Override
  public List<Paper> search(PaperQuery query) {
    return search(query, 0).papers();
  }

  /**
   * One page of works matching {@code query.text()} (Crossref's {@code query}), from row {@code
   * offset}, published in the query's years.
   *
   * @return the page; {@link PaperPage#next()} is the next offset
   */
  public PaperPage search(PaperQuery query, int offset) {
    Objects.requireNonNull(query, "query is required, but was null");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, but was " + offset);
    }
    HttpUrl.Builder url =
        works()
            .addQueryParameter("query", query.text())
            .addQueryParameter("rows", String.valueOf(query.limit()))
            .addQueryParameter("offset", String.valueOf(offset));
    List<String> filters = new ArrayList<>();
    query.fromYear().ifPresent(y -> filters.add("from-pub-date:" + y + "-01-01"));
    query.toYear().ifPresent(y -> filters.add("until-pub-date:" + y + "-12-31"));
    if (!filters.isEmpty()) {
      url.addQueryParameter("filter", String.join(",", filters));
    }
    JsonNode message = message(caller.get(polite(url).build(), Map.of()), "work-list");
    List<Paper> papers = new ArrayList<>();
    for (JsonNode item : Json.array(message, "items")) {
      Paper p = CrossrefParser.work(item);
      if (p != null) {
        papers.add(p);
      }
    }
    long total = Json.longValue(message, -1, "total-results");
    long next = (long) offset + papers.size();
    boolean more = !papers.isEmpty() && (total < 0 || next < total);
    return new PaperPage(papers, total, more ? String.valueOf(next) : "");
  }

  /** The work with this DOI (any common form), or empty when Crossref does not have it. */
  public Optional<Paper> work(String doi) {
    PaperId id = PaperId.doi(doi);
    HttpUrl.Builder url = works().addPathSegments(id.value());
    return caller
        .getUnlessNotFound(polite(url).build(), Map.of())
        .map(body -> CrossrefParser.work(message(body, "work")));
  }

  @Override
  public Optional<Paper> lookup(PaperId id) {
    return id.type() == PaperId.Type.DOI ? work(id.value()) : Optional.empty();
  }

  @Override
  public boolean supports(PaperId.Type type) {
    return type == PaperId.Type.DOI;
  }

  private HttpUrl.Builder works() {
    return baseUrl.newBuilder().addPathSegment("works");
  }

  private HttpUrl.Builder polite(HttpUrl.Builder url) {
    if (!contactEmail.isEmpty()) {
      url.addQueryParameter("mailto", contactEmail);
    }
    return url;
  }

  private static JsonNode message(String body, String expectedType) {
    String p = CrossrefParser.PROVIDER;
    JsonNode root = Json.parse(body, p, 200);
    String status = Json.text(root, "status");
    if (status.equals("failed")) {
      var error = CrossrefParser.parseError(body);
      throw new InvalidRequestException(
          p + ": request rejected (" + error.code() + "): " + error.message(),
          null,
          p,
          200,
          error.code());
    }
    JsonNode message = Json.at(root, "message");
    if (!message.isObject()) {
      throw new MalformedResponseException(
          p + ": answer has no message object (expected " + expectedType + ")", null, p, 200, "");
    }
    return message;
  }

  /** Builds a {@link CrossrefClient}. Not thread-safe. */
  public static final class Builder {
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
    private HttpSettings settings = HttpSettings.ofDefaults();
    private Duration minInterval = Duration.ofMillis(DEFAULT_MIN_INTERVAL_MILLIS);

    private Builder() {}

    /** The API address ({@code /works} is appended); default {@value #DEFAULT_BASE_URL}. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Urls.parse(baseUrl, "baseUrl");
      return this;
    }

    /**
     * HTTP settings (the contact e-mail selects the polite pool); default {@link
     * HttpSettings#ofDefaults()}.
     */
    public Builder settings(HttpSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings is required, but was null");
      return this;
    }

    /** Least time between two calls; default {@value #DEFAULT_MIN_INTERVAL_MILLIS} ms. */
    public Builder minInterval(Duration minInterval) {
      this.minInterval = Urls.notNegative(minInterval, "minInterval");
      return this;
    }

    /** Builds the client. */
    public CrossrefClient build() {
      return new CrossrefClient(this);
    }
  }
}
