package dev.researcher4j.tools.web.search.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.QuotaExceededException;
import dev.researcher4j.core.http.HttpCaller;
import dev.researcher4j.core.http.ProviderError;
import dev.researcher4j.tools.web.search.SearchQuery;
import dev.researcher4j.tools.web.search.WebSearchConfig;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Tavily's {@code POST /search}: a JSON body, the key as {@code Authorization: Bearer}, results in
 * {@code results[]} ({@code title}, {@code url}, {@code content}, {@code score}, {@code
 * published_date} for news). Errors come as {@code {"detail": {"error": "…"}}}; HTTP 432 and 433
 * mean the plan's or the pay-as-you-go limit is used up, which waiting does not fix.
 *
 * <p>Always a {@code basic} search (one credit), with no generated answer or raw content: the agent
 * reads pages itself.
 */
final class TavilyWebSearch extends HttpWebSearch {

  /** Tavily's largest {@code max_results}. */
  static final int MAX_RESULTS = 20;

  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  /** A Tavily search as {@code config} describes. */
  TavilyWebSearch(WebSearchConfig config) {
    super(
        "tavily",
        config,
        HttpCaller.builder("tavily")
            .authHint("set TAVILY_API_KEY to a valid Tavily API key")
            .errorParser(TavilyWebSearch::parseError)
            .errorMapper(
                (status, error, response) -> {
                  if (status == 432 || status == 433) {
                    return new QuotaExceededException(
                        "tavily: usage limit reached (HTTP "
                            + status
                            + ": "
                            + error.message()
                            + "); waiting will not help, raise the limit or upgrade the plan"
                            + " in the Tavily dashboard.",
                        null,
                        "tavily",
                        status,
                        status == 432 ? "plan_limit_exceeded" : "paygo_limit_exceeded");
                  }
                  return null;
                }));
  }

  @Override
  Request request(SearchQuery query) {
    ObjectNode body = JSON.createObjectNode();
    body.put("query", query.query());
    body.put("max_results", Math.min(query.count(), MAX_RESULTS));
    body.put("search_depth", "basic");
    body.put("topic", "general");
    body.put("include_answer", false);
    body.put("include_raw_content", false);
    body.put("include_images", false);
    query.freshness().ifPresent(f -> body.put("time_range", f.id()));
    query.dateFrom().ifPresent(d -> body.put("start_date", d.format(DateTimeFormatter.ISO_DATE)));
    query.dateTo().ifPresent(d -> body.put("end_date", d.format(DateTimeFormatter.ISO_DATE)));
    query.site().ifPresent(site -> body.putArray("include_domains").add(domainOf(site)));
    query
        .country()
        .map(TavilyWebSearch::countryName)
        .filter(name -> !name.isEmpty())
        .ifPresent(name -> body.put("country", name));
    return requestTo(baseUrl.newBuilder().addPathSegment("search").build())
        .header("Authorization", "Bearer " + config.apiKey().orElseThrow())
        .header("Accept", "application/json")
        .post(RequestBody.create(body.toString(), JSON_TYPE))
        .build();
  }

  @Override
  List<String> unsupportedFilters(SearchQuery query) {
    List<String> notes = new ArrayList<>();
    query
        .country()
        .filter(code -> countryName(code).isEmpty())
        .ifPresent(code -> notes.add("tavily does not know country '" + code + "'; ignored it"));
    if (query.language().isPresent()) {
      notes.add("tavily has no language filter; results may be in any language");
    }
    query
        .site()
        .filter(site -> site.contains("/"))
        .ifPresent(
            site -> notes.add("tavily filters by domain only; searched all of " + domainOf(site)));
    return notes;
  }

  @Override
  Page read(Response response, SearchQuery query) throws IOException {
    JsonNode root = readJsonObject(response);
    List<Hit> hits = new ArrayList<>();
    int rank = 0;
    for (JsonNode result : array(response, root, "results")) {
      rank++;
      hits.add(
          new Hit(
              text(result, "title"),
              text(result, "url"),
              text(result, "content"),
              date(text(result, "published_date")),
              rank));
    }
    return new Page(hits, List.of());
  }

  /** Tavily's errors: {@code {"detail": {"error": "…"}}}, else the common shapes. */
  static ProviderError parseError(String body) {
    try {
      JsonNode root = JSON.readTree(body == null ? "" : body);
      JsonNode detail = root == null ? null : root.get("detail");
      if (detail != null && detail.isObject() && detail.hasNonNull("error")) {
        return new ProviderError("", abbreviate(detail.get("error").asText()));
      }
    } catch (IOException notJson) {
      // fall through to the common shapes
    }
    return ProviderError.parse(body);
  }

  private static String domainOf(String site) {
    int slash = site.indexOf('/');
    return slash < 0 ? site : site.substring(0, slash);
  }

  /** Tavily wants the country's English name in lower case ({@code united states}). */
  private static String countryName(String isoCode) {
    String name =
        new Locale.Builder()
            .setRegion(isoCode)
            .build()
            .getDisplayCountry(Locale.ENGLISH)
            .toLowerCase(Locale.ROOT);
    // Java echoes codes it has no name for; sending those would only get a 400.
    return name.equalsIgnoreCase(isoCode) ? "" : name;
  }
}
