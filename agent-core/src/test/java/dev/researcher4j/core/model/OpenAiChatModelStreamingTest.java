package dev.researcher4j.core.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.researcher4j.core.model.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.RequestTimeoutException;
import dev.researcher4j.api.ServerErrorException;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.http.CircuitBreakerPolicy;
import dev.researcher4j.core.http.RetryPolicy;
import dev.researcher4j.testing.RecordingSleeper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenAiChatModelStreamingTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String KEY = "sk-test-0123456789abcdefXYZ";
  private static final String PATH = "/v1/chat/completions";

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final RecordingObserver observer = new RecordingObserver();

  private OpenAiChatModel.Builder model() {
    return OpenAiChatModel.builder()
        .baseUrl(server.baseUrl() + "/v1")
        .apiKey(KEY)
        .model("gpt-4o-mini")
        .sleeper(sleeper)
        .circuitBreaker(CircuitBreakerPolicy.disabled())
        .retryPolicy(RetryPolicy.custom().jitter(0).build());
  }

  private static ResponseDefinitionBuilder sse(String fixtureName) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream; charset=utf-8")
        .withHeader("Cache-Control", "no-cache")
        .withBody(fixture(fixtureName));
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

  @Test
  void streamsTextDeltasAndReadsTheUsageChunk() {
    server.stubFor(post(PATH).willReturn(sse("stream-text.sse")));
    OpenAiChatModel model =
        model().prices(PriceTable.of("gpt-4o-mini", ModelPrice.of(0.15, 0.075, 0.60))).build();

    ChatResponse response = model.chat(ChatRequest.of("Capital of France?"), observer);

    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Accept", equalTo("text/event-stream"))
            .withRequestBody(
                equalToJson(
                    "{\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\", \"content\":"
                        + " \"Capital of France?\"}], \"stream\": true, \"stream_options\":"
                        + " {\"include_usage\": true}}")));
    assertThat(observer.events)
        .containsExactly("text:The capital", "text: of France", "text: is Paris.");
    assertThat(response.text()).isEqualTo("The capital of France is Paris.");
    assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(response.responseId()).isEqualTo("chatcmpl-AKv6yJd1vE9xRk");
    assertThat(response.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(response.usage().inputTokens()).isEqualTo(1200);
    assertThat(response.usage().cachedInputTokens()).isEqualTo(1000);
    assertThat(response.usage().outputTokens()).isEqualTo(300);
    assertThat(response.usage().costUsd())
        .isCloseTo(0.000285, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void accumulatesToolCallDeltasByIndexIntoTheSameResponse() {
    server.stubFor(post(PATH).willReturn(sse("stream-tool-calls.sse")));

    ChatResponse response = model().build().chat(ChatRequest.of("Benchmarks?"), observer);

    assertThat(response.toolCalls())
        .containsExactly(
            new ToolCall(
                "call_DdmO9pD3xa9XTPNJ32zg2hcA", "web_search", "{\"query\": \"HLE benchmark\"}"),
            new ToolCall(
                "call_fvAe3ELHlmXq3XB7mwiV5Wgu", "paper_search", "{\"query\": \"BrowseComp\"}"));
    assertThat(response.toolCalls()).allMatch(ToolCall::hasValidArguments);
    assertThat(response.text()).isEmpty();
    assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(response.usage()).isEqualTo(new Usage(318, 52, 0, 0, 0));
    assertThat(observer.events)
        .containsExactly(
            "tool:0:call_DdmO9pD3xa9XTPNJ32zg2hcA:web_search:",
            "tool:0:::{\"qu",
            "tool:0:::ery\": \"HLE",
            "tool:0::: benchmark\"}",
            "tool:1:call_fvAe3ELHlmXq3XB7mwiV5Wgu:paper_search:",
            "tool:1:::{\"query\": ",
            "tool:1:::\"BrowseComp\"}");
  }

  @Test
  void streamsReasoningDeltasApartFromTheAnswer() {
    server.stubFor(post(PATH).willReturn(sse("stream-reasoning.sse")));

    ChatResponse response =
        model().model("deepseek-reasoner").build().chat(ChatRequest.of("9.11 or 9.8?"), observer);

    assertThat(observer.events)
        .containsExactly(
            "reasoning:Compare the", "reasoning: tenths.", "text:9.11 is", "text: smaller.");
    assertThat(response.message().reasoning()).isEqualTo("Compare the tenths.");
    assertThat(response.text()).isEqualTo("9.11 is smaller.");
    assertThat(response.usage()).isEqualTo(new Usage(18, 240, 0, 215, 0));
  }

  @Test
  void routesInlineThinkBlocksToReasoningEvenWhenTagsAreSplitAcrossDeltas() {
    server.stubFor(post(PATH).willReturn(sse("stream-think.sse")));

    ChatResponse response =
        model().model("qwen3:8b").build().chat(ChatRequest.of("Capital?"), observer);

    assertThat(observer.reasoning()).isEqualTo("Check S1 first.");
    assertThat(observer.text()).isEqualTo("\n\nParis [S1].");
    assertThat(observer.events).noneMatch(e -> e.contains("<th") || e.contains("nk>"));
    assertThat(response.text()).isEqualTo("Paris [S1].");
    assertThat(response.message().reasoning()).isEqualTo("Check S1 first.");
    assertThat(response.usage()).isEqualTo(new Usage(30, 12, 0, 0, 0));
  }

  @Test
  void aStreamCutOffIsRetriedAndNeverTakenForAShortAnswer() {
    stubSequence(sse("stream-cut-off.sse"), sse("stream-text.sse"));

    ChatResponse response = model().build().chat(ChatRequest.of("Capital?"), observer);

    assertThat(response.text()).isEqualTo("The capital of France is Paris.");
    assertThat(response.retries())
        .singleElement()
        .satisfies(
            retry -> {
              assertThat(retry.errorType()).isEqualTo("MalformedResponseException");
              assertThat(retry.error()).contains("cut off");
            });
    // The observer sees the first attempt's deltas, the retry, then the new attempt from the start.
    assertThat(observer.events)
        .containsExactly(
            "text:The capital",
            "retry:1:MalformedResponseException",
            "text:The capital",
            "text: of France",
            "text: is Paris.");
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void aStreamAlwaysCutOffFailsWithMalformedResponse() {
    server.stubFor(post(PATH).willReturn(sse("stream-cut-off.sse")));

    assertThatThrownBy(
            () ->
                model()
                    .retryPolicy(RetryPolicy.custom().maxAttempts(2).jitter(0).build())
                    .build()
                    .chat(ChatRequest.of("Capital?"), observer))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("stream ended before data: [DONE] and without a finish_reason")
        .hasMessageContaining("cut off after 2 events");
    server.verify(2, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void anErrorEventMidStreamBecomesATypedRetryableError() {
    server.stubFor(post(PATH).willReturn(sse("stream-error.sse")));

    assertThatThrownBy(
            () ->
                model()
                    .retryPolicy(RetryPolicy.custom().maxAttempts(2).jitter(0).build())
                    .build()
                    .chat(ChatRequest.of("Capital?"), observer))
        .isInstanceOf(ServerErrorException.class)
        .hasMessageContaining("server_error")
        .hasMessageContaining("The server had an error while processing your request");
    assertThat(observer.retries)
        .singleElement()
        .satisfies(r -> assertThat(r.errorType()).isEqualTo("ServerErrorException"));
  }

  @Test
  void aContextOverflowReportedInsideTheStreamIsNotRetried() {
    // vLLM's error event: the HTTP status sits in "code".
    server.stubFor(
        post(PATH)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(
                        "data: {\"error\": {\"message\": \"This model's maximum context length is"
                            + " 32768 tokens. However, you requested 40000 tokens.\", \"type\":"
                            + " \"BadRequestError\", \"param\": null, \"code\": 400}}\n\n"
                            + "data: [DONE]\n\n")));

    assertThatThrownBy(() -> model().build().chat(ChatRequest.of("long"), observer))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("does not fit the context window")
        .satisfies(
            e ->
                assertThat(((InvalidRequestException) e).errorCode())
                    .isEqualTo("context_length_exceeded"));
    server.verify(1, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void aServerThatIgnoresStreamingStillAnswersInOnePiece() {
    server.stubFor(post(PATH).willReturn(okJson(fixture("deepseek-reasoner.json"))));

    ChatResponse response = model().build().chat(ChatRequest.of("9.11 or 9.8?"), observer);

    assertThat(response.text()).isEqualTo("9.11 is smaller than 9.8.");
    assertThat(observer.events)
        .containsExactly(
            "reasoning:Compare the tenths: 1 is less than 8, so 9.11 < 9.8.",
            "text:9.11 is smaller than 9.8.");
  }

  @Test
  void aServerThatStreamsUnaskedIsStillRead() {
    server.stubFor(post(PATH).willReturn(sse("stream-tool-calls.sse")));

    ChatResponse response = model().build().chat(ChatRequest.of("Benchmarks?"));

    assertThat(response.toolCalls())
        .extracting(ToolCall::name)
        .containsExactly("web_search", "paper_search");
  }

  @Test
  void anObserverThatThrowsDoesNotBreakTheCall() {
    server.stubFor(post(PATH).willReturn(sse("stream-text.sse")));
    ChatObserver throwing =
        new ChatObserver() {
          @Override
          public void onTextDelta(String delta) {
            throw new IllegalStateException("observer bug");
          }
        };

    ChatResponse response = model().build().chat(ChatRequest.of("Capital?"), throwing);

    assertThat(response.text()).isEqualTo("The capital of France is Paris.");
  }

  @Test
  void withoutAnObserverTheModelDoesNotStream() {
    server.stubFor(post(PATH).willReturn(okJson(fixture("plain-answer.json"))));

    model().build().chat(ChatRequest.of("Capital?"), ChatObserver.NONE);

    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Accept", equalTo("application/json"))
            .withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.notContaining("\"stream\"")));
  }

  @Test
  void aStreamThatStallsTimesOut() {
    server.stubFor(post(PATH).willReturn(sse("stream-text.sse").withChunkedDribbleDelay(4, 4000)));

    assertThatThrownBy(
            () ->
                model()
                    .readTimeout(Duration.ofMillis(300))
                    .retryPolicy(RetryPolicy.none())
                    .build()
                    .chat(ChatRequest.of("Capital?"), observer))
        .isInstanceOf(RequestTimeoutException.class)
        .hasMessageContaining("timed out");
  }

  @Test
  void deltasWithoutAnIndexStillFormSeparateToolCalls() {
    // Some servers omit "index"; a new id starts a new call.
    String chunk =
        "data: {\"id\":\"x\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[%s]},"
            + "\"finish_reason\":%s}]}\n\n";
    String body =
        String.format(
                chunk,
                "{\"id\":\"a\",\"type\":\"function\",\"function\":{\"name\":\"web_search\","
                    + "\"arguments\":\"{\\\"query\\\":\"}}",
                "null")
            + String.format(chunk, "{\"function\":{\"arguments\":\"\\\"x\\\"}\"}}", "null")
            + String.format(
                chunk,
                "{\"id\":\"b\",\"type\":\"function\",\"function\":{\"name\":\"read_page\","
                    + "\"arguments\":\"{}\"}}",
                "\"tool_calls\"")
            + "data: [DONE]\n\n";
    server.stubFor(
        post(PATH)
            .willReturn(
                aResponse().withHeader("Content-Type", "text/event-stream").withBody(body)));

    ChatResponse response = model().build().chat(ChatRequest.of("q"), observer);

    assertThat(response.toolCalls())
        .containsExactly(
            new ToolCall("a", "web_search", "{\"query\":\"x\"}"),
            new ToolCall("b", "read_page", "{}"));
  }

  @Test
  void usageInTheLastChoiceAsMoonshotSendsItIsRead() {
    String body =
        "data: {\"id\":\"chatcmpl-kimi\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"kimi-k2\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
            + "\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"chatcmpl-kimi\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"kimi-k2\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\","
            + "\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":13,\"total_tokens\":32,"
            + "\"cached_tokens\":10}}]}\n\n"
            + "data: [DONE]\n\n";
    server.stubFor(
        post(PATH)
            .willReturn(
                aResponse().withHeader("Content-Type", "text/event-stream").withBody(body)));

    ChatResponse response = model().build().chat(ChatRequest.of("q"), observer);

    assertThat(response.text()).isEqualTo("Hi");
    assertThat(response.usage()).isEqualTo(new Usage(19, 13, 10, 0, 0));
    assertThat(List.of(response.finishReason())).containsExactly(FinishReason.STOP);
  }
}
