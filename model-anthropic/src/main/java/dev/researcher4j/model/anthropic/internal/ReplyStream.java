package dev.researcher4j.model.anthropic.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.http.Redactor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * Reads one streamed Messages API response into a {@link Reply}, telling a {@link ChatObserver} of
 * every delta as it arrives.
 *
 * <p>Events: {@code message_start} (id, model, input usage), {@code content_block_start} (a block's
 * skeleton), {@code content_block_delta} ({@code text_delta}, {@code thinking_delta}, {@code
 * signature_delta}, {@code input_json_delta}, {@code citations_delta}), {@code content_block_stop},
 * {@code message_delta} (stop reason, output usage), {@code message_stop}, {@code ping}, and {@code
 * error}. Blocks are reassembled into the shape a non-streamed response has, so thinking blocks
 * keep their signatures and can be sent back unchanged. A stream that ends before {@code
 * message_stop} and without a stop reason was cut off and is a {@link MalformedResponseException}
 * (retried), never a short answer; an {@code error} event becomes the matching typed exception.
 * Unknown event and delta types are ignored, as the API asks of clients.
 *
 * <p>SSE framing is OkHttp's ({@link EventSources#processResponse}). One instance per stream; not
 * thread-safe.
 */
public final class ReplyStream {

  /** Most characters (text, thinking and tool input together) accepted from one stream. */
  static final long MAX_STREAM_CHARS = 32L * 1024 * 1024;

  private final ObjectMapper json;
  private final Redactor redactor;
  private final AnthropicErrors errors;
  private final String provider;
  private final ChatObserver observer;
  private final TreeMap<Integer, Block> blocks = new TreeMap<>();
  private String id = "";
  private String model = "";
  private String stopReason = "";
  private Usage usage = Usage.ZERO;
  private boolean done;
  private int toolUses;
  private int events;
  private long chars;

