package dev.researcher4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A loopback OpenAI-compatible server that answers each chat completion with a function of the
 * request — so a test can misbehave the way real servers do (prose where JSON was asked, tool calls
 * after {@code tool_choice: "none"}, {@code finish_reason: "length"} or {@code "content_filter"},
 * tool calls written as text, a key echoed back) — plus a SearXNG search and one web page for the
 * agent's tools. Responses have the shape of OpenAI's documented chat completion object.
 */
final class MisbehavingServer implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  /** What the page at {@code /page} says. */
  static final String PAGE_TEXT =
      "The Golden Gate Bridge opened to traffic on May 27, 1937, after four years of work.";

  private final HttpServer server;
  private final List<JsonNode> requests = new ArrayList<>();
  private final List<String> authorizations = new ArrayList<>();

  /** Starts a server answering chat completions with {@code reply}. */
  MisbehavingServer(Function<JsonNode, String> reply) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
          synchronized (this) {
            requests.add(request);
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
          }
          respond(exchange, 200, "application/json", reply.apply(request));
        });
    server.createContext(
        "/search",
        exchange ->
            respond(
                exchange,
                200,
                "application/json",
                "{\"query\":\"bridge\",\"number_of_results\":1,\"results\":[{\"url\":\""
                    + baseUrl()
                    + "/page\",\"title\":\"Golden Gate Bridge history\",\"content\":\""
                    + PAGE_TEXT
                    + "\",\"engine\":\"duckduckgo\",\"engines\":[\"duckduckgo\"],"
                    + "\"positions\":[1],\"score\":1.0,\"category\":\"general\"}],"
                    + "\"answers\":[],\"corrections\":[],\"infoboxes\":[],\"suggestions\":[],"
                    + "\"unresponsive_engines\":[]}"));
    server.createContext(
        "/page",
        exchange ->
            respond(
                exchange,
                200,
                "text/html; charset=utf-8",
                "<html><head><title>Golden Gate Bridge history</title></head><body><article>"
                    + "<h1>Golden Gate Bridge history</h1><p>"
                    + PAGE_TEXT
                    + "</p></article></body></html>"));
    server.start();
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The chat completion requests received, in order. */
  synchronized List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  /** The {@code Authorization} header of each request. */
  synchronized List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** Whether {@code request} is the verifier's (structured verdicts). */
  static boolean isVerify(JsonNode request) {
    return "claim_verdicts"
        .equals(request.path("response_format").path("json_schema").path("name").asText());
  }

  /** Whether {@code request} asks for the final answer ({@code tool_choice: "none"}). */
  static boolean isFinal(JsonNode request) {
    return "none".equals(request.path("tool_choice").asText());
  }

  /** How many tool results the request's conversation holds. */
  static int toolResults(JsonNode request) {
    int n = 0;
    for (JsonNode message : request.path("messages")) {
      if ("tool".equals(message.path("role").asText())) {
        n++;
      }
    }
    return n;
  }

  /** A chat completion with {@code message} and {@code finishReason}, in OpenAI's shape. */
  static String completion(ObjectNode message, String finishReason) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-" + Integer.toHexString(message.hashCode()));
    body.put("object", "chat.completion");
    body.put("created", 1764410400);
    body.put("model", "test-model");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("message", message);
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    body.putObject("usage")
        .put("prompt_tokens", 400)
        .put("completion_tokens", 50)
        .put("total_tokens", 450);
    body.put("system_fingerprint", "fp_test");
    return body.toString();
  }

  /** An answer in text. */
  static String text(String content, String finishReason) {
    return completion(
        JSON.createObjectNode().put("role", "assistant").put("content", content), finishReason);
  }

  /** A call of the web search tool. */
  static String search(String id, String query) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    message.putNull("content");
    message
        .putArray("tool_calls")
        .addObject()
        .put("id", id)
        .put("type", "function")
        .putObject("function")
        .put("name", "web_search")
        .put("arguments", JSON.createObjectNode().put("query", query).toString());
    return completion(message, "tool_calls");
  }
}
