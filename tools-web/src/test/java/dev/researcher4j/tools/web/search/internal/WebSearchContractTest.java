package dev.researcher4j.tools.web.search.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.NonRetryableException;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.core.http.CircuitBreakerPolicy;
import dev.researcher4j.core.http.RetryPolicy;
import dev.researcher4j.core.http.UrlNormalizer;
import dev.researcher4j.testing.RecordingSleeper;
import dev.researcher4j.tools.web.search.SearchQuery;
import dev.researcher4j.tools.web.search.SearchResult;
import dev.researcher4j.tools.web.search.SearchResults;
import dev.researcher4j.tools.web.search.WebSearch;
import dev.researcher4j.tools.web.search.WebSearchConfig;
import dev.researcher4j.tools.web.search.WebSearchProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Checks every search provider must pass against its documented responses on a WireMock server:
 * results from a realistic body, no results, a rejected key, rate limits with {@code Retry-After}
 * (retried, then typed), and a body that cannot be read. A provider's test extends this, tells it
 * how the provider is called and what its bodies look like, and adds request-shape and
 * provider-specific checks.
 */
abstract class WebSearchContractTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /** Now, for relative dates and {@code Retry-After} dates. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);

  final RecordingSleeper sleeper = new RecordingSleeper();

  /** The provider under test. */
  abstract WebSearchProvider provider();

  /** The key the tests use, or {@code null} for keyless providers. */
  abstract String apiKey();

  /** Matches the provider's search endpoint (method and path). */
  abstract MappingBuilder endpoint();

  /** A documented successful body with several results. */
  abstract ResponseDefinitionBuilder success();

  /** A documented successful body with no results. */
  abstract ResponseDefinitionBuilder empty();

  /** The provider's answer to a bad key; ignored for keyless providers. */
  abstract ResponseDefinitionBuilder rejectedKey();

  /** The provider's rate-limit body (status 429). */
  abstract ResponseDefinitionBuilder rateLimited();

  /** A successful answer whose body cannot be read. */
  abstract ResponseDefinitionBuilder malformed();

  /** How many results {@link #success()} gives once cleaned and deduplicated. */
  abstract int successCount();

  WebSearchConfig.Builder config() {
    WebSearchConfig.Builder b =
        WebSearchConfig.builder(provider())
            .baseUrl(server.baseUrl())
            .client(new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(15)).build())
            .retryPolicy(
                RetryPolicy.custom()
                    .maxAttempts(3)
                    .initialBackoff(Duration.ofMillis(100))
                    .jitter(0)
                    .build())
            .circuitBreaker(CircuitBreakerPolicy.disabled())
            .sleeper(sleeper)
            .clock(CLOCK);
    if (apiKey() != null) {
      b.apiKey(apiKey());
    }
    return b;
  }

  WebSearch search() {
    return WebSearch.create(config().build());
  }

  static String fixture(String name) {
    try (InputStream in = WebSearchContractTest.class.getResourceAsStream("/search/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture /search/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ResponseDefinitionBuilder json(int status, String fixture) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(fixture(fixture));
  }

  void stubSequence(ResponseDefinitionBuilder... responses) {
    String state = Scenario.STARTED;
    for (int i = 0; i < responses.length; i++) {
      String next = i == responses.length - 1 ? state : "step" + (i + 1);
      server.stubFor(
          endpoint()
              .inScenario("sequence")
              .whenScenarioStateIs(state)
              .willReturn(responses[i])
              .willSetStateTo(next));
      state = next;
    }
  }

  @Test
  void readsResultsFromADocumentedResponse() {
    server.stubFor(endpoint().willReturn(success()));

    SearchResults results = search().search(SearchQuery.of("anything"));

    assertThat(results.provider()).isEqualTo(provider().id());
    assertThat(results.query()).isEqualTo("anything");
    assertThat(results.results()).hasSize(successCount());
    Set<String> keys = new HashSet<>();
    for (SearchResult result : results.results()) {
      assertThat(result.provider()).isEqualTo(provider().id());
      assertThat(result.url()).startsWith("http").doesNotContain("utm_").doesNotContain("#");
      assertThat(result.title()).isNotBlank().doesNotContain("<");
      assertThat(result.snippet()).doesNotContain("<b>", "<strong>", "&amp;");
      assertThat(keys.add(UrlNormalizer.key(result.url()))).as("unique %s", result.url()).isTrue();
    }
    assertThat(results.results()).extracting(SearchResult::rank).isSorted();
  }

  @Test
  void anEmptyResponseIsNoResultsNotAnError() {
    server.stubFor(endpoint().willReturn(empty()));

    SearchResults results = search().search(SearchQuery.of("zxqv plorth nonexistent term 93821"));

    assertThat(results.results()).isEmpty();
    assertThat(results.isEmpty()).isTrue();
  }

  @Test
  void cutsResultsToTheCountAskedFor() {
    server.stubFor(endpoint().willReturn(success()));

    SearchResults results = search().search(SearchQuery.builder("anything").count(2).build());

    assertThat(results.results()).hasSize(2);
  }

  @Test
  void aRejectedKeyFailsAtOnceNamingTheVariableAndNotTheKey() {
    if (!provider().requiresApiKey()) {
      return; // keyless: nothing to reject
    }
    server.stubFor(endpoint().willReturn(rejectedKey()));

    NonRetryableException e =
        catchThrowableOfType(
            NonRetryableException.class, () -> search().search(SearchQuery.of("anything")));

    assertThat(e).isInstanceOf(dev.researcher4j.api.AuthenticationException.class);
    assertThat(e.provider()).isEqualTo(provider().id());
    assertThat(e.getMessage())
        .contains(provider().environmentVariable().orElseThrow())
        .doesNotContain(apiKey());
    server.verify(1, anyRequestedFor(anyUrl()));
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void retriesARateLimitAfterTheWaitTheServerAskedFor() {
    stubSequence(rateLimited().withHeader("Retry-After", "2"), success());

    SearchResults results = search().search(SearchQuery.of("anything"));

    assertThat(results.results()).hasSize(successCount());
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
    server.verify(2, anyRequestedFor(anyUrl()));
  }

  @Test
  void aRateLimitThatLastsIsATypedErrorWithTheWait() {
    server.stubFor(endpoint().willReturn(rateLimited().withHeader("Retry-After", "3")));

    RateLimitException e =
        catchThrowableOfType(
            RateLimitException.class, () -> search().search(SearchQuery.of("anything")));

    assertThat(e.statusCode()).isEqualTo(429);
    assertThat(e.provider()).isEqualTo(provider().id());
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
    server.verify(3, anyRequestedFor(anyUrl()));
    if (apiKey() != null) {
      assertThat(e.getMessage()).doesNotContain(apiKey());
    }
  }

  @Test
  void aBodyThatCannotBeReadIsAMalformedResponseRetriedThenReported() {
    server.stubFor(endpoint().willReturn(malformed()));

    ResearchException e =
        catchThrowableOfType(
            MalformedResponseException.class, () -> search().search(SearchQuery.of("anything")));

    assertThat(e.provider()).isEqualTo(provider().id());
    assertThat(e.isRetryable()).isTrue();
    server.verify(3, anyRequestedFor(anyUrl()));
  }

  @Test
  void aMalformedBodyFollowedByAGoodOneSucceeds() {
    stubSequence(malformed(), success());

    SearchResults results = search().search(SearchQuery.of("anything"));

    assertThat(results.results()).hasSize(successCount());
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(100));
  }
}
