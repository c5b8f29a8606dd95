package dev.researcher4j.core.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.researcher4j.core.model.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.researcher4j.api.AuthenticationException;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.CircuitOpenException;
import dev.researcher4j.api.ContextLengthExceededException;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.NotFoundException;
import dev.researcher4j.api.QuotaExceededException;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.RequestTimeoutException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.ServerErrorException;
import dev.researcher4j.api.TransportException;
import dev.researcher4j.core.http.CircuitBreakerPolicy;
import dev.researcher4j.core.http.RetryPolicy;
import dev.researcher4j.testing.RecordingSleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenAiChatModelErrorsTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String KEY = "sk-test-0123456789abcdefXYZ";
  private static final String PATH = "/v1/chat/completions";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final RecordingObserver observer = new RecordingObserver();

  private OpenAiChatModel.Builder model() {
    return OpenAiChatModel.builder()
        .baseUrl(server.baseUrl() + "/v1")
        .apiKey(KEY)
        .model("gpt-4o-mini")
        .sleeper(sleeper)
        .clock(CLOCK)
        .circuitBreaker(CircuitBreakerPolicy.disabled())
        .retryPolicy(RetryPolicy.custom().jitter(0).build());
  }

  private static ResponseDefinitionBuilder error(int status, String fixtureName) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(fixture(fixtureName));
  }

  private static ResponseDefinitionBuilder ok() {
    return okJson(fixture("plain-answer.json"));
  }

  private static void stubSequence(ResponseDefinitionBuilder... responses) {
    String state = Scenario.STARTED;
    for (int i = 0; i < responses.length; i++) {
      String next = i == responses.length - 1 ? state : "step" + (i + 1);
      server.stubFor(
          post(PATH)
              .inScenario("sequence")
              .whenScenarioStateIs(state)
              .willReturn(responses[i])
              .willSetStateTo(next));
      state = next;
    }
  }

  private ChatResponse chatStreamingOff() {
    return model().streaming(false).build().chat(ChatRequest.of("Capital?"), observer);
  }

  @Test
  void badRequestIsNotRetriedAndCarriesTheProvidersMessage() {
    server.stubFor(post(PATH).willReturn(error(400, "error-400-bad-param.json")));

    InvalidRequestException e =
        catchThrowableOfType(
            InvalidRequestException.class, () -> model().build().chat(ChatRequest.of("q")));

    assertThat(e)
        .hasMessageContaining("openai-compatible")
        .hasMessageContaining("'tool_choice' is only allowed when 'tools' are specified");
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.isRetryable()).isFalse();
    server.verify(1, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void contextWindowOverflowSaysSoWhateverTheServerCallsIt() {
    for (String fixtureName :
        List.of("error-400-context.json", "error-400-llamacpp-context.json")) {
      server.resetAll();
      server.stubFor(post(PATH).willReturn(error(400, fixtureName)));

      InvalidRequestException e =
          catchThrowableOfType(
              InvalidRequestException.class, () -> model().build().chat(ChatRequest.of("long")));

      assertThat(e)
          .as(fixtureName)
          .hasMessageContaining("does not fit the context window of model 'gpt-4o-mini'")
          .hasMessageContaining("shorten or compact the conversation");
      assertThat(e).isInstanceOf(ContextLengthExceededException.class);
      assertThat(e.errorCode()).isEqualTo(OpenAiChatModel.CONTEXT_LENGTH_EXCEEDED);
      server.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }
  }

  @Test
  void aTokenLimitParameterRejectionSaysWhichSettingToChange() {
    server.stubFor(
        post(PATH)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "{\"error\": {\"message\": \"Unsupported parameter: 'max_tokens' is not"
                            + " supported with this model. Use 'max_completion_tokens' instead.\","
                            + " \"type\": \"invalid_request_error\", \"param\": \"max_tokens\","
                            + " \"code\": \"unsupported_parameter\"}}")));

    assertThatThrownBy(() -> model().build().chat(ChatRequest.of("q")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("maxTokensField(MAX_COMPLETION_TOKENS)");
  }

  @Test
  void aThinkingModelThatWantsItsReasoningBackSaysHowToSendIt() {
    server.stubFor(
        post(PATH)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "{\"error\":{\"message\":\"The `reasoning_content` in the thinking mode"
                            + " must be passed back to the API.\",\"type\":"
                            + "\"invalid_request_error\",\"param\":null,\"code\":"
                            + "\"invalid_request_error\"}}")));

    assertThatThrownBy(() -> model().build().chat(ChatRequest.of("q")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("must be passed back")
        .hasMessageContaining("set echoReasoning(true)");
    assertThatThrownBy(() -> model().echoReasoning(true).build().chat(ChatRequest.of("q")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("set echoReasoning(false)");
  }

  @Test
  void authenticationFailureNamesTheVariablesToSetAndIsNotRetried() {
    for (int status : new int[] {401, 403}) {
      server.resetAll();
      server.stubFor(
          post(PATH)
              .willReturn(error(status, status == 401 ? "error-401.json" : "error-403.json")));

      AuthenticationException e =
          catchThrowableOfType(
              AuthenticationException.class, () -> model().build().chat(ChatRequest.of("q")));

      assertThat(e)
          .hasMessageContaining("OPENAI_API_KEY")
          .hasMessageContaining("OPENAI_BASE_URL")
          .hasMessageNotContaining(KEY);
      assertThat(e.statusCode()).isEqualTo(status);
      server.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }
  }

  @Test
  void authenticationFailureWithoutAKeySaysThatNoKeyIsSet() {
    server.stubFor(post(PATH).willReturn(error(401, "error-401.json")));

    assertThatThrownBy(() -> model().apiKey(null).build().chat(ChatRequest.of("q")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("no API key is set; set OPENAI_API_KEY");
  }

  @Test
  void notFoundNamesTheModelAndTheEndpoint() {
    server.stubFor(post(PATH).willReturn(error(404, "error-404-model.json")));

    assertThatThrownBy(() -> model().model("gpt-5-turbo-ultra").build().chat(ChatRequest.of("q")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("model 'gpt-5-turbo-ultra' or endpoint " + server.baseUrl() + PATH)
        .hasMessageContaining("model_not_found")
        .hasMessageContaining("RESEARCHER_MODEL")
        .hasMessageContaining("OPENAI_BASE_URL");

    server.resetAll();
    server.stubFor(post(PATH).willReturn(error(404, "error-404-ollama.json")));
    assertThatThrownBy(() -> model().model("qwen3:8b").build().chat(ChatRequest.of("q")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("try pulling it first");
  }

  @Test
  void rateLimitIsRetriedAfterRetryAfterSeconds() {
    stubSequence(error(429, "error-429-rate-limit.json").withHeader("Retry-After", "2"), ok());

    ChatResponse response = chatStreamingOff();

    assertThat(response.text()).isEqualTo("The capital of France is Paris.");
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
    assertThat(response.retries())
        .singleElement()
        .satisfies(
            retry -> {
              assertThat(retry.attempt()).isEqualTo(1);
              assertThat(retry.statusCode()).isEqualTo(429);
              assertThat(retry.errorType()).isEqualTo("RateLimitException");
              assertThat(retry.error()).contains("rate_limit_exceeded");
              assertThat(retry.delay()).isEqualTo(Duration.ofSeconds(2));
            });
    // Reported as it happened, before the answer arrived.
    assertThat(observer.events)
        .containsExactly("retry:1:RateLimitException", "text:The capital of France is Paris.");
    assertThat(observer.retries).isEqualTo(response.retries());
  }

  @Test
  void rateLimitIsRetriedAfterRetryAfterHttpDate() {
    stubSequence(
        error(429, "error-429-rate-limit.json")
            .withHeader("Retry-After", "Sun, 29 Nov 2026 10:00:07 GMT"),
        ok());

    chatStreamingOff();

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void rateLimitPrefersRetryAfterMilliseconds() {
    stubSequence(
        error(429, "error-429-rate-limit.json")
            .withHeader("retry-after-ms", "315")
            .withHeader("Retry-After", "1"),
        ok());

    chatStreamingOff();

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(315));
  }

  @Test
  void rateLimitWithoutRetryAfterBacksOffExponentiallyWithJitter() {
    stubSequence(
        error(429, "error-429-rate-limit.json"), error(429, "error-429-rate-limit.json"), ok());

    model().retryPolicy(RetryPolicy.ofDefaults()).build().chat(ChatRequest.of("Capital?"));

    List<Duration> sleeps = sleeper.sleeps();
    assertThat(sleeps).hasSize(2);
    // 500 ms then 1 s, each spread by up to ±20%.
    assertThat(sleeps.get(0).toMillis()).isBetween(400L, 600L);
    assertThat(sleeps.get(1).toMillis()).isBetween(800L, 1200L);
  }

  @Test
  void insufficientQuotaIsNotMistakenForARateLimit() {
    server.stubFor(post(PATH).willReturn(error(429, "error-429-quota.json")));

    assertThatThrownBy(() -> model().build().chat(ChatRequest.of("q")))
        .isInstanceOf(QuotaExceededException.class)
        .hasMessageContaining("insufficient_quota")
        .hasMessageContaining("billing");
    server.verify(1, postRequestedFor(urlEqualTo(PATH)));
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void serverErrorsAreRetriedWithBackoffThenSucceed() {
    stubSequence(
        error(500, "error-500.json"),
        aResponse()
            .withStatus(502)
            .withBody("<html><head><title>502 Bad Gateway</title></head></html>"),
        aResponse().withStatus(503),
        ok());

    ChatResponse response = chatStreamingOff();

    assertThat(response.text()).isEqualTo("The capital of France is Paris.");
    assertThat(response.retries())
        .extracting(RetryAttempt::statusCode)
        .containsExactly(500, 502, 503);
    assertThat(sleeper.sleeps())
        .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(observer.retries).hasSize(3);
  }

  @Test
  void aPermanentServerErrorGivesUpAfterTheLastAttempt() {
    server.stubFor(post(PATH).willReturn(aResponse().withStatus(504).withBody("Gateway Timeout")));

    assertThatThrownBy(this::chatStreamingOff)
        .isInstanceOf(ServerErrorException.class)
        .hasMessageContaining("HTTP 504");
    server.verify(4, postRequestedFor(urlEqualTo(PATH)));
    assertThat(observer.retries).hasSize(3);
  }

  @Test
  void aTimeoutIsRetriedThenReported() {
    server.stubFor(post(PATH).willReturn(ok().withFixedDelay(1500)));

    assertThatThrownBy(
            () ->
                model()
                    .readTimeout(Duration.ofMillis(200))
                    .retryPolicy(RetryPolicy.custom().maxAttempts(2).jitter(0).build())
                    .build()
                    .chat(ChatRequest.of("q"), observer))
        .isInstanceOf(RequestTimeoutException.class)
        .hasMessageContaining("timed out");
    server.verify(2, postRequestedFor(urlEqualTo(PATH)));
    assertThat(observer.retries)
        .singleElement()
        .satisfies(r -> assertThat(r.errorType()).isEqualTo("RequestTimeoutException"));
  }

  @Test
  void theCallTimeoutBoundsAWholeAttemptThatKeepsTrickling() {
    server.stubFor(post(PATH).willReturn(ok().withChunkedDribbleDelay(10, 5000)));

    assertThatThrownBy(
            () ->
                model()
                    .readTimeout(Duration.ofSeconds(5))
                    .callTimeout(Duration.ofMillis(400))
                    .retryPolicy(RetryPolicy.none())
                    .build()
                    .chat(ChatRequest.of("q")))
        .isInstanceOf(RequestTimeoutException.class);
  }

  @Test
  void aConnectionResetIsRetried() {
    stubSequence(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), ok());

    ChatResponse response = chatStreamingOff();

    assertThat(response.text()).isEqualTo("The capital of France is Paris.");
    assertThat(response.retries())
        .singleElement()
        .satisfies(r -> assertThat(r.errorType()).isEqualTo("TransportException"));
  }

  @Test
  void aConnectionAlwaysResetFailsWithATransportError() {
    server.stubFor(post(PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(
            () ->
                model()
                    .retryPolicy(RetryPolicy.custom().maxAttempts(2).jitter(0).build())
                    .build()
                    .chat(ChatRequest.of("q")))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("POST");
  }

  @Test
  void aMalformedJsonBodyIsRetriedThenReported() {
    ResponseDefinitionBuilder malformed =
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody(fixture("malformed-body.txt"));
    stubSequence(malformed, ok());

    ChatResponse response = chatStreamingOff();

    assertThat(response.text()).isEqualTo("The capital of France is Paris.");
    assertThat(response.retries())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.errorType()).isEqualTo("MalformedResponseException");
              assertThat(r.error()).contains("not valid JSON");
            });

    server.resetAll();
    server.stubFor(post(PATH).willReturn(malformed));
    assertThatThrownBy(
            () -> model().retryPolicy(RetryPolicy.none()).build().chat(ChatRequest.of("q")))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("body began: {\"id\": \"chatcmpl-trunc\"");
  }

  @Test
  void aResponseWithoutChoicesIsRetriedAsMalformed() {
    stubSequence(okJson(fixture("empty-choices.json")), ok());

    ChatResponse response = chatStreamingOff();

    assertThat(response.retries())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.errorType()).isEqualTo("MalformedResponseException");
              assertThat(r.error()).contains("no choices");
            });
  }

  @Test
  void anOpenCircuitStopsCallingAFailingEndpoint() {
    server.stubFor(post(PATH).willReturn(error(503, "error-500.json")));
    OpenAiChatModel model =
        model()
            .retryPolicy(RetryPolicy.none())
            .circuitBreaker(
                CircuitBreakerPolicy.custom().slidingWindowSize(2).minimumNumberOfCalls(2).build())
            .build();

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> model.chat(ChatRequest.of("q")))
          .isInstanceOf(ServerErrorException.class);
    }
    assertThatThrownBy(() -> model.chat(ChatRequest.of("q")))
        .isInstanceOf(CircuitOpenException.class)
        .hasMessageContaining("circuit breaker open");
    server.verify(2, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void anErrorInsideA200BodyIsMappedLikeAnHttpError() {
    server.stubFor(post(PATH).willReturn(okJson(fixture("error-429-rate-limit.json"))));

    assertThatThrownBy(
            () -> model().retryPolicy(RetryPolicy.none()).build().chat(ChatRequest.of("q")))
        .isInstanceOf(RateLimitException.class)
        .hasMessageContaining("Rate limit reached");
  }

  @Test
  void theApiKeyAppearsInNoExceptionLogLineRetryOrToString() {
    RecordingLogger log = new RecordingLogger();
    OpenAiChatModel model =
        ((OpenAiChatModelBuilder) model())
            .logger(log)
            .retryPolicy(RetryPolicy.custom().maxAttempts(2).jitter(0).build())
            .build();
    String echoingKey =
        "{\"error\": {\"message\": \"Bad key "
            + KEY
            + " for this org\", \"type\":"
            + " \"server_error\", \"code\": \""
            + KEY
            + "\"}}";
    List<ResponseDefinitionBuilder> failures =
        List.of(
            error(401, "error-401.json"),
            aResponse().withStatus(500).withBody(echoingKey),
            aResponse().withStatus(429).withBody(echoingKey),
            aResponse().withStatus(400).withBody(echoingKey),
            aResponse().withStatus(404).withBody(echoingKey),
            okJson("{\"id\": \"" + KEY + "\", \"choices\": []}"),
            aResponse().withStatus(200).withBody("not json " + KEY),
            aResponse().withStatus(200).withBody(KEY),
            aResponse()
                .withHeader("Content-Type", "text/event-stream")
                .withBody("data: " + echoingKey + "\n\n"),
            aResponse()
                .withHeader("Content-Type", "text/event-stream")
                .withBody("data: {not json " + KEY + "\n\n"),
            aResponse()
                .withHeader("Content-Type", "text/event-stream")
                .withBody("data: " + KEY + "\n\n"),
            aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    List<String> seen = new ArrayList<>();
    RecordingObserver streaming = new RecordingObserver();

    for (ResponseDefinitionBuilder failure : failures) {
      server.resetAll();
      server.stubFor(post(PATH).willReturn(failure));
      ResearchException e =
          catchThrowableOfType(
              ResearchException.class, () -> model.chat(ChatRequest.of("hello"), streaming));
      assertThat(e).as("a failure for %s", failure.build().getBody()).isNotNull();
      for (Throwable t = e; t != null; t = t.getCause()) {
        seen.add(String.valueOf(t.getMessage()));
        seen.add(t.toString());
      }
    }
    streaming.retries.forEach(r -> seen.add(r.toString()));
    seen.addAll(log.lines());
    seen.add(model.toString());
    seen.add(model.info().toString());

    assertThat(log.lines()).isNotEmpty();
    assertThat(streaming.retries).isNotEmpty();
    assertThat(seen).allSatisfy(text -> assertThat(text).doesNotContain(KEY));
    assertThat(String.join("\n", seen)).contains("***");
  }
}
