package dev.researcher4j.core.internal.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.TokenTrace;
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
 * Reads one streamed Chat Completions response ({@code chat.completion.chunk} server-sent events)
 * into a {@link Completion}, telling a {@link ChatObserver} of every delta as it arrives.
 *
 * <p>Text, reasoning ({@code reasoning_content} / {@code reasoning} deltas and inline {@code
 * <think>} blocks) and tool calls (by {@code index}: id and name from the first delta, arguments
 * concatenated) are accumulated into the same shape a non-streamed response has. The usage chunk
 * that {@code stream_options.include_usage} adds (empty {@code choices}) is read too. The stream is
 * complete at {@code data: [DONE]} or once a {@code finish_reason} arrived; a stream that ends
 * before either was cut off and is a {@link MalformedResponseException} (retried), never a short
 * answer. An {@code {"error": …}} event becomes the matching typed exception.
 *
 * <p>SSE framing is OkHttp's ({@link EventSources#processResponse}). One instance per stream; not
 * thread-safe.
 */
public final class ChatCompletionStream {

  /** Most characters (text, reasoning and arguments together) accepted from one stream. */
  static final long MAX_STREAM_CHARS = 32L * 1024 * 1024;

  private final ObjectMapper json;
  private final Redactor redactor;
  private final OpenAiErrors errors;
  private final String provider;
  private final ChatObserver observer;

  private final StringBuilder content = new StringBuilder();
  private final StringBuilder reasoning = new StringBuilder();
  private final ThinkTagRouter router;
  private final TreeMap<Integer, CallBuilder> calls = new TreeMap<>();
  private final List<Integer> promptTokenIds = new ArrayList<>();
  private final List<Integer> completionTokenIds = new ArrayList<>();
  private final List<String> tokenTexts = new ArrayList<>();
  private final List<Double> logprobs = new ArrayList<>();
  private String id = "";
  private String model = "";
  private String finishReason;
  private Usage usage = Usage.ZERO;
  private boolean done;
  private int events;
  private long chars;

  /** A reader telling {@code observer} (which must not throw) of each delta. */
  public ChatCompletionStream(
      ObjectMapper json,
      Redactor redactor,
      OpenAiErrors errors,
      String provider,
      ChatObserver observer) {
    this.json = Objects.requireNonNull(json, "json");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.errors = Objects.requireNonNull(errors, "errors");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.router = new ThinkTagRouter(observer::onTextDelta, observer::onReasoningDelta);
  }

