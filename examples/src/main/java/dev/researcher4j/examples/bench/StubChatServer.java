package dev.researcher4j.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An OpenAI-compatible Chat Completions server on loopback that plays a {@link ChatScript}: each
 * request is answered after the script's model latency, with a {@code chat.completion} body, or
 * with {@code chat.completion.chunk} server-sent events when the request asks to stream.
 *
 * <p>Stateless per conversation: the reply depends only on the request (how many tool rounds it
 * already holds), so any number of concurrent runs can share one server. Each request gets a thread
 * of its own (a cached pool) that waits out the latency, so the server never throttles the client.
 * Counts the requests and their body bytes; with {@code trackFullHistory} it also counts the bytes
 * each request would have had if every tool result were still in full (for one conversation at a
 * time: tool-call ids are the key).
 *
 * <p>Thread-safe. Close it to stop the server and its threads.
 */
final class StubChatServer implements AutoCloseable {

  static final String PATH = "/v1/chat/completions";

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
  private static final String MAX_IDLE_PROPERTY = "sun.net.httpserver.maxIdleConnections";

  private final ChatScript script;
  private final boolean trackFullHistory;
  private final HttpServer server;
  private final ExecutorService threads;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong requestBytes = new AtomicLong();
  private final AtomicLong fullHistoryBytes = new AtomicLong();
  private final AtomicLong largestRequest = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Map<String, String> firstToolResults = new ConcurrentHashMap<>();
  private final AtomicInteger completionIds = new AtomicInteger();
  private final Map<Integer, ChatScript.Reply> replies = new ConcurrentHashMap<>();
  private final Map<String, byte[]> streamedEvents = new ConcurrentHashMap<>();
  private final long startedSeconds = System.currentTimeMillis() / 1000;
  private volatile long latencyNanos;

  private StubChatServer(ChatScript script, boolean trackFullHistory) throws IOException {
    this.script = script;
    this.trackFullHistory = trackFullHistory;
    this.latencyNanos = script.modelLatency().toNanos();
    AtomicInteger count = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "stub-model-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    // Real model servers (uvicorn, Go, Node) answer with TCP_NODELAY; the JDK server does not
    // unless told, and Nagle's algorithm against the client's delayed ACKs would add ~40 ms to
    // responses written in more than one piece. Read once, when the JDK server first starts.
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
    // It also closes idle connections beyond 200, fewer than the concurrent scenario's runs.
    if (System.getProperty(MAX_IDLE_PROPERTY) == null) {
      System.setProperty(MAX_IDLE_PROPERTY, "4096");
    }
    // A deep accept backlog: hundreds of runs may connect at the same moment, and a refused SYN
    // is retried only after a second, which would measure the kernel, not the client.
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
    server.createContext(PATH, this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** Starts a server playing {@code script} on a free loopback port. */
  static StubChatServer start(ChatScript script, boolean trackFullHistory) {
    try {
      return new StubChatServer(script, trackFullHistory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the stub model server", e);
    }
  }

  /** The base URL to give an OpenAI-compatible client ({@code http://127.0.0.1:<port>/v1}). */
  String baseUrl() {
    InetSocketAddress address = server.getAddress();
    return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/v1";
  }

  /** Sets the model latency of later requests (warm-up runs use none). */
  void modelLatency(java.time.Duration latency) {
    this.latencyNanos = latency.toNanos();
  }

  /** Requests answered so far. */
  long requests() {
    return requests.get();
  }

  /** Bytes of request bodies received so far. */
  long requestBytes() {
    return requestBytes.get();
  }

  /** Bytes of the largest request body received so far. */
  long largestRequestBytes() {
    return largestRequest.get();
  }

  /**
   * Bytes the request bodies would have had with every tool result in full, as first sent (only
   * counted with {@code trackFullHistory}).
   */
  long fullHistoryBytes() {
    return fullHistoryBytes.get();
  }

  /** Requests the server could not answer (unreadable bodies): a benchmark with any is void. */
  long failures() {
    return failures.get();
  }

  /** Forgets the counts and the tool results seen, for the next measurement. */
  void reset() {
    requests.set(0);
    requestBytes.set(0);
    fullHistoryBytes.set(0);
    largestRequest.set(0);
    failures.set(0);
    firstToolResults.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------ handling

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "application/json", error("method not allowed", "invalid_request"));
        return;
      }
      byte[] body = readBody(exchange);
      // The model starts once the whole request is in, as a real server's does.
      long received = System.nanoTime();
      ChatScript.Request request;
      try {
        request = ChatScript.read(body);
      } catch (IOException | IllegalArgumentException e) {
        failures.incrementAndGet();
        respond(exchange, 400, "application/json", error(e.getMessage(), "invalid_request_body"));
        return;
      }
      requests.incrementAndGet();
      requestBytes.addAndGet(body.length);
      largestRequest.accumulateAndGet(body.length, Math::max);
      if (trackFullHistory) {
        fullHistoryBytes.addAndGet(fullHistorySize(body));
      }
      ChatScript.Reply reply = replies.computeIfAbsent(request.round(), script::reply);
      String model = request.model().isEmpty() ? "bench-model" : request.model();
      long promptTokens = Math.max(1, body.length / 4);
      byte[] response;
      if (request.stream()) {
        // All events but the usage chunk are the same for every conversation in this round.
        String id = "chatcmpl-bench-r" + request.round();
        long created = startedSeconds;
        byte[] events =
            streamedEvents.computeIfAbsent(
                request.round() + "/" + model,
                k -> ChatScript.sseEvents(reply, id, model, created));
        byte[] usage = ChatScript.sseUsage(reply, id, model, created, promptTokens);
        response = Arrays.copyOf(events, events.length + usage.length);
        System.arraycopy(usage, 0, response, events.length, usage.length);
      } else {
        String id = "chatcmpl-bench" + completionIds.incrementAndGet();
        response = ChatScript.completion(reply, id, model, promptTokens);
      }
      waitUntil(received + latencyNanos);
      if (request.stream()) {
        // Chunked, as real servers stream; the whole reply was "generated" during the latency.
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response);
        }
      } else {
        respond(exchange, 200, "application/json", response);
      }
    }
  }

  /**
   * The size {@code request} would have had with each tool message holding the result first seen
   * for its call id (tool results are only ever shortened after they were first sent).
   */
  private long fullHistorySize(byte[] body) throws IOException {
    JsonNode request = JSON.readTree(body);
    boolean changed = false;
    for (JsonNode message : request.get("messages")) {
      if (!"tool".equals(message.path("role").asText()) || !message.isObject()) {
        continue;
      }
      String callId = message.path("tool_call_id").asText();
      String content = message.path("content").asText();
      String first = firstToolResults.putIfAbsent(callId, content);
      if (first != null && !first.equals(content)) {
        ((ObjectNode) message).put("content", first);
        changed = true;
      }
    }
    return changed ? JSON.writeValueAsBytes(request).length : body.length;
  }

  /** The body, read into an array of its declared length when there is one. */
  private static byte[] readBody(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    try (InputStream in = exchange.getRequestBody()) {
      if (length != null) {
        try {
          return in.readNBytes(Integer.parseInt(length.strip()));
        } catch (NumberFormatException e) {
          // Read to the end instead.
        }
      }
      return in.readAllBytes();
    }
  }

  private static void waitUntil(long deadline) {
    for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
      LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** An error body shaped like the API's ({@code {"error": {"message", "type", "code"}}}). */
  private static byte[] error(String message, String code) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", "invalid_request_error");
    error.putNull("param");
    error.put("code", code);
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }
}
