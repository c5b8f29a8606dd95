package dev.researcher4j.tools.web.search.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.core.http.HttpCaller;
import dev.researcher4j.tools.web.search.Freshness;
import dev.researcher4j.tools.web.search.SearchQuery;
import dev.researcher4j.tools.web.search.WebSearchConfig;
import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A SearXNG instance's {@code GET /search?format=json}: {@code q}, {@code language}, {@code
 * time_range} ({@code day}, {@code week}, {@code month}, {@code year}), results in {@code
 * results[]} ({@code title}, {@code url}, {@code content}, {@code publishedDate}, {@code engine}),
 * engines that failed in {@code unresponsive_engines} ({@code [[name, reason], …]}).
 *
 * <p>No key; user and password written into the address ({@code https://user:pass@host/}) are sent
 * as basic authentication for instances behind a proxy. An instance whose settings do not enable
 * the JSON format answers HTTP 403, which becomes a {@link ConfigurationException} saying so.
 * SearXNG has no exact date range: the nearest wider {@code time_range} is searched and results
 * dated outside the range are dropped (undated ones are kept), with a note.
 */
final class SearxngWebSearch extends HttpWebSearch {

  /** A SearXNG search as {@code config} describes. */
  SearxngWebSearch(WebSearchConfig config) {
    super(
        "searxng",
        config,
        HttpCaller.builder("searxng")
            .authHint(
                "check that SEARXNG_URL points to a SearXNG instance this program may use"
                    + " (currently "
                    + shown(config)
                    + ")")
            .errorMapper(
                (status, error, response) ->
                    status == 403
                        ? new ConfigurationException(
                            "searxng: the instance at "
                                + shown(config)
                                + " refused the JSON format (HTTP 403: "
                                + error.message()
                                + "); add 'json' to search.formats in its settings.yml, or set"
                                + " SEARXNG_URL to an instance that allows it.",
                            null,
                            "searxng",
                            status,
                            "json_format_disabled")
                        : null));
  }

  /** The instance's address as it may be shown: without user and password. */
  private static String shown(WebSearchConfig config) {
    return withoutCredentials(HttpUrl.get(config.baseUrl())).toString();
  }

  @Override
  Request request(SearchQuery query) {
    HttpUrl.Builder url =
        baseUrl
            .newBuilder()
            .addPathSegment("search")
            .addQueryParameter("q", query.queryWithSiteOperator())
            .addQueryParameter("format", "json")
            .addQueryParameter("pageno", "1");
    query
        .language()
        .ifPresent(
            language ->
                url.addQueryParameter(
                    "language",
                    query
                        .country()
                        .map(c -> language + "-" + c.toUpperCase(Locale.ROOT))
                        .orElse(language)));
    timeRange(query).ifPresent(range -> url.addQueryParameter("time_range", range));
    return requestTo(url.build()).header("Accept", "application/json").get().build();
  }

  @Override
  List<String> unsupportedFilters(SearchQuery query) {
    List<String> notes = new ArrayList<>();
    if (query.country().isPresent() && query.language().isEmpty()) {
      notes.add("searxng filters by language, not country; set a language as well");
    }
    if (query.hasDateRange()) {
      notes.add(
          "searxng cannot search an exact date range; searched "
              + timeRange(query).map(r -> "the last " + r).orElse("all dates")
              + " and dropped results dated outside "
              + query.dateFrom().map(LocalDate::toString).orElse("the start")
              + " to "
              + query.dateTo().map(LocalDate::toString).orElse("today"));
    }
    return notes;
  }

  @Override
  Page read(Response response, SearchQuery query) throws IOException {
    JsonNode root;
    try {
      root = readJsonObject(response);
    } catch (MalformedResponseException e) {
      throw malformed(
          response,
          "the answer from "
              + baseUrl
              + " is not SearXNG JSON; is SEARXNG_URL the address of a SearXNG instance? ("
              + e.getMessage()
              + ")");
    }
    LocalDate from = query.dateFrom().orElse(null);
    LocalDate to = query.dateTo().orElse(null);
    List<Hit> hits = new ArrayList<>();
    int rank = 0;
    for (JsonNode result : array(response, root, "results")) {
      rank++;
      LocalDate published = date(text(result, "publishedDate"));
      if (published != null
          && ((from != null && published.isBefore(from))
              || (to != null && published.isAfter(to)))) {
        continue;
      }
      hits.add(
          new Hit(
              text(result, "title"),
              text(result, "url"),
              text(result, "content"),
              published,
              rank));
    }
    List<String> notes = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (JsonNode engine : array(response, root, "unresponsive_engines")) {
      if (engine.isArray() && engine.size() >= 1) {
        String reason = engine.size() > 1 ? engine.get(1).asText() : "";
        failed.add(engine.get(0).asText() + (reason.isEmpty() ? "" : " (" + reason + ")"));
      }
    }
    if (!failed.isEmpty()) {
      notes.add("searxng engines that did not answer: " + String.join(", ", failed));
    }
    return new Page(hits, notes);
  }

  /** The {@code time_range} for the query's freshness, or the narrowest covering its date range. */
  private Optional<String> timeRange(SearchQuery query) {
    if (query.freshness().isPresent()) {
      return query.freshness().map(Freshness::id);
    }
    if (query.dateFrom().isEmpty()) {
      return Optional.empty();
    }
    long days = ChronoUnit.DAYS.between(query.dateFrom().get(), LocalDate.now(clock));
    if (days <= 1) {
      return Optional.of("day");
    }
    if (days <= 7) {
      return Optional.of("week");
    }
    if (days <= 31) {
      return Optional.of("month");
    }
    if (days <= 366) {
      return Optional.of("year");
    }
    return Optional.empty();
  }
}