  /**
   * Reads the whole stream of a successful response and closes it.
   *
   * @throws IOException if the connection failed or timed out mid-stream (mapped by the caller)
   * @throws ResearchException if the stream reported an error, was cut off or was unreadable
   */
  public Completion read(Response response) throws IOException {
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
      throw new MalformedResponseException(
          provider + ": stream could not be read: " + redactor.redact(failure.toString()),
          failure,
          provider,
          response.code(),
          "");
    }
    return finish();
  }

  /** Takes one event; visible for tests that feed events without HTTP. */
  void accept(String type, String data) {
    String trimmed = data == null ? "" : data.strip();
    if (trimmed.equals("[DONE]")) {
      done = true;
      return;
    }
    if (trimmed.isEmpty()) {
      return;
    }
    events++;
    JsonNode chunk;
    try {
      chunk = json.readTree(trimmed);
    } catch (JsonProcessingException e) {
      // Jackson quotes unrecognised tokens: redacted, and not kept as the cause.
      throw malformed(
          "stream event is not JSON (" + e.getOriginalMessage() + "): " + start(trimmed), null);
    }
    if (chunk == null || !chunk.isObject()) {
      throw malformed("stream event is not a JSON object: " + start(trimmed), null);
    }
    JsonNode error = chunk.get("error");
    if (error != null && !error.isNull()) {
      throw errors.embeddedError(error, redactor);
    }
    if ("error".equals(type)) {
      throw errors.embeddedError(chunk, redactor);
    }
    if (id.isEmpty()) {
      id = ChatCompletionParser.text(chunk.get("id"));
    }
    if (model.isEmpty()) {
      model = ChatCompletionParser.text(chunk.get("model"));
    }
    JsonNode usageNode = chunk.get("usage");
    if (usageNode != null && usageNode.isObject()) {
      usage = ChatCompletionParser.usage(usageNode);
    }
    promptTokenIds.addAll(ChatCompletionParser.ints(chunk.get("prompt_token_ids")));
    JsonNode choices = chunk.get("choices");
    if (choices != null && choices.isArray() && !choices.isEmpty()) {
      acceptChoice(ChatCompletionParser.firstChoice(choices));
    }
  }

  private void acceptChoice(JsonNode choice) {
    JsonNode index = choice.get("index");
    if (index != null && index.isNumber() && index.asInt() != 0) {
      return; // only the first choice is read; n > 1 is not supported
    }
    JsonNode delta = choice.get("delta");
    if (delta == null || !delta.isObject()) {
      delta = choice.path("message"); // a few servers stream whole messages
    }
    String reasoningDelta = ChatCompletionParser.reasoningField(delta);
    if (!reasoningDelta.isEmpty()) {
      count(reasoningDelta);
      reasoning.append(reasoningDelta);
      observer.onReasoningDelta(reasoningDelta);
    }
    String text = ChatCompletionParser.contentText(delta.get("content"));
    if (!text.isEmpty()) {
      count(text);
      content.append(text);
      router.feed(text);
    }
    JsonNode toolCalls = delta.get("tool_calls");
    if (toolCalls != null && toolCalls.isArray()) {
      for (JsonNode call : toolCalls) {
        acceptToolCall(call);
      }
    }
    JsonNode choiceUsage = choice.get("usage"); // Moonshot puts usage in the last choice
    if (choiceUsage != null && choiceUsage.isObject()) {
      usage = ChatCompletionParser.usage(choiceUsage);
    }
    completionTokenIds.addAll(ChatCompletionParser.ints(choice.get("token_ids")));
    promptTokenIds.addAll(ChatCompletionParser.ints(choice.get("prompt_token_ids")));
    ChatCompletionParser.logprobs(choice.get("logprobs"), tokenTexts, logprobs);
    String reason = ChatCompletionParser.text(choice.get("finish_reason"));
    if (!reason.isEmpty()) {
      finishReason = reason;
    }
  }

  private void acceptToolCall(JsonNode call) {
    String callId = ChatCompletionParser.text(call.get("id"));
    JsonNode function = call.path("function");
    String name = ChatCompletionParser.text(function.get("name"));
    String arguments = ChatCompletionParser.arguments(function.get("arguments"));
    JsonNode indexNode = call.get("index");
    int index;
    if (indexNode != null && indexNode.isNumber()) {
      index = indexNode.asInt();
    } else if (calls.isEmpty()
        || (!callId.isEmpty() && calls.values().stream().noneMatch(c -> c.id.equals(callId)))) {
      // No index (some servers): a new id starts a new call, anything else continues the last one.
      index = calls.isEmpty() ? 0 : calls.lastKey() + 1;
    } else {
      index = calls.lastKey();
    }
    CallBuilder builder = calls.computeIfAbsent(index, i -> new CallBuilder());
    if (builder.id.isEmpty()) {
      builder.id = callId;
    }
    if (builder.name.isEmpty()) {
      builder.name = name;
    }
    count(arguments);
    builder.arguments.append(arguments);
    observer.onToolCallDelta(index, callId, name, arguments);
  }

  /** The completion once the stream ended; visible for tests. */
  Completion finish() {
    router.flush();
    if (!done && finishReason == null) {
      throw malformed(
          "stream ended before data: [DONE] and without a finish_reason: cut off after "
              + events
              + " events and "
              + chars
              + " characters",
          null);
    }
    if (finishReason == null
        && content.length() == 0
        && reasoning.length() == 0
        && calls.isEmpty()) {
      throw malformed("stream carried no choices", null);
    }
    List<ToolCall> toolCalls = new ArrayList<>();
    int position = 0;
    for (CallBuilder call : calls.values()) {
      String callId = call.id.isEmpty() ? ChatCompletionParser.syntheticCallId(position) : call.id;
      toolCalls.add(new ToolCall(callId, call.name, call.arguments.toString()));
      position++;
    }
    return ChatCompletionParser.assemble(
        id,
        model,
        content.toString(),
        reasoning.toString(),
        toolCalls,
        finishReason == null ? "" : finishReason,
        usage,
        new TokenTrace(promptTokenIds, completionTokenIds, tokenTexts, logprobs));
  }

  private void count(String piece) {
    chars += piece.length();
    if (chars > MAX_STREAM_CHARS) {
      throw malformed("stream longer than " + MAX_STREAM_CHARS + " characters", null);
    }
  }

  private String start(String data) {
    String head = data.length() <= 200 ? data : data.substring(0, 200) + "…";
    return redactor.redact(head);
  }

  private MalformedResponseException malformed(String what, Throwable cause) {
    return new MalformedResponseException(
        redactor.redact(provider + ": " + what), cause, provider, 200, "");
  }

  private static final class CallBuilder {
    String id = "";
    String name = "";
    final StringBuilder arguments = new StringBuilder();
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
      // Once the finish reason arrived the answer is whole; a connection lost while the usage
      // chunk or [DONE] was still due costs the usage numbers, not the answer.
      if (failure == null && !done && finishReason == null) {
        failure = t != null ? t : new IOException("stream failed");
      }
    }
  }
}
