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

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.researcher4j.api.AuthenticationException;
import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.tools.web.search.Freshness;
import dev.researcher4j.tools.web.search.SearchQuery;
import dev.researcher4j.tools.web.search.SearchResult;
import dev.researcher4j.tools.web.search.SearchResults;
import dev.researcher4j.tools.web.search.WebSearch;
import dev.researcher4j.tools.web.search.WebSearchConfig;
import dev.researcher4j.tools.web.search.WebSearchProvider;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SearxngWebSearchTest extends WebSearchContractTest {

  @Override
  WebSearchProvider provider() {
    return WebSearchProvider.SEARXNG;
  }

  @Override
  String apiKey() {
    return null;
  }

  @Override
  MappingBuilder endpoint() {
    return get(urlPathEqualTo("/search"));
  }

  @Override
  ResponseDefinitionBuilder success() {
    return json(200, "searxng-success.json");
  }

  @Override
  ResponseDefinitionBuilder empty() {
    return json(200, "searxng-empty.json");
  }

  @Override
  ResponseDefinitionBuilder rejectedKey() {
    throw new UnsupportedOperationException("SearXNG has no key");
  }

  @Override
  ResponseDefinitionBuilder rateLimited() {
    // SearXNG's limiter answers with a bare 429.
    return aResponse().withStatus(429).withBody("Too Many Requests");
  }

  @Override
  ResponseDefinitionBuilder malformed() {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8")
        .withBody("<!DOCTYPE html><html><head><title>SearXNG</title></head><body></body></html>");
  }

  @Override
  int successCount() {
    return 3;
  }

  @Test
  void sendsTheDocumentedRequestForTheJsonFormat() {
    server.stubFor(endpoint().willReturn(success()));

    search()
        .search(
            SearchQuery.builder("postgresql logical replication conflicts")
                .language("de")
                .country("ch")
                .freshness(Freshness.MONTH)
                .site("postgresql.org")
                .build());

    server.verify(
        getRequestedFor(urlPathEqualTo("/search"))
            .withQueryParam(
                "q", equalTo("postgresql logical replication conflicts site:postgresql.org"))
            .withQueryParam("format", equalTo("json"))
            .withQueryParam("pageno", equalTo("1"))
            .withQueryParam("language", equalTo("de-CH"))
            .withQueryParam("time_range", equalTo("month"))
            .withHeader("Accept", equalTo("application/json"))
            .withHeader("Authorization", absent()));
  }

  @Test
  void keepsAPathInTheInstanceAddress() {
    server.stubFor(get(urlPathEqualTo("/searx/search")).willReturn(success()));

    WebSearch search = WebSearch.create(config().baseUrl(server.baseUrl() + "/searx/").build());
    SearchResults results = search.search(SearchQuery.of("postgres"));

    assertThat(results.results()).hasSize(3);
    server.verify(getRequestedFor(urlPathEqualTo("/searx/search")));
  }

  @Test
  void sendsCredentialsInTheAddressAsBasicAuthAndNeverShowsThem() {
    server.stubFor(endpoint().willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
    String withCredentials = server.baseUrl().replace("http://", "http://agent:s3cr3t-pass@");
    WebSearchConfig config = config().baseUrl(withCredentials).build();

    AuthenticationException e =
        catchThrowableOfType(
            AuthenticationException.class,
            () -> WebSearch.create(config).search(SearchQuery.of("postgres")));

    server.verify(
        getRequestedFor(urlPathEqualTo("/search"))
            .withBasicAuth(new BasicCredentials("agent", "s3cr3t-pass")));
    assertThat(e.getMessage()).contains("SEARXNG_URL").doesNotContain("s3cr3t-pass");
    assertThat(config.toString()).doesNotContain("s3cr3t-pass").contains("agent:***@");
  }

  @Test
  void readsResultsAndReportsEnginesThatDidNotAnswer() {
    server.stubFor(endpoint().willReturn(success()));

    SearchResults results = search().search(SearchQuery.of("postgresql logical replication"));

    SearchResult blog = results.results().get(1);
    assertThat(blog.url())
        .isEqualTo("https://www.example-blog.net/2024/02/pg-logical-replication-conflicts");
    assertThat(blog.snippet())
        .isEqualTo("PostgreSQL 16 added the origin option & more ways to avoid loops.");
    assertThat(blog.publishedDate()).contains(LocalDate.of(2024, 2, 20));
    assertThat(results.results().get(0).publishedDate()).isEmpty();
    assertThat(results.results().get(2).publishedDate()).contains(LocalDate.of(2021, 6, 3));
    assertThat(results.notes())
        .containsExactly(
            "searxng engines that did not answer: brave (too many requests), qwant (timeout)");
  }

  @Test
  void approximatesADateRangeAndDropsResultsDatedOutsideIt() {
    server.stubFor(endpoint().willReturn(success()));

    SearchResults results =
        search()
            .search(
                SearchQuery.builder("postgres")
                    .dateRange(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 30))
                    .build());

    assertThat(results.results())
        .extracting(SearchResult::url)
        .containsExactly(
            "https://www.postgresql.org/docs/current/logical-replication-conflicts.html",
            "https://www.example-blog.net/2024/02/pg-logical-replication-conflicts");
    assertThat(results.notes().get(0))
        .isEqualTo(
            "searxng cannot search an exact date range; searched all dates and dropped results"
                + " dated outside 2024-01-01 to 2024-06-30");
    server.verify(
        getRequestedFor(urlPathEqualTo("/search")).withQueryParam("time_range", absent()));
  }

  @Test
  void searchesTheNarrowestTimeRangeCoveringARecentDateRange() {
    server.stubFor(endpoint().willReturn(empty()));

    search()
        .search(SearchQuery.builder("postgres").dateRange(LocalDate.of(2026, 3, 5), null).build());

    server.verify(
        getRequestedFor(urlPathEqualTo("/search")).withQueryParam("time_range", equalTo("week")));
  }

  @Test
  void anInstanceWithoutTheJsonFormatIsAConfigurationError() {
    server.stubFor(
        endpoint()
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "text/html; charset=utf-8")
                    .withBody(fixture("searxng-403.html"))));

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> search().search(SearchQuery.of("postgres")));

    assertThat(e.getMessage()).contains("search.formats").contains("settings.yml");
    assertThat(e.errorCode()).isEqualTo("json_format_disabled");
    server.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void anHtmlPageInsteadOfJsonSaysToCheckTheAddress() {
    server.stubFor(endpoint().willReturn(malformed()));

    MalformedResponseException e =
        catchThrowableOfType(
            MalformedResponseException.class, () -> search().search(SearchQuery.of("postgres")));

    assertThat(e.getMessage()).contains("is SEARXNG_URL the address of a SearXNG instance?");
  }
}
