package dev.researcher4j.examples.scaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible model and a SearXNG-like search on loopback, for the harnesses: every
 * request is recorded (which worker sent it — each worker gets its own path prefix — what it was,
 * when it started and ended). The model searches {@code searches} times, one query a turn, then
 * answers (a question that says "[S searches]" searches S times instead); for a question "What is
 * N+N?" it answers the sum. Replies depend only on the request, so a repeated call gets the same
 * reply. Each request is served on a thread of its own after its latency, so the services never
 * limit how many calls run at once.
 */
final class LoopbackServices implements AutoCloseable {

  /** One request served. */
  record Call(String worker, String kind, String key, long startedNanos, long endedNanos) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SUM = Pattern.compile("What is (\\d+)\\+(\\d+)\\?");
  private static final Pattern SEARCHES = Pattern.compile("\\[(\\d+) searches\\]");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final long modelLatencyMillis;
  private final long searchLatencyMillis;
  private final int searches;
  private final List<Call> calls = new ArrayList<>();
  private final List<Call> inFlight = new ArrayList<>();

  LoopbackServices(long modelLatencyMillis, long searchLatencyMillis, int searches)
      throws IOException {
    this.modelLatencyMillis = modelLatencyMillis;
    this.searchLatencyMillis = searchLatencyMillis;
    this.searches = searches;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL of worker {@code worker}'s model ({@code OPENAI_BASE_URL}). */
  String modelUrl(String worker) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + worker + "/v1";
  }

  /** The base URL of worker {@code worker}'s search ({@code SEARXNG_URL}). */
  String searchUrl(String worker) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + worker;
  }

  /** The environment of a {@code researcher} process whose model and search are worker's. */
  Map<String, String> env(String worker) {
    return Map.of(
        "OPENAI_BASE_URL",
        modelUrl(worker),
        "RESEARCHER_MODEL",
        "loopback",
        "SEARXNG_URL",
        searchUrl(worker));
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  synchronized List<Call> inFlight() {
    return List.copyOf(inFlight);
  }

  /** Forgets the calls served so far. */
  synchronized void clear() {
    calls.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String worker = path.substring(1, path.indexOf('/', 1));
    byte[] body = exchange.getRequestBody().readAllBytes();
    boolean model = path.endsWith("/chat/completions");
    String key = model ? digest(body) : query(exchange.getRequestURI().getRawQuery());
    Call started = new Call(worker, model ? "model" : "search", key, System.nanoTime(), 0);
    synchronized (this) {
      inFlight.add(started);
    }
    try {
      Thread.sleep(model ? modelLatencyMillis : searchLatencyMillis);
      byte[] reply =
          (model ? completion(JSON.readTree(body)) : results(key)).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
      synchronized (this) {
        calls.add(new Call(worker, started.kind(), key, started.startedNanos(), System.nanoTime()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      synchronized (this) {
        inFlight.remove(started);
      }
      exchange.close();
    }
  }

  private String completion(JsonNode request) {
    int toolResults = 0;
    String question = "";
    for (JsonNode message : request.path("messages")) {
      if (message.path("role").asText().equals("tool")) {
        toolResults++;
      } else if (message.path("role").asText().equals("user") && question.isEmpty()) {
        question = message.path("content").asText();
      }
    }
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    String finish;
    Matcher asked = SEARCHES.matcher(question);
    int wanted = asked.find() ? Integer.parseInt(asked.group(1)) : searches;
    if (toolResults < wanted) {
      message.putNull("content");
      ArrayNode toolCalls = message.putArray("tool_calls");
      ObjectNode call =
          toolCalls.addObject().put("id", "call_" + toolResults).put("type", "function");
      call.putObject("function")
          .put("name", "web_search")
          .put("arguments", "{\"query\":\"topic " + toolResults + "\"}");
      finish = "tool_calls";
    } else {
      Matcher sum = SUM.matcher(question);
      String answer =
          sum.find()
              ? String.valueOf(Integer.parseInt(sum.group(1)) + Integer.parseInt(sum.group(2)))
              : "done";
      message.put(
          "content",
          "Answer: "
              + answer
              + (toolResults > 0 ? " [S1]" : "")
              + "\n\nThe answer is "
              + answer
              + (toolResults > 0 ? " [S1]." : "."));
      finish = "stop";
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-loopback").put("object", "chat.completion").put("created", 1764410400);
    body.put("model", "loopback");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("message", message);
    choice.put("finish_reason", finish);
    body.putObject("usage")
        .put("prompt_tokens", 500)
        .put("completion_tokens", 30)
        .put("total_tokens", 530);
    return body.toString();
  }

  private String results(String query) {
    ObjectNode body = JSON.createObjectNode();
    body.put("query", query);
    ArrayNode results = body.putArray("results");
    String slug = query.replaceAll("[^a-z0-9]+", "-");
    results
        .addObject()
        .put("url", "https://example.org/" + slug)
        .put("title", "About " + query)
        .put("content", "What there is to know about " + query + ".")
        .put("engine", "loopback");
    body.putArray("answers");
    body.putArray("suggestions");
    return body.toString();
  }

  private static String query(String rawQuery) {
    if (rawQuery == null) {
      return "";
    }
    for (String part : rawQuery.split("&")) {
      if (part.startsWith("q=")) {
        return URLDecoder.decode(part.substring(2), StandardCharsets.UTF_8);
      }
    }
    return rawQuery;
  }

  private static String digest(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
