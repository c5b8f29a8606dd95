package dev.researcher4j.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/**
 * A scripted OpenAI-compatible model on WireMock: each turn answers one chat completion request, in
 * the shape of OpenAI's documented response, then moves the scenario on.
 */
final class ChatTurns {
  private ChatTurns() {}

  static final ObjectMapper JSON = new ObjectMapper();
  static final String CHAT = "/v1/chat/completions";

  /** Answers the request made in {@code state} with {@code message}, then goes to {@code next}. */
  static void turn(
      WireMockExtension server, String state, String next, ObjectNode message, String finish) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-turn");
    body.put("object", "chat.completion");
    body.put("created", 1764410400);
    body.put("model", "test-model");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("message", message);
    choice.put("finish_reason", finish);
    body.putObject("usage")
        .put("prompt_tokens", 400)
        .put("completion_tokens", 50)
        .put("total_tokens", 450);
    server.stubFor(
        post(urlEqualTo(CHAT))
            .inScenario("turns")
            .whenScenarioStateIs(state)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(body.toString()))
            .willSetStateTo(next));
  }

  /** An assistant message with text. */
  static ObjectNode text(String content) {
    return JSON.createObjectNode().put("role", "assistant").put("content", content);
  }

  /** An assistant message calling one tool. */
  static ObjectNode toolCall(String id, String tool, ObjectNode arguments) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    message.putNull("content");
    message
        .putArray("tool_calls")
        .addObject()
        .put("id", id)
        .put("type", "function")
        .putObject("function")
        .put("name", tool)
        .put("arguments", arguments.toString());
    return message;
  }
}
