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
import dev.researcher4j.api.AuthenticationException;
import dev.researcher4j.api.QuotaExceededException;
import dev.researcher4j.tools.web.search.Freshness;
import dev.researcher4j.tools.web.search.SearchQuery;
import dev.researcher4j.tools.web.search.SearchResult;
import dev.researcher4j.tools.web.search.SearchResults;
import dev.researcher4j.tools.web.search.WebSearchProvider;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SerperWebSearchTest extends WebSearchContractTest {

  private static final String KEY = "5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f";

  @Override
  WebSearchProvider provider() {
    return WebSearchProvider.SERPER;
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
    return json(200, "serper-success.json");
  }

  @Override
  ResponseDefinitionBuilder empty() {
    return json(200, "serper-empty.json");
  }

  @Override
  ResponseDefinitionBuilder rejectedKey() {
    return json(403, "serper-403.json");
  }

  @Override
  ResponseDefinitionBuilder rateLimited() {
    return json(429, "serper-429.json");
  }

  @Override
  ResponseDefinitionBuilder malformed() {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/html")
        .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>");
  }

  @Override
  int successCount() {
    return 3;
  }

  @Test
  void sendsTheDocumentedRequestWithTheKeyInXApiKey() {
    server.stubFor(endpoint().willReturn(success()));

    search()
        .search(
            SearchQuery.builder("crispr off-target effects")
                .site("nature.com")
                .freshness(Freshness.MONTH)
                .language("en")
                .country("us")
                .build());

    server.verify(
        postRequestedFor(urlEqualTo("/search"))
            .withHeader("X-API-KEY", equalTo(KEY))
            .withHeader("Content-Type", containing("application/json"))
            .withRequestBody(
                equalToJson(
                    """
                    {
                      "q": "crispr off-target effects site:nature.com",
                      "num": 10,
                      "gl": "us",
                      "hl": "en",
                      "tbs": "qdr:m"
                    }
                    """)));
  }

  @Test
  void asksForWholePagesOfTen() {
    server.stubFor(endpoint().willReturn(success()));

    search().search(SearchQuery.builder("crispr").count(25).build());

    server.verify(
        postRequestedFor(urlEqualTo("/search"))
            .withRequestBody(equalToJson("{\"q\": \"crispr\", \"num\": 30}")));
  }

  @Test
  void sendsADateRangeAsGooglesCustomDateRange() {
    server.stubFor(endpoint().willReturn(success()));

    search()
        .search(
            SearchQuery.builder("crispr")
                .dateRange(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1))
                .build());

    server.verify(
        postRequestedFor(urlEqualTo("/search"))
            .withRequestBody(
                equalToJson("{\"tbs\": \"cdr:1,cd_min:1/1/2024,cd_max:2/1/2024\"}", true, true)));
  }

  @Test
  void readsOrganicResultsWithPositionsAndDates() {
    server.stubFor(endpoint().willReturn(success()));

    SearchResults results = search().search(SearchQuery.of("crispr off-target effects"));

    assertThat(results.results())
        .extracting(SearchResult::url)
        .containsExactly(
            "https://www.nature.com/articles/s41587-019-0000-0",
            "https://www.nature.com/articles/nature16526",
            "https://www.nature.com/nmeth/crispr-tools");
    assertThat(results.results()).extracting(SearchResult::rank).containsExactly(1, 2, 4);
    assertThat(results.results().get(0).publishedDate()).contains(LocalDate.of(2024, 3, 4));
    assertThat(results.results().get(1).publishedDate()).contains(LocalDate.of(2026, 3, 7));
    assertThat(results.results().get(2).publishedDate()).isEmpty();
  }

  @Test
  void forbiddenMeansARejectedKey() {
    server.stubFor(endpoint().willReturn(rejectedKey()));

    AuthenticationException e =
        catchThrowableOfType(
            AuthenticationException.class, () -> search().search(SearchQuery.of("crispr")));

    assertThat(e.statusCode()).isEqualTo(403);
    assertThat(e.getMessage()).contains("Unauthorized.").contains("SERPER_API_KEY");
  }

  @Test
  void runningOutOfCreditsIsAQuotaErrorThatIsNotRetried() {
    server.stubFor(endpoint().willReturn(json(400, "serper-400-credits.json")));

    QuotaExceededException e =
        catchThrowableOfType(
            QuotaExceededException.class, () -> search().search(SearchQuery.of("crispr")));

    assertThat(e.errorCode()).isEqualTo("insufficient_credits");
    assertThat(e.getMessage()).contains("Not enough credits").doesNotContain(KEY);
    server.verify(1, anyRequestedFor(anyUrl()));
  }
}
