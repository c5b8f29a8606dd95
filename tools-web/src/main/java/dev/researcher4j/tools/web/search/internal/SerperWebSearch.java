package dev.researcher4j.tools.web.search.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.QuotaExceededException;
import dev.researcher4j.core.http.HttpCaller;
import dev.researcher4j.tools.web.search.Freshness;
import dev.researcher4j.tools.web.search.SearchQuery;
import dev.researcher4j.tools.web.search.WebSearchConfig;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Serper's Google results, {@code POST /search}: a JSON body ({@code q}, {@code num}, {@code gl},
 * {@code hl}, {@code tbs}), the key in {@code X-API-KEY}, results in {@code organic[]} ({@code
 * title}, {@code link}, {@code snippet}, {@code date}, {@code position}).
 *
 * <p>Serper answers a bad key with HTTP 403 {@code {"message": "Unauthorized.", "statusCode":
 * 403}}, and an account without credits with HTTP 400 and a message about credits, which becomes a
 * {@link QuotaExceededException}. Filters are Google's: {@code site:} in the query, {@code
 * tbs=qdr:d|w|m|y} for freshness, {@code tbs=cdr:1,cd_min:M/D/YYYY,cd_max:M/D/YYYY} for a range.
 */
final class SerperWebSearch extends HttpWebSearch {

  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  /** A Serper search as {@code config} describes. */
  SerperWebSearch(WebSearchConfig config) {
    super(
        "serper",
        config,
        HttpCaller.builder("serper")
            .authHint("set SERPER_API_KEY to a valid Serper API key")
            .errorMapper(
                (status, error, response) -> {
                  if (status != 401
                      && status != 403
                      && error.message().toLowerCase(Locale.ROOT).contains("credits")) {
                    return new QuotaExceededException(
                        "serper: out of credits (HTTP "
                            + status
                            + ": "
                            + error.message()
                            + "); waiting will not help, top up the Serper account.",
                        null,
                        "serper",
                        status,
                        "insufficient_credits");
                  }
                  return null;
                }));
  }

  @Override
  Request request(SearchQuery query) {
    ObjectNode body = JSON.createObjectNode();
    body.put("q", query.queryWithSiteOperator());
    // Serper bills by pages of ten; ask for whole pages and cut to the count afterwards.
    body.put("num", Math.max(10, (query.count() + 9) / 10 * 10));
    query.country().ifPresent(c -> body.put("gl", c));
    query.language().ifPresent(l -> body.put("hl", l));
    query.freshness().ifPresent(f -> body.put("tbs", "qdr:" + freshness(f)));
    if (query.hasDateRange()) {
      LocalDate from = query.dateFrom().orElse(LocalDate.EPOCH);
      LocalDate to = query.dateTo().orElse(LocalDate.now(clock));
      body.put("tbs", "cdr:1,cd_min:" + googleDate(from) + ",cd_max:" + googleDate(to));
    }
    return requestTo(baseUrl.newBuilder().addPathSegment("search").build())
        .header("X-API-KEY", config.apiKey().orElseThrow())
        .header("Accept", "application/json")
        .post(RequestBody.create(body.toString(), JSON_TYPE))
        .build();
  }

  @Override
  Page read(Response response, SearchQuery query) throws IOException {
    JsonNode root = readJsonObject(response);
    List<Hit> hits = new ArrayList<>();
    int index = 0;
    for (JsonNode result : array(response, root, "organic")) {
      index++;
      int position = result.path("position").asInt(0);
      hits.add(
          new Hit(
              text(result, "title"),
              text(result, "link"),
              text(result, "snippet"),
              date(text(result, "date")),
              position > 0 ? position : index));
    }
    return new Page(hits, List.of());
  }

  private static String freshness(Freshness freshness) {
    return switch (freshness) {
      case DAY -> "d";
      case WEEK -> "w";
      case MONTH -> "m";
      case YEAR -> "y";
    };
  }

  private static String googleDate(LocalDate date) {
    return date.getMonthValue() + "/" + date.getDayOfMonth() + "/" + date.getYear();
  }
}
