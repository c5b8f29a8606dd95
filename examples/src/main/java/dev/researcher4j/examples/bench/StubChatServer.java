package dev.researcher4j.examples.bench;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenAI-compatible Chat Completions server on loopback that plays a {@link ChatScript}: each
 * request is answered after the script's model latency, with a {@code chat.completion} body, or
 * with {@code chat.completion.chunk} server-sent events when the request asks to stream.
 *
 * <p>Stateless per conversation: the reply depends only on the request (how many tool rounds it
 * already holds), so any number of concurrent runs can share one server. Requests are read and
 * answered on a cached pool, and the latency is waited out asynchronously: a clock thread sends
 * each reply when its time has come, so no thread is held per request and the server never
 * throttles the client, nor takes much of the CPU it shares with it. Counts the requests and their
 * body bytes; with {@code trackFullHistory} it also counts the bytes each request would have had if
 * every tool result were still in full (for one conversation at a time: tool-call ids are the key).
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
  private final ScheduledExecutorService clock;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong requestBytes = new AtomicLong();
  private final AtomicLong fullHistoryBytes = new AtomicLong();
  private final AtomicLong largestRequest = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Map<String, String> fullToolResults = new ConcurrentHashMap<>();
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
    this.clock =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "stub-model-clock");
              thread.setDaemon(true);
              return thread;
            });
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

  /**
   * Tells the server the whole result of tool call {@code callId}, as the model would be shown it
   * without compaction (a policy may shorten a result before it is ever sent).
   */
  void toolResult(String callId, String content) {
    fullToolResults.put(callId, content);
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
    fullToolResults.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    clock.shutdownNow();
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------ handling

  private void handle(HttpExchange exchange) throws IOException {
    boolean answered = false;
    try {
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
      byte[] response = response(request, body.length);
      long delay = received + latencyNanos - System.nanoTime();
      if (delay > 0) {
        // No thread waits out the latency: the clock thread answers when it is over.
        clock.schedule(() -> answer(exchange, request.stream(), response), delay, NANOSECONDS);
        answered = true;
        return;
      }
      answered = true;
      answer(exchange, request.stream(), response);
    } finally {
      if (!answered) {
        exchange.close();
      }
    }
  }

  private byte[] response(ChatScript.Request request, int bodyLength) {
    ChatScript.Reply reply = replies.computeIfAbsent(request.round(), script::reply);
    String model = request.model().isEmpty() ? "bench-model" : request.model();
    long promptTokens = Math.max(1, bodyLength / 4);
    if (!request.stream()) {
      String id = "chatcmpl-bench" + completionIds.incrementAndGet();
      return ChatScript.completion(reply, id, model, promptTokens);
    }
    // All events but the usage chunk are the same for every conversation in this round.
    String id = "chatcmpl-bench-r" + request.round();
    long created = startedSeconds;
    byte[] events =
        streamedEvents.computeIfAbsent(
            request.round() + "/" + model, k -> ChatScript.sseEvents(reply, id, model, created));
    byte[] usage = ChatScript.sseUsage(reply, id, model, created, promptTokens);
    byte[] response = Arrays.copyOf(events, events.length + usage.length);
    System.arraycopy(usage, 0, response, events.length, usage.length);
    return response;
  }

  /** Sends the reply and closes the exchange; streamed replies go chunked, as servers send them. */
  private void answer(HttpExchange exchange, boolean stream, byte[] response) {
    try (exchange) {
      if (stream) {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response);
        }
      } else {
        respond(exchange, 200, "application/json", response);
      }
    } catch (IOException e) {
      // The client went away (a cancelled run); nothing to answer.
      failures.incrementAndGet();
    }
  }

  /**
   * The size {@code request} would have had with each tool message whole: the result given by
   * {@link #toolResult}, else the first text seen for that call id.
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
      String full = fullToolResults.putIfAbsent(callId, content);
      if (full != null && !full.equals(content)) {
        ((ObjectNode) message).put("content", full);
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
