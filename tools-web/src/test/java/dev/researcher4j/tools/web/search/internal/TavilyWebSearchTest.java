package dev.researcher4j.tools.web.search.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.QuotaExceededException;
import dev.researcher4j.tools.web.search.Freshness;
import dev.researcher4j.tools.web.search.SearchQuery;
import dev.researcher4j.tools.web.search.SearchResult;
import dev.researcher4j.tools.web.search.SearchResults;
import dev.researcher4j.tools.web.search.WebSearchProvider;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TavilyWebSearchTest extends WebSearchContractTest {

  private static final String KEY = "tvly-dev-0a1b2c3d4e5f6a7b8c9d";

  @Override
  WebSearchProvider provider() {
    return WebSearchProvider.TAVILY;
  }

  @Override
  String apiKey() {
    return KEY;
  }

  @Override
  MappingBuilder endpoint() {
    return post(urlPathEqualTo("/search"));
  }

  @Override
  ResponseDefinitionBuilder success() {
    return json(200, "tavily-success.json");
  }

  @Override
  ResponseDefinitionBuilder empty() {
    return json(200, "tavily-empty.json");
  }

  @Override
  ResponseDefinitionBuilder rejectedKey() {
    return json(401, "tavily-401.json");
  }

  @Override
  ResponseDefinitionBuilder rateLimited() {
    return json(429, "tavily-429.json");
  }

  @Override
  ResponseDefinitionBuilder malformed() {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"query\": \"x\", \"results\": [{\"title\": \"cut off");
  }

  @Override
  int successCount() {
    return 3;
  }

  @Test
  void sendsTheDocumentedRequestWithTheKeyAsABearerToken() {
    server.stubFor(endpoint().willReturn(success()));

    search()
        .search(
            SearchQuery.builder("james webb telescope first images")
                .count(5)
                .freshness(Freshness.WEEK)
                .site("nasa.gov")
                .country("us")
                .build());

    server.verify(
        postRequestedFor(urlEqualTo("/search"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withHeader("Content-Type", containing("application/json"))
            .withHeader("User-Agent", equalTo("researcher4j-web-search/0.1"))
            .withRequestBody(
                equalToJson(
                    """
                    {
                      "query": "james webb telescope first images",
                      "max_results": 5,
                      "search_depth": "basic",
                      "topic": "general",
                      "include_answer": false,
                      "include_raw_content": false,
                      "include_images": false,
                      "time_range": "week",
                      "include_domains": ["nasa.gov"],
                      "country": "united states"
                    }
                    """)));
  }

  @Test
  void sendsADateRangeAsStartAndEndDates() {
    server.stubFor(endpoint().willReturn(success()));

    search()
        .search(
            SearchQuery.builder("webb")
                .dateRange(LocalDate.of(2022, 7, 1), LocalDate.of(2022, 7, 31))
                .build());

    server.verify(
        postRequestedFor(urlEqualTo("/search"))
            .withRequestBody(
                equalToJson(
                    "{\"start_date\": \"2022-07-01\", \"end_date\": \"2022-07-31\"}", true, true)));
  }

  @Test
  void asksForAtMostTwentyResults() {
    server.stubFor(endpoint().willReturn(success()));

    search().search(SearchQuery.builder("webb").count(50).build());

    server.verify(
        postRequestedFor(urlEqualTo("/search"))
            .withRequestBody(equalToJson("{\"max_results\": 20}", true, true)));
  }

  @Test
  void normalisesAndDeduplicatesTheDocumentedResults() {
    server.stubFor(endpoint().willReturn(success()));

    SearchResults results = search().search(SearchQuery.of("james webb telescope first images"));

    assertThat(results.results())
        .extracting(SearchResult::url)
        .containsExactly(
            "https://science.nasa.gov/mission/webb/first-images/",
            "https://www.esa.int/Science_Exploration/Space_Science/Webb/Webb_s_first_images",
            "https://en.wikipedia.org/wiki/James_Webb_Space_Telescope");
    SearchResult nasa = results.results().get(0);
    assertThat(nasa.title()).isEqualTo("Webb's First Images - NASA Science");
    assertThat(nasa.snippet()).startsWith("On July 12, 2022, NASA released");
    assertThat(nasa.rank()).isEqualTo(1);
    assertThat(nasa.publishedDate()).isEmpty();
    assertThat(results.results().get(1).publishedDate()).contains(LocalDate.of(2022, 7, 12));
    assertThat(results.results().get(2).rank()).isEqualTo(4);
    assertThat(results.notes()).isEmpty();
  }

  @Test
  void notesThatItCannotFilterByLanguage() {
    server.stubFor(endpoint().willReturn(success()));

    SearchResults results = search().search(SearchQuery.builder("webb").language("de").build());

    assertThat(results.notes())
        .containsExactly("tavily has no language filter; results may be in any language");
  }

  @Test
  void aUsedUpPlanIsAQuotaErrorThatIsNotRetried() {
    server.stubFor(endpoint().willReturn(json(432, "tavily-432.json")));

    QuotaExceededException e =
        catchThrowableOfType(
            QuotaExceededException.class, () -> search().search(SearchQuery.of("webb")));

    assertThat(e.statusCode()).isEqualTo(432);
    assertThat(e.errorCode()).isEqualTo("plan_limit_exceeded");
    assertThat(e.getMessage()).contains("exceeds your plan's set usage limit");
    server.verify(1, anyRequestedFor(anyUrl()));
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void aUsedUpPayAsYouGoLimitIsAQuotaError() {
    server.stubFor(endpoint().willReturn(json(433, "tavily-433.json")));

    QuotaExceededException e =
        catchThrowableOfType(
            QuotaExceededException.class, () -> search().search(SearchQuery.of("webb")));

    assertThat(e.errorCode()).isEqualTo("paygo_limit_exceeded");
    server.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void readsTheErrorMessageOutOfTheDetailEnvelope() {
    server.stubFor(endpoint().willReturn(json(401, "tavily-401.json")));

    Exception e =
        catchThrowableOfType(Exception.class, () -> search().search(SearchQuery.of("webb")));

    assertThat(e.getMessage())
        .contains("Unauthorized: missing or invalid API key.")
        .contains("set TAVILY_API_KEY to a valid Tavily API key");
  }

  @Test
  void aKeyEchoedInAnErrorBodyIsMasked() {
    server.stubFor(
        endpoint()
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"detail\": {\"error\": \"Key " + KEY + " is not valid here\"}}")));

    InvalidRequestException e =
        catchThrowableOfType(
            InvalidRequestException.class, () -> search().search(SearchQuery.of("webb")));

    assertThat(e.getMessage()).doesNotContain(KEY).contains("Key *** is not valid here");
  }
}
