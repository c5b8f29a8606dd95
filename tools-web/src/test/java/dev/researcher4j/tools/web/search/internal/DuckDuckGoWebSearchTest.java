package dev.researcher4j.tools.web.search.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.tools.web.search.Freshness;
import dev.researcher4j.tools.web.search.SearchQuery;
import dev.researcher4j.tools.web.search.SearchResult;
import dev.researcher4j.tools.web.search.SearchResults;
import dev.researcher4j.tools.web.search.WebSearchProvider;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DuckDuckGoWebSearchTest extends WebSearchContractTest {

  @Override
  WebSearchProvider provider() {
    return WebSearchProvider.DUCKDUCKGO;
  }

  @Override
  String apiKey() {
    return null;
  }

  @Override
  MappingBuilder endpoint() {
    return post(urlPathEqualTo("/html/"));
  }

  private static ResponseDefinitionBuilder html(int status, String fixture) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/html; charset=UTF-8")
        .withBody(fixture(fixture));
  }

  @Override
  ResponseDefinitionBuilder success() {
    return html(200, "ddg-success.html");
  }

  @Override
  ResponseDefinitionBuilder empty() {
    return html(200, "ddg-no-results.html");
  }

  @Override
  ResponseDefinitionBuilder rejectedKey() {
    throw new UnsupportedOperationException("DuckDuckGo has no key");
  }

  @Override
  ResponseDefinitionBuilder rateLimited() {
    return aResponse()
        .withStatus(429)
        .withHeader("Content-Type", "text/html")
        .withBody("<html><body>Too Many Requests</body></html>");
  }

  @Override
  ResponseDefinitionBuilder malformed() {
    return html(200, "ddg-unrecognised.html");
  }

  @Override
  int successCount() {
    return 3;
  }

  @Test
  void postsTheSearchFormLikeABrowserWould() {
    server.stubFor(endpoint().willReturn(success()));

    search()
        .search(
            SearchQuery.builder("history of the printing press")
                .site("britannica.com")
                .country("us")
                .language("en")
                .freshness(Freshness.WEEK)
                .build());

    server.verify(
        postRequestedFor(urlEqualTo("/html/"))
            .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
            .withHeader("User-Agent", equalTo("researcher4j-web-search/0.1"))
            .withHeader("Referer", equalTo(server.baseUrl() + "/"))
            .withFormParam("q", equalTo("history of the printing press site:britannica.com"))
            .withFormParam("kl", equalTo("us-en"))
            .withFormParam("df", equalTo("w")));
  }

  @Test
  void sendsNoRegionOrDateWhenNoneIsAskedFor() {
    server.stubFor(endpoint().willReturn(success()));

    search().search(SearchQuery.of("printing press"));

    server.verify(
        postRequestedFor(urlEqualTo("/html/"))
            .withRequestBody(equalTo("q=printing+press"))
            .withHeader("Authorization", absent()));
  }

  @Test
  void sendsADateRangeAndDuckDuckGosRegionForBritain() {
    server.stubFor(endpoint().willReturn(success()));

    search()
        .search(
            SearchQuery.builder("printing press")
                .language("en-GB")
                .dateRange(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1))
                .build());

    server.verify(
        postRequestedFor(urlEqualTo("/html/"))
            .withFormParam("kl", equalTo("uk-en"))
            .withFormParam("df", equalTo("2024-01-01..2024-02-01")));
  }

  @Test
  void unwrapsRedirectLinksSkipsAdsAndDeduplicates() {
    server.stubFor(endpoint().willReturn(success()));

    SearchResults results = search().search(SearchQuery.of("history of the printing press"));

    assertThat(results.results())
        .extracting(SearchResult::url)
        .containsExactly(
            "https://en.wikipedia.org/wiki/Printing_press",
            "https://www.britannica.com/technology/printing-press?page=2",
            "https://www.loc.gov/exhibits/gutenberg/");
    assertThat(results.results()).extracting(SearchResult::rank).containsExactly(1, 2, 4);
    SearchResult britannica = results.results().get(1);
    assertThat(britannica.title())
        .isEqualTo("Printing press | History, Definition, Inventor, & Facts | Britannica");
    assertThat(britannica.snippet())
        .isEqualTo(
            "The printing press was invented by Johannes Gutenberg & spread across Europe within"
                + " decades.");
    assertThat(britannica.publishedDate()).contains(LocalDate.of(2025, 8, 14));
    assertThat(results.results().get(0).publishedDate()).isEmpty();
  }

  @Test
  void aBotCheckIsARateLimitThatSuggestsAnApiProvider() {
    server.stubFor(endpoint().willReturn(html(202, "ddg-anomaly.html")));

    RateLimitException e =
        catchThrowableOfType(
            RateLimitException.class, () -> search().search(SearchQuery.of("printing press")));

    assertThat(e.errorCode()).isEqualTo("anomaly");
    assertThat(e.statusCode()).isEqualTo(202);
    assertThat(e.getMessage()).contains("bot check").contains("TAVILY_API_KEY");
    server.verify(3, anyRequestedFor(anyUrl()));
  }

  @Test
  void aBotCheckFollowedByResultsSucceeds() {
    stubSequence(html(202, "ddg-anomaly.html"), success());

    SearchResults results = search().search(SearchQuery.of("printing press"));

    assertThat(results.results()).hasSize(3);
  }

  @Test
  void forbiddenIsABlockNotABadKey() {
    server.stubFor(endpoint().willReturn(aResponse().withStatus(403).withBody("Forbidden")));

    RateLimitException e =
        catchThrowableOfType(
            RateLimitException.class, () -> search().search(SearchQuery.of("printing press")));

    assertThat(e.errorCode()).isEqualTo("blocked");
    assertThat(e.getMessage()).contains("SEARXNG_URL");
  }

  @Test
  void notesWhenALanguageHasNoRegion() {
    server.stubFor(endpoint().willReturn(success()));

    SearchResults results =
        search().search(SearchQuery.builder("kirjapaino").language("fi").build());

    assertThat(results.notes())
        .containsExactly(
            "duckduckgo filters by region, not language; set a country to search in 'fi'");
  }
}