  /** A reader telling {@code observer} (which must not throw) of each delta. */
  public ReplyStream(
      ObjectMapper json,
      Redactor redactor,
      AnthropicErrors errors,
      String provider,
      ChatObserver observer) {
    this.json = Objects.requireNonNull(json, "json");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.errors = Objects.requireNonNull(errors, "errors");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /**
   * Reads the whole stream of a successful response and closes it.
   *
   * @throws IOException if the connection failed or timed out mid-stream (mapped by the caller)
   * @throws ResearchException if the stream reported an error, was cut off or was unreadable
   */
  public Reply read(Response response) throws IOException {
    Listener listener = new Listener();
    EventSources.processResponse(response, listener);
    Throwable failure = listener.failure;
    if (failure instanceof ResearchException research) {
      throw research;
    }
    if (failure instanceof IOException io) {
      throw io;
    }
    if (failure != null) {
      throw malformed("stream could not be read: " + redactor.redact(failure.toString()));
    }
    return finish();
  }

  /** Takes one event; visible for tests that feed events without HTTP. */
  void accept(String type, String data) {
    String trimmed = data == null ? "" : data.strip();
    if (trimmed.isEmpty()) {
      return;
    }
    events++;
    JsonNode event;
    try {
      event = json.readTree(trimmed);
    } catch (JsonProcessingException e) {
      throw malformed("stream event is not JSON (" + e.getOriginalMessage() + ")");
    }
    if (event == null || !event.isObject()) {
      throw malformed("stream event is not a JSON object");
    }
    String kind = type != null && !type.isBlank() ? type : event.path("type").asText("");
    switch (kind) {
      case "message_start" -> {
        JsonNode message = event.path("message");
        id = message.path("id").asText("");
        model = message.path("model").asText("");
        usage = ReplyParser.usage(message.path("usage"), usage);
      }
      case "content_block_start" -> start(event);
      case "content_block_delta" -> delta(event);
      case "content_block_stop" -> {
        Block block = blocks.get(event.path("index").asInt(-1));
        if (block != null) {
          block.close();
        }
      }
      case "message_delta" -> {
        String reason = event.path("delta").path("stop_reason").asText("");
        if (!reason.isEmpty()) {
          stopReason = reason;
        }
        usage = ReplyParser.usage(event.path("usage"), usage);
      }
      case "message_stop" -> done = true;
      case "error" -> throw errors.embeddedError(event, redactor);
      default -> {
        // ping, and event types added after this client was written
      }
    }
  }

  private void start(JsonNode event) {
    int index = event.path("index").asInt(blocks.isEmpty() ? 0 : blocks.lastKey() + 1);
    if (!(event.get("content_block") instanceof ObjectNode skeleton)) {
      throw malformed("content_block_start without a content block");
    }
    Block block = new Block(skeleton.deepCopy());
    blocks.put(index, block);
    String type = ContentBlocks.type(skeleton);
    if (type.equals("tool_use")) {
      block.toolIndex = toolUses++;
      observer.onToolCallDelta(
          block.toolIndex, skeleton.path("id").asText(""), skeleton.path("name").asText(""), "");
    }
    String text = skeleton.path("text").asText("");
    if (type.equals("text") && !text.isEmpty()) {
      count(text);
      block.text.append(text);
      observer.onTextDelta(text);
    }
  }

  private void delta(JsonNode event) {
    Block block = blocks.get(event.path("index").asInt(-1));
    if (block == null) {
      throw malformed("content_block_delta for a block that never started");
    }
    JsonNode delta = event.path("delta");
    switch (delta.path("type").asText("")) {
      case "text_delta" -> {
        String text = delta.path("text").asText("");
        count(text);
        block.text.append(text);
        observer.onTextDelta(text);
      }
      case "thinking_delta" -> {
        String thinking = delta.path("thinking").asText("");
        count(thinking);
        block.text.append(thinking);
        observer.onReasoningDelta(thinking);
      }
      case "signature_delta" -> block.signature.append(delta.path("signature").asText(""));
      case "input_json_delta" -> {
        String partial = delta.path("partial_json").asText("");
        count(partial);
        block.input.append(partial);
        if (block.toolIndex >= 0) {
          observer.onToolCallDelta(block.toolIndex, "", "", partial);
        }
      }
      case "citations_delta" -> {
        JsonNode citation = delta.get("citation");
        if (citation != null) {
          block.node.withArray("citations").add(citation);
        }
      }
      default -> {
        // delta types added after this client was written
      }
    }
  }

  /** The reply once the stream ended; visible for tests. */
  Reply finish() {
    if (!done && stopReason.isEmpty()) {
      throw malformed(
          "stream ended before message_stop and without a stop_reason: cut off after "
              + events
              + " events and "
              + chars
              + " characters");
    }
    List<ObjectNode> content = new ArrayList<>();
    List<ToolCall> calls = new ArrayList<>();
    for (Block block : blocks.values()) {
      block.close();
      content.add(block.node);
      if (block.toolIndex >= 0) {
        calls.add(
            new ToolCall(
                block.node.path("id").asText(""),
                block.node.path("name").asText(""),
                block.rawInput()));
      }
    }
    return new Reply(id, model, content, calls, stopReason, usage);
  }

  private void count(String piece) {
    chars += piece.length();
    if (chars > MAX_STREAM_CHARS) {
      throw malformed("stream longer than " + MAX_STREAM_CHARS + " characters");
    }
  }

  private MalformedResponseException malformed(String what) {
    return new MalformedResponseException(
        redactor.redact(provider + ": " + what), null, provider, 200, "");
  }

  /** One content block being reassembled. */
  private final class Block {
    final ObjectNode node;
    final StringBuilder text = new StringBuilder();
    final StringBuilder signature = new StringBuilder();
    final StringBuilder input = new StringBuilder();
    int toolIndex = -1;
    boolean closed;

    Block(ObjectNode node) {
      this.node = node;
    }

    /** The arguments exactly as streamed; the skeleton's input when nothing was streamed. */
    String rawInput() {
      if (input.length() > 0) {
        return input.toString();
      }
      JsonNode start = node.path("input");
      return start.isObject() ? start.toString() : "{}";
    }

    void close() {
      if (closed) {
        return;
      }
      closed = true;
      switch (ContentBlocks.type(node)) {
        case "text" -> node.put("text", text.toString());
        case "thinking" -> {
          node.put("thinking", text.toString());
          if (signature.length() > 0) {
            node.put("signature", signature.toString());
          }
        }
        default -> {
          if (input.length() > 0) {
            try {
              node.set("input", json.readTree(input.toString()));
            } catch (JsonProcessingException e) {
              // The tool call keeps the text as written; the block gets an empty input.
              node.putObject("input");
            }
          }
        }
      }
    }
  }

  private final class Listener extends EventSourceListener {
    Throwable failure;

    @Override
    public void onEvent(EventSource source, String eventId, String type, String data) {
      if (failure != null || done) {
        return;
      }
      try {
        accept(type, data);
      } catch (RuntimeException e) {
        failure = e;
        source.cancel();
      }
    }

    @Override
    public void onFailure(EventSource source, Throwable t, Response response) {
      // Once the stop reason arrived the answer is whole; a connection lost before message_stop
      // costs nothing.
      if (failure == null && !done && stopReason.isEmpty()) {
        failure = t != null ? t : new IOException("stream failed");
      }
    }
  }
}
