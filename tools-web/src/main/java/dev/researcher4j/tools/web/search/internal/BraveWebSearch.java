package dev.researcher4j.tools.web.search.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.api.QuotaExceededException;
import dev.researcher4j.core.http.HttpCaller;
import dev.researcher4j.core.http.HttpErrors;
import dev.researcher4j.core.http.ProviderError;
import dev.researcher4j.core.http.RetryAfter;
import dev.researcher4j.tools.web.search.Freshness;
import dev.researcher4j.tools.web.search.SearchQuery;
import dev.researcher4j.tools.web.search.WebSearchConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Brave Search's {@code GET /res/v1/web/search}: parameters in the query string, the key in {@code
 * X-Subscription-Token}, results in {@code web.results[]} ({@code title}, {@code url}, {@code
 * description}, {@code page_age}, {@code age}); {@code web} is absent when nothing was found.
 *
 * <p>Errors are {@code {"type": "ErrorResponse", "error": {"code", "detail", "meta"}}}. Brave sends
 * HTTP 429 both for its per-second rate limit and when the month's quota is used up; the quota case
 * (told by {@code meta.quota_current >= meta.quota_limit} or a monthly {@code
 * X-RateLimit-Remaining} of 0) becomes a {@link QuotaExceededException}. A 429 without {@code
 * Retry-After} waits for the per-second window in {@code X-RateLimit-Reset}.
 */
final class BraveWebSearch extends HttpWebSearch {

  /** Brave's largest {@code count}. */
  static final int MAX_RESULTS = 20;

  /** Brave's codes for the few languages it does not write as ISO 639-1. */
  private static final Map<String, String> LANGUAGE_CODES = Map.of("ja", "jp", "zh", "zh-hans");

  /** A Brave search as {@code config} describes. */
  BraveWebSearch(WebSearchConfig config) {
    super(
        "brave",
        config,
        HttpCaller.builder("brave")
            .authHint("set BRAVE_API_KEY to a valid Brave Search API key")
            .errorParser(BraveWebSearch::parseError)
            .errorMapper(
                (status, error, response) -> mapError(status, error, response, config.clock())));
  }

  @Override
  Request request(SearchQuery query) {
    HttpUrl.Builder url =
        baseUrl
            .newBuilder()
            .addPathSegments("res/v1/web/search")
            .addQueryParameter("q", query.queryWithSiteOperator())
            .addQueryParameter("count", Integer.toString(Math.min(query.count(), MAX_RESULTS)))
            .addQueryParameter("text_decorations", "false");
    query.country().ifPresent(c -> url.addQueryParameter("country", c.toUpperCase(Locale.ROOT)));
    query
        .language()
        .ifPresent(l -> url.addQueryParameter("search_lang", LANGUAGE_CODES.getOrDefault(l, l)));
    query.freshness().ifPresent(f -> url.addQueryParameter("freshness", freshness(f)));
    if (query.hasDateRange()) {
      LocalDate from = query.dateFrom().orElse(LocalDate.EPOCH);
      LocalDate to = query.dateTo().orElse(LocalDate.now(clock));
      url.addQueryParameter("freshness", from + "to" + to);
    }
    return requestTo(url.build())
        .header("Accept", "application/json")
        .header("X-Subscription-Token", config.apiKey().orElseThrow())
        .get()
        .build();
  }

  @Override
  Page read(Response response, SearchQuery query) throws IOException {
    JsonNode root = readJsonObject(response);
    List<String> notes = new ArrayList<>();
    String altered = text(root.path("query"), "altered");
    if (!altered.isEmpty() && !altered.equals(query.queryWithSiteOperator())) {
      notes.add("brave searched for \"" + altered + "\" instead");
    }
    JsonNode web = root.get("web");
    List<Hit> hits = new ArrayList<>();
    if (web != null && web.isObject()) {
      int rank = 0;
      for (JsonNode result : array(response, web, "results")) {
        rank++;
        String published = text(result, "page_age");
        if (published.isEmpty()) {
          published = text(result, "age");
        }
        hits.add(
            new Hit(
                text(result, "title"),
                text(result, "url"),
                text(result, "description"),
                date(published),
                rank));
      }
    }
    return new Page(hits, notes);
  }

  private static String freshness(Freshness freshness) {
    return switch (freshness) {
      case DAY -> "pd";
      case WEEK -> "pw";
      case MONTH -> "pm";
      case YEAR -> "py";
    };
  }

  /**
   * Brave's error body. When {@code meta} shows the month's quota used up, the code becomes {@code
   * quota_exceeded} so that the error is not retried.
   */
  static ProviderError parseError(String body) {
    try {
      JsonNode root = JSON.readTree(body == null ? "" : body);
      JsonNode error = root == null ? null : root.get("error");
      if (error != null && error.isObject()) {
        String code = text(error, "code");
        String detail = text(error, "detail");
        if (detail.isEmpty()) {
          detail = text(error, "message");
        }
        JsonNode meta = error.path("meta");
        if (meta.path("quota_limit").isNumber()
            && meta.path("quota_current").isNumber()
            && meta.get("quota_current").asLong() >= meta.get("quota_limit").asLong()) {
          return new ProviderError(
              "quota_exceeded",
              abbreviate(
                  detail
                      + " (monthly quota used: "
                      + meta.get("quota_current").asLong()
                      + " of "
                      + meta.get("quota_limit").asLong()
                      + (code.isEmpty() ? "" : "; Brave code " + code)
                      + ")"));
        }
        if (!code.isEmpty() || !detail.isEmpty()) {
          return new ProviderError(code, abbreviate(detail));
        }
      }
    } catch (IOException notJson) {
      // fall through to the common shapes
    }
    return ProviderError.parse(body);
  }

  private static dev.researcher4j.api.ResearchException mapError(
      int status, ProviderError error, Response response, Clock clock) {
    if (status != 429) {
      return null;
    }
    // X-RateLimit-* hold one value per window, the per-second window first, the month last.
    List<String> remaining = values(response.header("X-RateLimit-Remaining"));
    if (remaining.size() > 1 && remaining.get(remaining.size() - 1).equals("0")) {
      return new QuotaExceededException(
          "brave: monthly quota used up (HTTP 429 "
              + error.code()
              + ": "
              + error.message()
              + "); waiting will not help, check the plan in the Brave Search API dashboard.",
          null,
          "brave",
          status,
          error.code());
    }
    Duration retryAfter = RetryAfter.parse(response.headers(), clock).orElse(null);
    if (retryAfter == null) {
      List<String> reset = values(response.header("X-RateLimit-Reset"));
      if (!reset.isEmpty()) {
        retryAfter = RetryAfter.parseValue(reset.get(0), clock).orElse(null);
      }
    }
    return HttpErrors.forStatus(
        "brave", status, error, retryAfter, "set BRAVE_API_KEY to a valid Brave Search API key");
  }

  private static List<String> values(String header) {
    if (header == null || header.isBlank()) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (String part : header.split(",")) {
      values.add(part.strip());
    }
    return values;
  }
}
