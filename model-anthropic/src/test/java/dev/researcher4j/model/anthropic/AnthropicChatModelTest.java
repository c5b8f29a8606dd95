package dev.researcher4j.model.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.researcher4j.model.anthropic.Fixtures.JSON;
import static dev.researcher4j.model.anthropic.Fixtures.KEY;
import static dev.researcher4j.model.anthropic.Fixtures.PATH;
import static dev.researcher4j.model.anthropic.Fixtures.fixture;
import static dev.researcher4j.model.anthropic.Fixtures.json;
import static dev.researcher4j.model.anthropic.Fixtures.requestBodies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ResponseFormat;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolChoice;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.model.ModelPrice;
import dev.researcher4j.core.model.PriceTable;
import dev.researcher4j.testing.RecordingSleeper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AnthropicChatModelTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final RecordingSleeper sleeper = new RecordingSleeper();

  private AnthropicChatModel.Builder model() {
    return Fixtures.model(server, sleeper);
  }

  private static ToolSpec search() {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    schema.putObject("properties").putObject("query").put("type", "string");
    return ToolSpec.of("web_search", "Searches the web.", schema);
  }

  private static ToolSpec read() {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    schema.putObject("properties").putObject("url").put("type", "string");
    return ToolSpec.of("read_page", "Reads a page.", schema);
  }

  private static List<Message> question() {
    return List.of(
        Message.system("You research."), Message.user("Boiling point of water at 3000 m?"));
  }

  @Test
  void sendsTheDocumentedRequestShapeWithHeadersSystemToolsAndCacheBreakpoints() {
    server.stubFor(post(PATH).willReturn(json(200, "end-turn.json")));

    model()
        .build()
        .chat(
            ChatRequest.builder()
                .messages(question())
                .tools(List.of(search(), read()))
                .options(ChatOptions.builder().temperature(0.3).stop(List.of("END")).build())
                .build());

    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("x-api-key", equalTo(KEY))
            .withHeader("anthropic-version", equalTo("2023-06-01"))
            .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8")));
    JsonNode body = requestBodies(server).get(0);
    assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(body.path("max_tokens").asInt()).isEqualTo(AnthropicChatModel.DEFAULT_MAX_TOKENS);
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
    assertThat(body.path("stop_sequences").get(0).asText()).isEqualTo("END");
    assertThat(body.has("stream")).isFalse();
    assertThat(body.path("system"))
        .isEqualTo(
            JSON.createArrayNode()
                .add(
                    JSON.createObjectNode()
                        .put("type", "text")
                        .put("text", "You research.")
                        .set("cache_control", JSON.createObjectNode().put("type", "ephemeral"))));
    JsonNode messages = body.path("messages");
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).path("role").asText()).isEqualTo("user");
    assertThat(messages.get(0).path("content").get(0).path("text").asText())
        .isEqualTo("Boiling point of water at 3000 m?");
    assertThat(messages.get(0).path("content").get(0).path("cache_control").path("type").asText())
        .isEqualTo("ephemeral");
    JsonNode tools = body.path("tools");
    assertThat(tools).hasSize(2);
    assertThat(tools.get(0).path("name").asText()).isEqualTo("web_search");
    assertThat(tools.get(0).path("input_schema")).isEqualTo(search().parameters());
    assertThat(tools.get(0).has("cache_control")).isFalse();
    assertThat(tools.get(1).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
    assertThat(body.path("tool_choice")).isEqualTo(JSON.createObjectNode().put("type", "auto"));
    assertThat(body.has("thinking")).isFalse();
  }

  @Test
  void readsThinkingTextAndSeveralToolUsesAndCountsCacheTokens() {
    server.stubFor(post(PATH).willReturn(json(200, "thinking-tool-use.json")));

    ChatResponse response =
        model()
            .prices(
                PriceTable.of("claude-sonnet-4-5", ModelPrice.of(3, 0.3, 15).withCacheWrite(3.75)))
            .build()
            .chat(
                ChatRequest.builder()
                    .messages(question())
                    .tools(List.of(search(), read()))
                    .build());

    assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(response.rawFinishReason()).isEqualTo("tool_use");
    assertThat(response.responseId()).isEqualTo("msg_01Aq9w938a90dw8q");
    assertThat(response.model()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(response.text()).isEqualTo("I'll look this up.");
    assertThat(response.message().reasoning()).startsWith("The user asks for the boiling point");
    assertThat(response.toolCalls())
        .containsExactly(
            new ToolCall(
                "toolu_01A09q90qw90lq917835lq9",
                "web_search",
                "{\"query\":\"boiling point of water at 3000 m\"}"),
            new ToolCall(
                "toolu_01B19r91rx91mr918946mr0",
                "read_page",
                "{\"url\":\"https://example.org/boiling\"}"));
    Usage usage = response.usage();
    assertThat(usage.inputTokens()).isEqualTo(472 + 2048);
    assertThat(usage.cacheWriteInputTokens()).isEqualTo(2048);
    assertThat(usage.cachedInputTokens()).isZero();
    assertThat(usage.outputTokens()).isEqualTo(189);
    assertThat(usage.costUsd()).isEqualTo((472 * 3 + 2048 * 3.75 + 189 * 15) / 1_000_000.0);
    JsonNode kept = response.message().providerData().path("anthropic").path("content");
    assertThat(kept).hasSize(5);
    assertThat(kept.get(0).path("signature").asText())
        .isEqualTo("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds");
    assertThat(kept.get(1).path("type").asText()).isEqualTo("redacted_thinking");
  }

  @Test
  void sendsThinkingBlocksBackUnchangedWithToolResultsInOneUserTurn() throws Exception {
    server.stubFor(
        post(PATH)
            .inScenario("tool turn")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(200, "thinking-tool-use.json"))
            .willSetStateTo("answered"));
    server.stubFor(
        post(PATH)
            .inScenario("tool turn")
            .whenScenarioStateIs("answered")
            .willReturn(json(200, "end-turn.json")));
    AnthropicChatModel claude = model().thinkingBudget(2048).build();
    List<Message> conversation = new ArrayList<>(question());
    ChatRequest first =
        ChatRequest.builder().messages(conversation).tools(List.of(search(), read())).build();

    ChatResponse toolTurn = claude.chat(first);
    conversation.add(toolTurn.message());
    conversation.add(Message.tool("toolu_01A09q90qw90lq917835lq9", "web_search", "90 °C [S1]"));
    conversation.add(
        Message.tool(
            "toolu_01B19r91rx91mr918946mr0",
            "read_page",
            "Error: read_page failed: HTTP 404. Try different arguments or another tool."));
    ChatResponse answer = claude.chat(first.toBuilder().messages(conversation).build());

    assertThat(answer.finishReason()).isEqualTo(FinishReason.STOP);
    List<JsonNode> bodies = requestBodies(server);
    assertThat(bodies.get(0).path("thinking"))
        .isEqualTo(JSON.createObjectNode().put("type", "enabled").put("budget_tokens", 2048));
    JsonNode messages = bodies.get(1).path("messages");
    assertThat(messages).hasSize(3);
    JsonNode assistant = messages.get(1);
    assertThat(assistant.path("role").asText()).isEqualTo("assistant");
    JsonNode original = JSON.readTree(fixture("thinking-tool-use.json")).path("content");
    assertThat(assistant.path("content")).isEqualTo(original);
    JsonNode results = messages.get(2);
    assertThat(results.path("role").asText()).isEqualTo("user");
    assertThat(results.path("content")).hasSize(2);
    JsonNode ok = results.path("content").get(0);
    assertThat(ok.path("type").asText()).isEqualTo("tool_result");
    assertThat(ok.path("tool_use_id").asText()).isEqualTo("toolu_01A09q90qw90lq917835lq9");
    assertThat(ok.path("content").asText()).isEqualTo("90 °C [S1]");
    assertThat(ok.has("is_error")).isFalse();
    JsonNode failed = results.path("content").get(1);
    assertThat(failed.path("is_error").asBoolean()).isTrue();
    assertThat(failed.path("cache_control").path("type").asText()).isEqualTo("ephemeral");
  }

  @Test
  void aShortenedMessageStillSendsItsThinkingBlocksFirst() {
    server.stubFor(
        post(PATH)
            .inScenario("tool turn")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(200, "thinking-tool-use.json"))
            .willSetStateTo("answered"));
    server.stubFor(
        post(PATH)
            .inScenario("tool turn")
            .whenScenarioStateIs("answered")
            .willReturn(json(200, "end-turn.json")));
    AnthropicChatModel claude = model().build();
    Message toolTurn = claude.chat(ChatRequest.of(question())).message();
    Message shortened = toolTurn.withContent("(shortened)");

    claude.chat(
        ChatRequest.of(
            List.of(
                Message.user("q"),
                shortened,
                Message.tool("toolu_01A09q90qw90lq917835lq9", "web_search", "r1"),
                Message.tool("toolu_01B19r91rx91mr918946mr0", "read_page", "r2"))));

    JsonNode content = requestBodies(server).get(1).path("messages").get(1).path("content");
    assertThat(content)
        .extracting(b -> b.path("type").asText())
        .containsExactly("thinking", "redacted_thinking", "text", "tool_use", "tool_use");
    assertThat(content.get(0).path("signature").asText()).startsWith("EqQBCgIYAhIM");
    assertThat(content.get(2).path("text").asText()).isEqualTo("(shortened)");
  }

  @Test
  void mapsToolChoiceParallelismJsonFormatsAndExtraParameters() {
    server.stubFor(post(PATH).willReturn(json(200, "end-turn.json")));
    ObjectNode schema = JSON.createObjectNode().put("type", "object");

    model()
        .promptCaching(false)
        .extraParameter("top_k", 5)
        .build()
        .chat(
            ChatRequest.builder()
                .messages(question())
                .tools(List.of(search()))
                .toolChoice(ToolChoice.tool("web_search"))
                .parallelToolCalls(false)
                .responseFormat(ResponseFormat.jsonSchema("answer", schema))
                .options(ChatOptions.builder().maxTokens(300).seed(7).build())
                .build());
    model()
        .build()
        .chat(
            ChatRequest.builder()
                .messages(question())
                .tools(List.of(search()))
                .toolChoice(ToolChoice.REQUIRED)
                .build());

    List<JsonNode> bodies = requestBodies(server);
    JsonNode first = bodies.get(0);
    assertThat(first.path("tool_choice"))
        .isEqualTo(
            JSON.createObjectNode()
                .put("type", "tool")
                .put("name", "web_search")
                .put("disable_parallel_tool_use", true));
    assertThat(first.path("max_tokens").asInt()).isEqualTo(300);
    assertThat(first.path("top_k").asInt()).isEqualTo(5);
    assertThat(first.has("seed")).isFalse();
    assertThat(first.path("system").get(1).path("text").asText())
        .contains("JSON Schema")
        .contains("\"type\":\"object\"");
    assertThat(first.toString()).doesNotContain("cache_control");
    assertThat(bodies.get(1).path("tool_choice").path("type").asText()).isEqualTo("any");
  }

  @Test
  void mapsRefusalMaxTokensAndEndTurnStopReasons() {
    server.stubFor(post(PATH).willReturn(json(200, "refusal.json")));
    ChatResponse refused = model().build().chat(ChatRequest.of(question()));
    server.resetAll();
    server.stubFor(post(PATH).willReturn(json(200, "max-tokens.json")));
    ChatResponse cut = model().build().chat(ChatRequest.of(question()));

    assertThat(refused.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(refused.rawFinishReason()).isEqualTo("refusal");
    assertThat(refused.text()).isEmpty();
    assertThat(cut.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(cut.text()).isEqualTo("The report begins with a long intro");
    assertThat(AnthropicChatModel.finishReason("end_turn")).isEqualTo(FinishReason.STOP);
    assertThat(AnthropicChatModel.finishReason("stop_sequence")).isEqualTo(FinishReason.STOP);
    assertThat(AnthropicChatModel.finishReason("model_context_window_exceeded"))
        .isEqualTo(FinishReason.LENGTH);
    assertThat(AnthropicChatModel.finishReason("something_new")).isEqualTo(FinishReason.OTHER);
  }

  @Test
  void continuesAPausedTurnBySendingItsContentBackAndJoinsThePieces() {
    server.stubFor(
        post(PATH)
            .inScenario("pause")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(200, "pause-turn.json"))
            .willSetStateTo("paused"));
    server.stubFor(
        post(PATH)
            .inScenario("pause")
            .whenScenarioStateIs("paused")
            .willReturn(json(200, "pause-turn-continued.json")));

    ChatResponse response = model().build().chat(ChatRequest.of(question()));

    assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(response.text())
        .isEqualTo("Let me search for that. Water boils at about 90 °C at 3000 m.");
    assertThat(response.usage().inputTokens()).isEqualTo(280);
    assertThat(response.usage().outputTokens()).isEqualTo(45);
    assertThat(response.message().providerData().path("anthropic").path("content")).hasSize(3);
    List<JsonNode> bodies = requestBodies(server);
    assertThat(bodies).hasSize(2);
    JsonNode continued = bodies.get(1).path("messages");
    assertThat(continued).hasSize(2);
    assertThat(continued.get(1).path("role").asText()).isEqualTo("assistant");
    assertThat(continued.get(1).path("content").get(1).path("type").asText())
        .isEqualTo("server_tool_use");
  }

  @Test
  void aTurnStillPausedAfterTheLastContinuationEndsAsOther() {
    server.stubFor(post(PATH).willReturn(json(200, "pause-turn.json")));

    ChatResponse response = model().build().chat(ChatRequest.of(question()));

    assertThat(response.finishReason()).isEqualTo(FinishReason.OTHER);
    assertThat(response.rawFinishReason()).isEqualTo("pause_turn");
    assertThat(requestBodies(server)).hasSize(1 + AnthropicChatModel.MAX_CONTINUATIONS);
  }
}
