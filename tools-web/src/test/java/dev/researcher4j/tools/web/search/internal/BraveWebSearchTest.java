package dev.researcher4j.tools.web.search.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.QuotaExceededException;
import dev.researcher4j.tools.web.search.Freshness;
import dev.researcher4j.tools.web.search.SearchQuery;
import dev.researcher4j.tools.web.search.SearchResult;
import dev.researcher4j.tools.web.search.SearchResults;
import dev.researcher4j.tools.web.search.WebSearchProvider;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BraveWebSearchTest extends WebSearchContractTest {

  private static final String KEY = "BSAq1w2e3r4t5y6u7i8o9p0";

  @Override
  WebSearchProvider provider() {
    return WebSearchProvider.BRAVE;
  }

  @Override
  String apiKey() {
    return KEY;
  }

  @Override
  MappingBuilder endpoint() {
    return get(urlPathEqualTo("/res/v1/web/search"));
  }

  @Override
  ResponseDefinitionBuilder success() {
    return json(200, "brave-success.json");
  }

  @Override
  ResponseDefinitionBuilder empty() {
    return json(200, "brave-empty.json");
  }

  @Override
  ResponseDefinitionBuilder rejectedKey() {
    return json(401, "brave-401.json");
  }

  @Override
  ResponseDefinitionBuilder rateLimited() {
    return json(429, "brave-429.json")
        .withHeader("X-RateLimit-Limit", "1, 2000")
        .withHeader("X-RateLimit-Remaining", "0, 1985")
        .withHeader("X-RateLimit-Reset", "1, 1419704");
  }

  @Override
  ResponseDefinitionBuilder malformed() {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"type\": \"search\", \"web\": {\"results\": {\"not\": \"an array\"}}}");
  }

  @Override
  int successCount() {
    return 3;
  }

  private LoggedRequest onlyRequest() {
    List<LoggedRequest> requests =
        server.findAll(getRequestedFor(urlPathEqualTo("/res/v1/web/search")));
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  @Test
  void sendsTheDocumentedRequestWithTheSubscriptionToken() {
    server.stubFor(endpoint().willReturn(success()));

    search()
        .search(
            SearchQuery.builder("rust async runtime comparison")
                .count(5)
                .freshness(Freshness.WEEK)
                .language("en")
                .country("us")
                .site("github.com")
                .build());

    server.verify(
        getRequestedFor(urlPathEqualTo("/res/v1/web/search"))
            .withQueryParam("q", equalTo("rust async runtime comparison site:github.com"))
            .withQueryParam("count", equalTo("5"))
            .withQueryParam("country", equalTo("US"))
            .withQueryParam("search_lang", equalTo("en"))
            .withQueryParam("freshness", equalTo("pw"))
            .withQueryParam("text_decorations", equalTo("false"))
            .withHeader("X-Subscription-Token", equalTo(KEY))
            .withHeader("Accept", equalTo("application/json"))
            .withHeader("Authorization", absent()));
    assertThat(onlyRequest().getQueryParams()).hasSize(6);
  }

  @Test
  void sendsADateRangeAsBravesFreshnessRange() {
    server.stubFor(endpoint().willReturn(success()));

    search()
        .search(
            SearchQuery.builder("tokio")
                .dateRange(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1))
                .build());

    server.verify(
        getRequestedFor(urlPathEqualTo("/res/v1/web/search"))
            .withQueryParam("freshness", equalTo("2024-01-01to2024-02-01")));
  }

  @Test
  void anOpenEndedRangeEndsToday() {
    server.stubFor(endpoint().willReturn(success()));

    search().search(SearchQuery.builder("tokio").dateRange(LocalDate.of(2026, 1, 1), null).build());

    server.verify(
        getRequestedFor(urlPathEqualTo("/res/v1/web/search"))
            .withQueryParam("freshness", equalTo("2026-01-01to2026-03-10")));
  }

  @Test
  void usesBravesCodesForJapaneseAndChinese() {
    server.stubFor(endpoint().willReturn(success()));

    search().search(SearchQuery.builder("東京").language("ja").build());

    server.verify(
        getRequestedFor(urlPathEqualTo("/res/v1/web/search"))
            .withQueryParam("search_lang", equalTo("jp")));
  }

  @Test
  void readsTitlesSnippetsAndDatesAsPlainText() {
    server.stubFor(endpoint().willReturn(success()));

    SearchResults results = search().search(SearchQuery.of("rust async runtime comparison"));

    List<SearchResult> list = results.results();
    assertThat(list.get(0).title()).isEqualTo("Tokio - An asynchronous Rust runtime");
    assertThat(list.get(0).url()).isEqualTo("https://tokio.rs/");
    assertThat(list.get(0).publishedDate()).contains(LocalDate.of(2024, 11, 2));
    assertThat(list.get(1).title()).isEqualTo("async-std vs tokio — which one should you pick?");
    assertThat(list.get(1).url())
        .isEqualTo("https://blog.example.dev/posts/async-std-vs-tokio?ref=home");
    assertThat(list.get(1).snippet())
        .isEqualTo("A comparison of the two most used async runtimes, with benchmarks & caveats.");
    assertThat(list.get(1).publishedDate()).contains(LocalDate.of(2024, 3, 4));
    assertThat(list.get(2).publishedDate()).contains(LocalDate.of(2026, 3, 8));
  }

  @Test
  void notesWhenBraveSearchedForSomethingElse() {
    server.stubFor(
        endpoint()
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"type\": \"search\", \"query\": {\"original\": \"tokoi\","
                            + " \"altered\": \"tokio\"}, \"web\": {\"type\": \"search\","
                            + " \"results\": []}}")));

    SearchResults results = search().search(SearchQuery.of("tokoi"));

    assertThat(results.notes()).containsExactly("brave searched for \"tokio\" instead");
  }

  @Test
  void aRateLimitWithoutRetryAfterWaitsForThePerSecondWindow() {
    stubSequence(
        json(429, "brave-429.json")
            .withHeader("X-RateLimit-Remaining", "0, 1985")
            .withHeader("X-RateLimit-Reset", "1, 1419704"),
        success());

    SearchResults results = search().search(SearchQuery.of("tokio"));

    assertThat(results.results()).hasSize(3);
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void aUsedUpMonthlyQuotaInTheBodyIsAQuotaErrorThatIsNotRetried() {
    server.stubFor(endpoint().willReturn(json(429, "brave-429-quota.json")));

    QuotaExceededException e =
        catchThrowableOfType(
            QuotaExceededException.class, () -> search().search(SearchQuery.of("tokio")));

    assertThat(e.statusCode()).isEqualTo(429);
    assertThat(e.getMessage())
        .contains("monthly quota used: 2000 of 2000")
        .contains("RATE_LIMITED");
    server.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void aUsedUpMonthlyQuotaInTheHeadersIsAQuotaError() {
    server.stubFor(
        endpoint()
            .willReturn(
                json(429, "brave-429.json")
                    .withHeader("X-RateLimit-Remaining", "0, 0")
                    .withHeader("X-RateLimit-Reset", "1, 1419704")));

    QuotaExceededException e =
        catchThrowableOfType(
            QuotaExceededException.class, () -> search().search(SearchQuery.of("tokio")));

    assertThat(e.getMessage()).contains("monthly quota used up");
    server.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void aValidationErrorCarriesBravesCodeAndDetail() {
    server.stubFor(endpoint().willReturn(json(422, "brave-422.json")));

    InvalidRequestException e =
        catchThrowableOfType(
            InvalidRequestException.class, () -> search().search(SearchQuery.of("tokio")));

    assertThat(e.errorCode()).isEqualTo("VALIDATION");
    assertThat(e.getMessage()).contains("Unable to validate request parameter(s)");
    server.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void theRejectedKeyMessageCarriesBravesCode() {
    server.stubFor(endpoint().willReturn(rejectedKey()));

    Exception e =
        catchThrowableOfType(Exception.class, () -> search().search(SearchQuery.of("tokio")));

    assertThat(e.getMessage())
        .contains("SUBSCRIPTION_TOKEN_INVALID")
        .contains("The provided subscription token is invalid.")
        .doesNotContain(KEY);
  }
}
