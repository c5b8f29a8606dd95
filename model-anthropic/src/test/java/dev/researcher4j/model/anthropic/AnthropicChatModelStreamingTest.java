package dev.researcher4j.model.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.researcher4j.model.anthropic.Fixtures.PATH;
import static dev.researcher4j.model.anthropic.Fixtures.requestBodies;
import static dev.researcher4j.model.anthropic.Fixtures.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.core.http.RetryPolicy;
import dev.researcher4j.testing.RecordingSleeper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AnthropicChatModelStreamingTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final RecordingObserver observer = new RecordingObserver();

  private static ChatRequest question() {
    return ChatRequest.of(List.of(Message.user("Boiling point of water at 3000 m?")));
  }

  @Test
  void streamsThinkingTextAndToolInputDeltasAndReassemblesTheBlocks() {
    server.stubFor(post(PATH).willReturn(sse("stream-thinking-tool-use.sse")));

    ChatResponse response = Fixtures.model(server, sleeper).build().chat(question(), observer);

    assertThat(requestBodies(server).get(0).path("stream").asBoolean()).isTrue();
    assertThat(observer.events)
        .containsExactly(
            "thinking:I need the boiling point ",
            "thinking:at altitude.",
            "text:I'll look ",
            "text:this up.",
            "tool:0:toolu_01T1x1:web_search:",
            "tool:0:::",
            "tool:0:::{\"query\": \"boiling",
            "tool:0::: point 3000 m\"}",
            "tool:1:toolu_01T2y2:read_page:",
            "tool:1:::{\"url\": \"https://example.org/boiling\"}");
    assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(response.responseId()).isEqualTo("msg_01St");
    assertThat(response.text()).isEqualTo("I'll look this up.");
    assertThat(response.message().reasoning()).isEqualTo("I need the boiling point at altitude.");
    assertThat(response.toolCalls())
        .containsExactly(
            new ToolCall("toolu_01T1x1", "web_search", "{\"query\": \"boiling point 3000 m\"}"),
            new ToolCall(
                "toolu_01T2y2", "read_page", "{\"url\": \"https://example.org/boiling\"}"));
    assertThat(response.usage().inputTokens()).isEqualTo(472 + 2048);
    assertThat(response.usage().cachedInputTokens()).isEqualTo(2048);
    assertThat(response.usage().outputTokens()).isEqualTo(89);
    JsonNode blocks = response.message().providerData().path("anthropic").path("content");
    assertThat(blocks.get(0).path("thinking").asText())
        .isEqualTo("I need the boiling point at altitude.");
    assertThat(blocks.get(0).path("signature").asText())
        .isEqualTo("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds");
    assertThat(blocks.get(2).path("input").path("query").asText())
        .isEqualTo("boiling point 3000 m");
  }

  @Test
  void aStreamCutOffIsRetriedNeverAShortAnswer() {
    server.stubFor(
        post(PATH)
            .inScenario("cut")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(sse("stream-cut-off.sse"))
            .willSetStateTo("again"));
    server.stubFor(
        post(PATH)
            .inScenario("cut")
            .whenScenarioStateIs("again")
            .willReturn(sse("stream-text.sse")));

    ChatResponse response = Fixtures.model(server, sleeper).build().chat(question(), observer);

    assertThat(response.text()).isEqualTo("Water boils at 90 °C.");
    assertThat(response.retries()).hasSize(1);
    assertThat(response.retries().get(0).errorType()).isEqualTo("MalformedResponseException");
    assertThat(observer.events).contains("retry:1:MalformedResponseException:200");
  }

  @Test
  void anOverloadedErrorEventIsRetriedAndFailsTypedWhenRetriesRunOut() {
    server.stubFor(post(PATH).willReturn(sse("stream-overloaded.sse")));

    assertThatThrownBy(
            () ->
                Fixtures.model(server, sleeper)
                    .retryPolicy(RetryPolicy.custom().maxAttempts(2).jitter(0).build())
                    .build()
                    .chat(question(), observer))
        .isInstanceOf(dev.researcher4j.api.ServerErrorException.class)
        .hasMessageContaining("overloaded")
        .satisfies(
            e ->
                assertThat(((dev.researcher4j.api.ResearchException) e).statusCode())
                    .isEqualTo(529));
    assertThat(sleeper.sleeps()).hasSize(1);
  }

  @Test
  void withoutAnObserverOrWithStreamingOffTheBodyIsNotStreamed() {
    server.stubFor(post(PATH).willReturn(Fixtures.json(200, "end-turn.json")));

    Fixtures.model(server, sleeper).build().chat(question(), ChatObserver.NONE);
    Fixtures.model(server, sleeper).streaming(false).build().chat(question(), observer);

    assertThat(requestBodies(server)).allSatisfy(b -> assertThat(b.has("stream")).isFalse());
    assertThat(observer.events).containsExactly("text:Water boils at about 90 °C at 3000 m [S1].");
  }

  @Test
  void anObserverThatThrowsDoesNotBreakTheCall() {
    server.stubFor(post(PATH).willReturn(sse("stream-text.sse")));
    ChatObserver throwing =
        new ChatObserver() {
          @Override
          public void onTextDelta(String delta) {
            throw new IllegalStateException("boom");
          }
        };

    ChatResponse response = Fixtures.model(server, sleeper).build().chat(question(), throwing);

    assertThat(response.text()).isEqualTo("Water boils at 90 °C.");
  }

  @Test
  void aStreamWithAGarbledEventIsMalformed() {
    server.stubFor(
        post(PATH)
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody("event: message_start\ndata: {not json\n\n")));

    assertThatThrownBy(
            () ->
                Fixtures.model(server, sleeper)
                    .retryPolicy(RetryPolicy.none())
                    .build()
                    .chat(question(), observer))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("not JSON");
  }
}
