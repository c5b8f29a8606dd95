package dev.researcher4j.model.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.researcher4j.model.anthropic.Fixtures.KEY;
import static dev.researcher4j.model.anthropic.Fixtures.PATH;
import static dev.researcher4j.model.anthropic.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.researcher4j.api.AuthenticationException;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.ContextLengthExceededException;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.NotFoundException;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.ServerErrorException;
import dev.researcher4j.core.http.RetryPolicy;
import dev.researcher4j.testing.RecordingSleeper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AnthropicChatModelErrorsTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final RecordingSleeper sleeper = new RecordingSleeper();

  private ResearchException failure(int status, String fixture) {
    server.stubFor(post(PATH).willReturn(json(status, fixture)));
    AnthropicChatModel model =
        Fixtures.model(server, sleeper).retryPolicy(RetryPolicy.none()).build();
    try {
      model.chat(ChatRequest.of("q"));
    } catch (ResearchException e) {
      assertThat(e.getMessage()).doesNotContain(KEY);
      return e;
    }
    throw new AssertionError("no exception");
  }

  @Test
  void invalidRequestCarriesTheApiMessage() {
    ResearchException e = failure(400, "error-400.json");

    assertThat(e).isExactlyInstanceOf(InvalidRequestException.class);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.errorCode()).isEqualTo("invalid_request_error");
    assertThat(e.provider()).isEqualTo("anthropic");
    assertThat(e.getMessage()).contains("Expected `thinking` or `redacted_thinking`");
  }

  @Test
  void aPromptTooLongIsAContextOverflow() {
    ResearchException e = failure(400, "error-400-prompt-too-long.json");

    assertThat(e).isInstanceOf(ContextLengthExceededException.class);
    assertThat(e.errorCode()).isEqualTo(ContextLengthExceededException.ERROR_CODE);
    assertThat(e.getMessage()).contains("208761 tokens > 200000 maximum");
  }

  @Test
  void rejectedCredentialsNameTheVariableToFix() {
    ResearchException e = failure(401, "error-401.json");

    assertThat(e).isInstanceOf(AuthenticationException.class);
    assertThat(e.getMessage()).contains("ANTHROPIC_API_KEY").contains("invalid x-api-key");
  }

  @Test
  void anUnknownModelIsNamed() {
    ResearchException e = failure(404, "error-404.json");

    assertThat(e).isInstanceOf(NotFoundException.class);
    assertThat(e.getMessage()).contains("'claude-sonnet-4-5'").contains("RESEARCHER_MODEL");
  }

  @Test
  void rateLimitsAreRetriedAfterTheRetryAfterHeader() {
    server.stubFor(
        post(PATH)
            .inScenario("limited")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(429, "error-429.json").withHeader("retry-after", "7"))
            .willSetStateTo("ok"));
    server.stubFor(
        post(PATH)
            .inScenario("limited")
            .whenScenarioStateIs("ok")
            .willReturn(json(200, "end-turn.json")));

    ChatResponse response = Fixtures.model(server, sleeper).build().chat(ChatRequest.of("q"));

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
    assertThat(response.retries()).hasSize(1);
    assertThat(response.retries().get(0).statusCode()).isEqualTo(429);
    assertThat(response.retries().get(0).errorType()).isEqualTo("RateLimitException");
  }

  @Test
  void aRateLimitThatOutlastsRetriesIsTyped() {
    ResearchException e = failure(429, "error-429.json");

    assertThat(e).isInstanceOf(RateLimitException.class);
    assertThat(e.errorCode()).isEqualTo("rate_limit_error");
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void overloadedIsARetriedServerError() {
    server.stubFor(post(PATH).willReturn(json(529, "error-529.json")));

    assertThatThrownBy(
            () ->
                Fixtures.model(server, sleeper)
                    .retryPolicy(RetryPolicy.custom().maxAttempts(3).jitter(0).build())
                    .build()
                    .chat(ChatRequest.of("q")))
        .isInstanceOf(ServerErrorException.class)
        .hasMessageContaining("overloaded")
        .hasMessageContaining("HTTP 529 overloaded_error");
    assertThat(sleeper.sleeps()).hasSize(2);
  }

  @Test
  void anErrorBodyWithStatus200IsStillAnError() {
    ResearchException e = failure(200, "error-529.json");

    assertThat(e).isInstanceOf(ServerErrorException.class);
    assertThat(e.statusCode()).isEqualTo(529);
  }

  @Test
  void listModelsReadsTheModelListOnceAndFailsTypedWithoutRetrying() {
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.get("/v1/models")
            .withHeader("x-api-key", com.github.tomakehurst.wiremock.client.WireMock.equalTo(KEY))
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson(
                    "{\"data\":[{\"type\":\"model\",\"id\":\"claude-sonnet-4-5-20250929\","
                        + "\"display_name\":\"Claude Sonnet 4.5\",\"created_at\":\"2025-09-29T00:00:00Z\"}],"
                        + "\"has_more\":false,\"first_id\":\"claude-sonnet-4-5-20250929\","
                        + "\"last_id\":\"claude-sonnet-4-5-20250929\"}")));
    AnthropicChatModel model = Fixtures.model(server, sleeper).build();

    assertThat(model.listModels()).containsExactly("claude-sonnet-4-5-20250929");

    server.resetAll();
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.get("/v1/models")
            .willReturn(json(529, "error-529.json")));
    assertThatThrownBy(model::listModels).isInstanceOf(ServerErrorException.class);
    assertThat(sleeper.sleeps()).isEmpty();
  }
}
