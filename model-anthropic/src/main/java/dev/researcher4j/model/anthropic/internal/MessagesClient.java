package dev.researcher4j.model.anthropic.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.http.HttpCaller;
import dev.researcher4j.core.http.Retrier;
import dev.researcher4j.core.model.PriceTable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;

/**
 * Makes the calls of one Anthropic chat model: writes the request, sends it through the shared HTTP
 * plumbing (retries, circuit breaker), reads the answer whole or streamed, continues paused turns,
 * and turns the reply into a {@link ChatResponse} with usage, cost and finish reason. Also lists
 * the models the endpoint serves. Thread-safe.
 */
public final class MessagesClient {

  /** Largest non-streamed response body read. */
  public static final long MAX_RESPONSE_BYTES = 32L * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

  private final String provider;
  private final String model;
  private final HttpUrl endpoint;
  private final String endpointDisplay;
  private final Headers headers;
  private final HttpCaller caller;
  private final AnthropicErrors errors;
  private final MessagesRequestWriter writer;
  private final ReplyParser parser;
  private final Clock clock;
  private final PriceTable prices;
  private final int maxContinuations;
  private final Logger log;

  /**
   * A client for {@code model} at {@code endpoint}.
   *
   * @param headers sent with every request, credentials and {@code anthropic-version} included
   * @param maxContinuations how many times a paused turn is continued before it is returned
   * @param log where calls, retries and results are logged (never a secret)
   */
  public MessagesClient(
      String provider,
      String model,
      HttpUrl endpoint,
      Headers headers,
      HttpCaller caller,
      AnthropicErrors errors,
      MessagesRequestWriter writer,
      Clock clock,
      PriceTable prices,
      int maxContinuations,
      Logger log) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.model = Objects.requireNonNull(model, "model");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.endpointDisplay = display(endpoint);
    this.headers = Objects.requireNonNull(headers, "headers");
    this.caller = Objects.requireNonNull(caller, "caller");
    this.errors = Objects.requireNonNull(errors, "errors");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.parser = new ReplyParser(JSON, caller.redactor(), errors, provider);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.prices = Objects.requireNonNull(prices, "prices");
    this.maxContinuations = maxContinuations;
    this.log = Objects.requireNonNull(log, "log");
  }

  /** {@code url} without query, user or password, for messages. */
  public static String display(HttpUrl url) {
    return url.newBuilder().query(null).username("").password("").build().toString();
  }

  /** Our finish reason for the API's {@code stop_reason}. */
  public static FinishReason finishReason(String stopReason) {
    return switch (stopReason) {
      case "end_turn", "stop_sequence" -> FinishReason.STOP;
      case "tool_use" -> FinishReason.TOOL_CALLS;
      case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
      case "refusal" -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.OTHER;
    };
  }

  /**
   * The ids of the models the API serves ({@code GET /v1/models}, first page), sent through {@code
   * probe}.
   */
  public List<String> listModels(HttpCaller probe) {
    HttpUrl models =
        endpoint
            .newBuilder()
            .removePathSegment(endpoint.pathSize() - 1)
            .addPathSegment("models")
            .build();
    Request request = new Request.Builder().url(models).get().headers(headers).build();
    String body = probe.executeForText(request, MAX_RESPONSE_BYTES, retry -> {}).value();
    try {
      List<String> ids = new ArrayList<>();
      for (JsonNode entry : JSON.readTree(body).path("data")) {
        String id = entry.path("id").asText("");
        if (!id.isBlank()) {
          ids.add(id);
        }
      }
      return ids;
    } catch (JsonProcessingException e) {
      throw new MalformedResponseException(
          provider + ": the model list from " + display(models) + " is not JSON",
          null,
          provider,
          200,
          "");
    }
  }

  /**
   * Sends {@code request} with {@code options} (the model's defaults already overridden by the
   * request's), continuing a paused turn, and reports deltas and retries to {@code observer}.
   */
  public ChatResponse call(
      ChatRequest request, ChatOptions options, ChatObserver observer, boolean stream) {
    Objects.requireNonNull(request, "request");
    ChatObserver safe = new SafeObserver(observer, log);
    ObjectNode body = writer.write(request, options, stream);
    Instant start = clock.instant();
    List<RetryAttempt> retries = new ArrayList<>();
    List<ObjectNode> content = new ArrayList<>();
    List<ToolCall> calls = new ArrayList<>();
    Usage usage = Usage.ZERO;
    Reply reply;
    int continuations = 0;
    while (true) {
      reply = send(body, safe, stream, retries);
      content.addAll(reply.content());
      calls.addAll(reply.toolCalls());
      usage = usage.plus(reply.usage());
      if (!"pause_turn".equals(reply.stopReason()) || continuations == maxContinuations) {
        break;
      }
      continuations++;
      log.debug(
          "{}: turn paused; continuing ({} of {})", provider, continuations, maxContinuations);
      MessagesRequestWriter.appendAssistantTurn(body, reply.content());
    }
    Reply whole = new Reply(reply.id(), reply.model(), content, calls, reply.stopReason(), usage);
    return response(whole, retries, Duration.between(start, clock.instant()));
  }

  private Reply send(
      ObjectNode body, ChatObserver observer, boolean stream, List<RetryAttempt> retries) {
    Request http = httpRequest(body, stream);
    log.debug("{}: POST {} model={} stream={}", provider, endpointDisplay, model, stream);
    if (log.isTraceEnabled()) {
      log.trace("{}: request body {}", provider, caller.redactor().redact(body.toString()));
    }
    Retrier.Result<Reply> result;
    try {
      result =
          caller.execute(
              http,
              response -> read(response, stream ? observer : ChatObserver.NONE),
              retry -> {
                log.info(
                    "{}: attempt {} failed ({}: {}); retrying in {} ms",
                    provider,
                    retry.attempt(),
                    retry.errorType(),
                    retry.error(),
                    retry.delay().toMillis());
                observer.onRetry(retry);
              });
    } catch (ResearchException e) {
      log.debug("{}: call to model {} failed: {}", provider, model, e.getMessage());
      throw e;
    }
    retries.addAll(result.retries());
    if (!stream) {
      emitWhole(result.value(), observer);
    }
    return result.value();
  }

  private Request httpRequest(ObjectNode body, boolean stream) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request could not be written as JSON", e);
    }
    return new Request.Builder()
        .url(endpoint)
        .headers(headers)
        .header("Accept", stream ? "text/event-stream" : "application/json")
        .post(RequestBody.create(bytes, JSON_TYPE))
        .build();
  }

  /** Reads a successful response by its content type rather than by what was asked. */
  private Reply read(Response response, ChatObserver live) throws IOException {
    MediaType type = response.body().contentType();
    if (type != null && "text".equals(type.type()) && "event-stream".equals(type.subtype())) {
      return new ReplyStream(JSON, caller.redactor(), errors, provider, live).read(response);
    }
    Reply reply = parser.parse(caller.readBody(response, MAX_RESPONSE_BYTES));
    emitWhole(reply, live);
    return reply;
  }

  private static void emitWhole(Reply reply, ChatObserver observer) {
    Message message = ContentBlocks.toMessage(reply);
    if (!message.reasoning().isEmpty()) {
      observer.onReasoningDelta(message.reasoning());
    }
    if (!message.content().isEmpty()) {
      observer.onTextDelta(message.content());
    }
    List<ToolCall> calls = reply.toolCalls();
    for (int i = 0; i < calls.size(); i++) {
      observer.onToolCallDelta(i, calls.get(i).id(), calls.get(i).name(), calls.get(i).arguments());
    }
  }

  private ChatResponse response(Reply reply, List<RetryAttempt> retries, Duration latency) {
    Usage usage = reply.usage().withCost(prices.costUsd(model, reply.model(), reply.usage()));
    FinishReason reason = finishReason(reply.stopReason());
    if (!reply.toolCalls().isEmpty() && reason == FinishReason.STOP) {
      reason = FinishReason.TOOL_CALLS;
    }
    ChatResponse response =
        new ChatResponse(
            ContentBlocks.toMessage(reply),
            reason,
            reply.stopReason(),
            usage,
            reply.model(),
            reply.id(),
            latency.isNegative() ? Duration.ZERO : latency,
            retries,
            null);
    log.debug(
        "{}: model {} stopped ({}) with {} tool calls; tokens in={} (cache read {}, write {})"
            + " out={}; cost ${}; {} retries",
        provider,
        model,
        reply.stopReason(),
        reply.toolCalls().size(),
        usage.inputTokens(),
        usage.cachedInputTokens(),
        usage.cacheWriteInputTokens(),
        usage.outputTokens(),
        String.format(Locale.ROOT, "%.6f", usage.costUsd()),
        retries.size());
    return response;
  }

  /** Shields the call from an observer that throws, as the {@link ChatObserver} contract says. */
  private record SafeObserver(ChatObserver delegate, Logger log) implements ChatObserver {
    @Override
    public void onTextDelta(String delta) {
      guard(() -> delegate.onTextDelta(delta));
    }

    @Override
    public void onReasoningDelta(String delta) {
      guard(() -> delegate.onReasoningDelta(delta));
    }

    @Override
    public void onToolCallDelta(int index, String id, String name, String argumentsDelta) {
      guard(() -> delegate.onToolCallDelta(index, id, name, argumentsDelta));
    }

    @Override
    public void onRetry(RetryAttempt retry) {
      guard(() -> delegate.onRetry(retry));
    }

    private void guard(Runnable action) {
      try {
        action.run();
      } catch (RuntimeException e) {
        log.debug("a ChatObserver threw {}; ignored", e.getClass().getSimpleName(), e);
      }
    }
  }
}
