package dev.researcher4j.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.researcher4j.api.AuthenticationException;
import dev.researcher4j.api.CircuitOpenException;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.NotFoundException;
import dev.researcher4j.api.QuotaExceededException;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.RequestTimeoutException;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.ServerErrorException;
import dev.researcher4j.api.TransportException;
import dev.researcher4j.testing.RecordingSleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpCallerTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String KEY = "sk-test-0123456789abcdef";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final List<RetryAttempt> retries = new ArrayList<>();
  private final OkHttpClient client =
      new OkHttpClient.Builder()
          // Generous: a loaded machine can take seconds to answer the first request, and a read
          // timeout here would turn into an unexpected retry. The timeout test sets its own.
          .readTimeout(Duration.ofSeconds(30))
          .retryOnConnectionFailure(false)
          .build();

  private HttpCaller.Builder caller() {
    return HttpCaller.builder("test-provider")
        .client(client)
        .sleeper(sleeper)
        .clock(CLOCK)
        .random(() -> 0.5) // no jitter: 0.5 is the middle of the spread
        .secret(KEY)
        .authHint("set TEST_API_KEY to a valid key")
        .circuitBreaker(CircuitBreakerPolicy.disabled());
  }

  private Request request() {
    return new Request.Builder().url(server.baseUrl() + "/v1/thing").build();
  }

  private void stubSequence(
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... responses) {
    String state = Scenario.STARTED;
    for (int i = 0; i < responses.length; i++) {
      String next = i == responses.length - 1 ? state : "step" + (i + 1);
      server.stubFor(
          get("/v1/thing")
              .inScenario("seq")
              .whenScenarioStateIs(state)
              .willReturn(responses[i])
              .willSetStateTo(next));
      state = next;
    }
  }

  @Test
  void retriesAfterRetryAfterSeconds() {
    stubSequence(
        aResponse()
            .withStatus(429)
            .withHeader("Retry-After", "2")
            .withBody(
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"),
        aResponse().withStatus(200).withBody("ok"));

    var result = caller().build().executeForText(request(), 1000, retries::add);

    assertThat(result.value()).isEqualTo("ok");
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
    assertThat(result.retries())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.statusCode()).isEqualTo(429);
              assertThat(r.errorType()).isEqualTo("RateLimitException");
              assertThat(r.error()).contains("rate_limit_exceeded");
            });
    assertThat(retries).isEqualTo(result.retries());
  }

  @Test
  void retriesAfterRetryAfterHttpDate() {
    stubSequence(
        aResponse().withStatus(429).withHeader("Retry-After", "Sun, 29 Nov 2026 10:00:07 GMT"),
        aResponse().withStatus(200).withBody("ok"));

    caller().build().executeForText(request(), 1000, retries::add);

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void prefersRetryAfterMillisecondsHeader() {
    stubSequence(
        aResponse()
            .withStatus(429)
            .withHeader("retry-after-ms", "150")
            .withHeader("Retry-After", "1"),
        aResponse().withStatus(200).withBody("ok"));

    caller().build().executeForText(request(), 1000, retries::add);

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(150));
  }

  @Test
  void retriesServerErrorsWithExponentialBackoffThenSucceeds() {
    stubSequence(
        aResponse()
            .withStatus(503)
            .withBody("<html><body><h1>503 Service Unavailable</h1></body></html>"),
        aResponse().withStatus(502),
        aResponse().withStatus(200).withBody("fine"));

    var result = caller().build().executeForText(request(), 1000, retries::add);

    assertThat(result.value()).isEqualTo("fine");
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
    assertThat(result.retries()).extracting(RetryAttempt::attempt).containsExactly(1, 2);
    assertThat(result.retries().get(0).error())
        .contains("HTML error page")
        .contains("503 Service Unavailable");
  }

  @Test
  void givesUpOnPermanentServerErrorAfterMaxAttempts() {
    server.stubFor(
        get("/v1/thing")
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withBody(
                        "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}")));

    assertThatThrownBy(() -> caller().build().executeForText(request(), 1000, retries::add))
        .isInstanceOf(ServerErrorException.class)
        .hasMessageContaining("HTTP 500 server_error: The server had an error");
    server.verify(4, getRequestedFor(urlEqualTo("/v1/thing")));
    assertThat(retries).hasSize(3);
  }

  @Test
  void authenticationFailureIsNotRetriedAndNeverShowsTheKey() {
    server.stubFor(
        get("/v1/thing")
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody(
                        "{\"error\":{\"message\":\"Incorrect API key provided: "
                            + KEY
                            + ".\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));

    assertThatThrownBy(() -> caller().build().executeForText(request(), 1000, retries::add))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("set TEST_API_KEY to a valid key")
        .hasMessageContaining("invalid_api_key")
        .hasMessageNotContaining(KEY)
        .satisfies(e -> assertThat(((AuthenticationException) e).statusCode()).isEqualTo(401));
    server.verify(1, getRequestedFor(urlEqualTo("/v1/thing")));
  }

  @Test
  void aLocalRateLimitSpacesTheStartsOfCalls() throws Exception {
    server.stubFor(get("/v1/thing").willReturn(aResponse().withBody("ok")));
    HttpCaller paced = caller().rateLimit(2, Duration.ofSeconds(1)).build();

    for (int i = 0; i < 3; i++) {
      assertThat(paced.executeForText(request(), 1_000, r -> {}).value()).isEqualTo("ok");
    }

    // Two calls a second: starts 500 ms apart (the clock is fixed, so the waits add up).
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
    server.verify(3, getRequestedFor(urlEqualTo("/v1/thing")));
  }

  @Test
  void quotaExhaustionIsNotMistakenForARateLimit() {
    server.stubFor(
        get("/v1/thing")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withBody(
                        "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and billing details.\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}")));

    assertThatThrownBy(() -> caller().build().executeForText(request(), 1000, retries::add))
        .isInstanceOf(QuotaExceededException.class)
        .hasMessageContaining("billing");
    server.verify(1, getRequestedFor(urlEqualTo("/v1/thing")));
  }

  @Test
  void mapsBadRequestAndNotFoundWithoutRetrying() {
    server.stubFor(
        get("/v1/thing")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody("{\"detail\":\"max_tokens must be positive\"}")));
    assertThatThrownBy(() -> caller().build().executeForText(request(), 1000, retries::add))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("max_tokens must be positive");

    server.stubFor(get("/v1/thing").willReturn(aResponse().withStatus(404).withBody("Not Found")));
    assertThatThrownBy(() -> caller().build().executeForText(request(), 1000, retries::add))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("base URL");
    assertThat(retries).isEmpty();
  }

  @Test
  void connectionResetIsRetriedThenReported() {
    server.stubFor(
        get("/v1/thing").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(
            () ->
                caller()
                    .retryPolicy(RetryPolicy.custom().maxAttempts(2).build())
                    .build()
                    .executeForText(request(), 1000, retries::add))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("GET");
    assertThat(retries).hasSize(1);
  }

  @Test
  void slowResponseTimesOut() {
    server.stubFor(
        get("/v1/thing")
            .willReturn(aResponse().withStatus(200).withFixedDelay(2000).withBody("late")));

    OkHttpClient impatient = client.newBuilder().readTimeout(Duration.ofMillis(300)).build();

    assertThatThrownBy(
            () ->
                caller()
                    .client(impatient)
                    .retryPolicy(RetryPolicy.none())
                    .build()
                    .executeForText(request(), 1000, retries::add))
        .isInstanceOf(RequestTimeoutException.class)
        .hasMessageContaining("timed out");
  }

  @Test
  void refusesToWaitLongerThanTheLongestAllowedRetryAfter() {
    server.stubFor(
        get("/v1/thing").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

    assertThatThrownBy(() -> caller().build().executeForText(request(), 1000, retries::add))
        .isInstanceOf(RateLimitException.class)
        .hasMessageContaining("PT1H");
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void openCircuitStopsCallingAFailingService() {
    server.stubFor(get("/v1/thing").willReturn(aResponse().withStatus(503)));
    HttpCaller caller =
        caller()
            .retryPolicy(RetryPolicy.none())
            .circuitBreaker(
                CircuitBreakerPolicy.custom().slidingWindowSize(2).minimumNumberOfCalls(2).build())
            .build();

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> caller.executeForText(request(), 1000, retries::add))
          .isInstanceOf(ServerErrorException.class);
    }
    assertThatThrownBy(() -> caller.executeForText(request(), 1000, retries::add))
        .isInstanceOf(CircuitOpenException.class)
        .hasMessageContaining("circuit breaker open");
    server.verify(2, getRequestedFor(urlEqualTo("/v1/thing")));
  }

  @Test
  void rejectsBodiesLargerThanTheLimit() {
    server.stubFor(
        get("/v1/thing").willReturn(aResponse().withStatus(200).withBody("x".repeat(5000))));

    assertThatThrownBy(
            () ->
                caller()
                    .retryPolicy(RetryPolicy.none())
                    .build()
                    .executeForText(request(), 1000, retries::add))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("larger than 1000 bytes");
  }

  @Test
  void redactsKeysInQueryStringsOfTransportErrors() {
    server.stubFor(
        get(urlEqualTo("/v1/thing?api_key=" + KEY))
            .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    Request withKey =
        new Request.Builder().url(server.baseUrl() + "/v1/thing?api_key=" + KEY).build();

    assertThatThrownBy(
            () ->
                caller()
                    .retryPolicy(RetryPolicy.none())
                    .build()
                    .executeForText(withKey, 1000, retries::add))
        .isInstanceOf(TransportException.class)
        .hasMessageNotContaining(KEY);
  }
}
