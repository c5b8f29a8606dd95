package dev.researcher4j.tools.web.search.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.core.http.HttpCaller;
import dev.researcher4j.core.http.Retrier;
import dev.researcher4j.core.http.UrlNormalizer;
import dev.researcher4j.tools.web.search.SearchQuery;
import dev.researcher4j.tools.web.search.SearchResult;
import dev.researcher4j.tools.web.search.SearchResults;
import dev.researcher4j.tools.web.search.WebSearch;
import dev.researcher4j.tools.web.search.WebSearchConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every built-in provider shares: one {@link HttpCaller} (retries, circuit breaker, error
 * mapping, key redaction), and turning the provider's raw hits into clean, deduplicated {@link
 * SearchResult}s. Subclasses write the request and read the response. Thread-safe.
 */
abstract class HttpWebSearch implements WebSearch {

  private static final Logger LOG = LoggerFactory.getLogger(HttpWebSearch.class);

  /** Largest response read; search responses are a few tens of kilobytes. */
  static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

  static final ObjectMapper JSON = new ObjectMapper();

  /** A result as the provider gave it, before cleaning. */
  record Hit(String title, String url, String snippet, LocalDate published, int rank) {}

  /** What one response held. */
  record Page(List<Hit> hits, List<String> notes) {
    Page {
      hits = List.copyOf(hits);
      notes = List.copyOf(notes);
    }
  }

  final String name;
  final WebSearchConfig config;
  final HttpCaller caller;

  /** The configured address without user and password, safe to show. */
  final HttpUrl baseUrl;

  final Clock clock;

  /** Basic credentials written into the configured address (a SearXNG behind a proxy), or null. */
  private final String basicAuth;

  HttpWebSearch(String name, WebSearchConfig config, HttpCaller.Builder caller) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    HttpUrl configured = HttpUrl.get(config.baseUrl());
    this.baseUrl = withoutCredentials(configured);
    this.basicAuth =
        configured.username().isEmpty()
            ? null
            : Credentials.basic(configured.username(), configured.password());
    this.caller =
        caller
            .client(config.client())
            .retryPolicy(config.retryPolicy())
            .circuitBreaker(config.circuitBreaker())
            .sleeper(config.sleeper())
            .clock(config.clock())
            .secret(config.apiKey().orElse(null))
            .secret(configured.password())
            .secret(configured.encodedPassword())
            .secret(basicAuth == null ? null : basicAuth.substring("Basic ".length()))
            .build();
    this.clock = config.clock();
  }

  /** {@code url} without user name and password. */
  static HttpUrl withoutCredentials(HttpUrl url) {
    return url.newBuilder().username("").password("").build();
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final SearchResults search(SearchQuery query) {
    Objects.requireNonNull(query, "query is required, but was null");
    Request request = request(query);
    Retrier.Result<Page> result =
        caller.execute(
            request,
            response -> read(response, query),
            retry ->
                LOG.debug(
                    "{}: attempt {} failed ({}), retrying in {}",
                    name,
                    retry.attempt(),
                    retry.error(),
                    retry.delay()));
    List<String> notes = new ArrayList<>(unsupportedFilters(query));
    notes.addAll(result.value().notes());
    return new SearchResults(name, query.query(), assemble(query, result.value().hits()), notes);
  }

  /** The HTTP request for {@code query}. */
  abstract Request request(SearchQuery query);

  /** Reads a successful response; throws {@link MalformedResponseException} when it cannot. */
  abstract Page read(Response response, SearchQuery query) throws IOException;

  /** Notes on the filters of {@code query} this provider cannot apply. */
  List<String> unsupportedFilters(SearchQuery query) {
    return List.of();
  }

  /** A request builder with the headers every provider sends. */
  Request.Builder requestTo(HttpUrl url) {
    Request.Builder b = new Request.Builder().url(url).header("User-Agent", config.userAgent());
    if (basicAuth != null) {
      b.header("Authorization", basicAuth);
    }
    return b;
  }

  /** The body of {@code response} parsed as a JSON object. */
  JsonNode readJsonObject(Response response) throws IOException {
    String body = caller.readBody(response, MAX_BODY_BYTES);
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw malformed(response, "response is not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw malformed(response, "response is not a JSON object: " + abbreviate(body));
    }
    return root;
  }

  /** A failure to read a response, with the key removed from {@code detail}. */
  MalformedResponseException malformed(Response response, String detail) {
    return new MalformedResponseException(
        name + ": " + caller.redactor().redact(detail), null, name, response.code(), "");
  }

  /** The text of {@code node.field}, or empty when missing, null or not a scalar. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull() || value.isContainerNode()) {
      return "";
    }
    return value.asText();
  }

  /** The elements of the array {@code node.field}; empty when missing or null. */
  List<JsonNode> array(Response response, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw malformed(response, "'" + field + "' is not an array but " + value.getNodeType());
    }
    List<JsonNode> items = new ArrayList<>();
    value.forEach(items::add);
    return items;
  }

  /** {@code text} read as a date, or {@code null}. */
  LocalDate date(String text) {
    return PublishedDates.parse(text, clock).orElse(null);
  }

  static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
  }

  private List<SearchResult> assemble(SearchQuery query, List<Hit> hits) {
    List<SearchResult> results = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Hit hit : hits) {
      String url = UrlNormalizer.clean(hit.url());
      if (url == null || !seen.add(UrlNormalizer.key(url))) {
        continue;
      }
      String title = Snippets.plain(hit.title());
      if (title.isEmpty()) {
        title = HttpUrl.get(url).host();
      }
      results.add(
          SearchResult.of(title, url, Snippets.plain(hit.snippet()), name, hit.rank())
              .withPublishedDate(hit.published()));
      if (results.size() == query.count()) {
        break;
      }
    }
    return results;
  }
}
