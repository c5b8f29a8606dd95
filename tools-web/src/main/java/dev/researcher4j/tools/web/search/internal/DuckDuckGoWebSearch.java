package dev.researcher4j.tools.web.search.internal;

import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.core.http.HttpCaller;
import dev.researcher4j.tools.web.search.SearchQuery;
import dev.researcher4j.tools.web.search.WebSearchConfig;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * DuckDuckGo's keyless HTML results page: the search form posted to {@code /html/} ({@code q},
 * {@code kl} region such as {@code us-en}, {@code df} date filter {@code d|w|m|y} or {@code
 * YYYY-MM-DD..YYYY-MM-DD}), results read from the markup: {@code div.result} blocks (ads, {@code
 * .result--ad}, skipped) with the title link {@code a.result__a}, the excerpt {@code
 * .result__snippet} and sometimes a date in a {@code span} of {@code .result__extras__url}. Links
 * go through DuckDuckGo's redirect {@code //duckduckgo.com/l/?uddg=<target>}, which is unwrapped.
 *
 * <p>DuckDuckGo answers suspected bots with HTTP 202 and a challenge page, or HTTP 403; both become
 * a {@link RateLimitException} (retried with backoff) whose message suggests configuring an API
 * provider. A page whose layout is not recognised is a malformed response rather than "no results".
 */
final class DuckDuckGoWebSearch extends HttpWebSearch {

  private static final String BLOCKED_ADVICE =
      "wait before searching again, or configure a search API: TAVILY_API_KEY, BRAVE_API_KEY,"
          + " SERPER_API_KEY or SEARXNG_URL";

  /** DuckDuckGo's region for a language when no country is given. */
  private static final Map<String, String> REGION_FOR_LANGUAGE =
      Map.ofEntries(
          Map.entry("en", "us-en"),
          Map.entry("de", "de-de"),
          Map.entry("fr", "fr-fr"),
          Map.entry("es", "es-es"),
          Map.entry("it", "it-it"),
          Map.entry("nl", "nl-nl"),
          Map.entry("pt", "pt-pt"),
          Map.entry("pl", "pl-pl"),
          Map.entry("ru", "ru-ru"),
          Map.entry("sv", "se-sv"),
          Map.entry("ja", "jp-jp"),
          Map.entry("ko", "kr-kr"),
          Map.entry("zh", "cn-zh"));

  /** A DuckDuckGo search as {@code config} describes. */
  DuckDuckGoWebSearch(WebSearchConfig config) {
    super(
        "duckduckgo",
        config,
        HttpCaller.builder("duckduckgo")
            .errorMapper(
                (status, error, response) ->
                    status == 403
                        ? new RateLimitException(
                            "duckduckgo: refused the search (HTTP 403), probably blocking"
                                + " automated queries; "
                                + BLOCKED_ADVICE,
                            null,
                            "duckduckgo",
                            status,
                            "blocked",
                            null)
                        : null));
  }

  @Override
  Request request(SearchQuery query) {
    FormBody.Builder form = new FormBody.Builder().add("q", query.queryWithSiteOperator());
    String region = region(query);
    if (region != null) {
      form.add("kl", region);
    }
    query.freshness().ifPresent(f -> form.add("df", f.id().substring(0, 1)));
    if (query.hasDateRange()) {
      LocalDate from = query.dateFrom().orElse(LocalDate.EPOCH);
      LocalDate to = query.dateTo().orElse(LocalDate.now(clock));
      form.add("df", from + ".." + to);
    }
    return requestTo(pageUrl())
        .header("Accept", "text/html")
        .header("Referer", baseUrl.resolve("/").toString())
        .post(form.build())
        .build();
  }

  @Override
  Page read(Response response, SearchQuery query) throws IOException {
    String body = caller.readBody(response, MAX_BODY_BYTES);
    Document page = Jsoup.parse(body, pageUrl().toString());
    if (response.code() == 202 || isChallenge(page)) {
      throw new RateLimitException(
          "duckduckgo: answered with a bot check instead of results (HTTP "
              + response.code()
              + "); "
              + BLOCKED_ADVICE,
          null,
          "duckduckgo",
          response.code(),
          "anomaly",
          null);
    }
    List<Hit> hits = new ArrayList<>();
    int rank = 0;
    for (Element result : page.select("div.result")) {
      if (result.hasClass("result--ad") || result.hasClass("result--no-result")) {
        continue;
      }
      Element link = result.selectFirst("a.result__a");
      if (link == null) {
        continue;
      }
      rank++;
      String target = Urls.unwrapDuckDuckGo(link.attr("href"), pageUrl());
      if (target == null) {
        continue;
      }
      Element snippet = result.selectFirst(".result__snippet");
      Element date = result.selectFirst(".result__extras__url > span:not(.result__icon)");
      hits.add(
          new Hit(
              link.text(),
              target,
              snippet == null ? "" : snippet.text(),
              date == null ? null : date(date.text()),
              rank));
    }
    if (rank == 0 && !looksLikeResultsPage(page)) {
      throw malformed(
          response,
          "the results page was not recognised (no result blocks and no 'no results' notice): "
              + abbreviate(page.text()));
    }
    return new Page(hits, List.of());
  }

  @Override
  List<String> unsupportedFilters(SearchQuery query) {
    if (query.language().isPresent()
        && query.country().isEmpty()
        && !REGION_FOR_LANGUAGE.containsKey(query.language().get())) {
      return List.of(
          "duckduckgo filters by region, not language; set a country to search in '"
              + query.language().get()
              + "'");
    }
    return List.of();
  }

  private HttpUrl pageUrl() {
    return baseUrl.newBuilder().addPathSegment("html").addPathSegment("").build();
  }

  private static String region(SearchQuery query) {
    String language = query.language().orElse(null);
    if (query.country().isPresent()) {
      String country = query.country().get();
      // DuckDuckGo writes the United Kingdom as "uk".
      country = country.equals("gb") ? "uk" : country;
      return country + "-" + (language == null ? "en" : language);
    }
    return language == null ? null : REGION_FOR_LANGUAGE.get(language);
  }

  private static boolean isChallenge(Document page) {
    return page.selectFirst("form#challenge-form, .anomaly-modal, .anomaly-modal__modal") != null;
  }

  private static boolean looksLikeResultsPage(Document page) {
    return page.selectFirst(".no-results, #links, div.results, .serp__results") != null
        || page.text().toLowerCase(Locale.ROOT).contains("no results");
  }
}
