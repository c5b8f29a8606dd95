package dev.researcher4j.core.model;

import static dev.researcher4j.core.model.OpenAiChatModel.*;
import static dev.researcher4j.core.model.OpenAiEndpoints.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.http.HttpCaller;
import dev.researcher4j.core.http.Retrier;
import dev.researcher4j.core.internal.openai.ChatCompletionParser;
import dev.researcher4j.core.internal.openai.ChatCompletionRequestWriter;
import dev.researcher4j.core.internal.openai.ChatCompletionStream;
import dev.researcher4j.core.internal.openai.Completion;
import dev.researcher4j.core.internal.openai.OpenAiErrors;
import dev.researcher4j.core.internal.openai.SafeObserver;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;

/**
 * Makes the calls of one {@link OpenAiChatModel}: writes the request, sends it through the shared
 * HTTP plumbing (retries, circuit breaker, rate limit), reads the answer whole or streamed, and
 * turns it into a {@link ChatResponse} with usage, cost and finish reason. Thread-safe.
 */
final class ChatCompletionsClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

  private final HttpUrl endpoint;
  private final String endpointDisplay;
  private final String apiKey;
  private final String model;
  private final ChatOptions defaults;
  private final String maxTokensWireName;
  private final int contextWindow;
  private final Clock clock;
  private final PriceTable prices;
  private final boolean streaming;
  private final Map<String, String> headers;
  private final Logger log;
  private final HttpCaller caller;
  private final OpenAiErrors errors;
  private final ChatCompletionRequestWriter writer;
  private final ChatCompletionParser parser;
  private final ModelInfo info;

  ChatCompletionsClient(OpenAiChatModelBuilder config) {
    this.endpoint = endpointFor(config.baseUrl);
    this.endpointDisplay = display(endpoint);
    this.apiKey = config.apiKey;
    this.model = config.model;
    this.defaults = config.options;
    this.maxTokensWireName = wireName(config.maxTokensField, endpoint);
    this.contextWindow = config.contextWindow;
    this.clock = config.clock;
    this.prices = config.prices;
    this.streaming = config.streaming;
    this.headers = Map.copyOf(config.headers);
    this.log = config.log;
    boolean echo =
        config.echoReasoning != null ? config.echoReasoning : wantsReasoningBack(endpoint);
    this.errors =
        new OpenAiErrors(PROVIDER, model, endpointDisplay, apiKey != null, maxTokensWireName, echo);
    HttpCaller.Builder callerBuilder =
        HttpCaller.builder(PROVIDER)
            .client(
                config
                    .httpClient
                    .newBuilder()
                    .connectTimeout(config.connectTimeout)
                    .readTimeout(config.readTimeout)
                    .callTimeout(config.callTimeout)
                    .build())
            .retryPolicy(config.retryPolicy)
            .circuitBreaker(config.circuitBreaker)
            .sleeper(config.sleeper)
            .clock(clock)
            .secret(apiKey)
            .secret(endpoint.password())
            .authHint(errors.authHint())
            .errorParser(OpenAiErrors::parse)
            .errorMapper(errors::map);
    headers.forEach(
        (name, value) -> {
          if (isCredentialHeader(name)) {
            callerBuilder.secret(value);
          }
        });
    if (config.rateLimitPermits > 0) {
      callerBuilder.rateLimit(config.rateLimitPermits, config.rateLimitPeriod);
    }
    this.caller = callerBuilder.build();
    this.writer = new ChatCompletionRequestWriter(JSON, model, maxTokensWireName, echo);
    this.parser = new ChatCompletionParser(JSON, caller.redactor(), errors, PROVIDER);
    this.info = computeInfo(config);
  }

  ModelInfo info() {
    return info;
  }

  String scrub(String text) {
    return caller.redactor().maskValues(text);
  }

  /** Computed once: the loop asks before every call, to judge the context window. */
  private ModelInfo computeInfo(OpenAiChatModelBuilder config) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("base_url", display(HttpUrl.get(config.baseUrl.strip())));
    if (defaults.temperature() != null) {
      parameters.put("temperature", defaults.temperature());
    }
    if (defaults.topP() != null) {
      parameters.put("top_p", defaults.topP());
    }
    if (defaults.maxTokens() != null) {
      parameters.put(maxTokensWireName, defaults.maxTokens());
    }
    if (defaults.seed() != null) {
      parameters.put("seed", defaults.seed());
    }
    if (!defaults.stop().isEmpty()) {
      parameters.put("stop", defaults.stop());
    }
    defaults.extra().forEach((name, value) -> parameters.put(name, infoValue(value)));
    return new ModelInfo(PROVIDER, model, contextWindow, parameters);
  }

  String describe() {
    return "OpenAiChatModel{model="
        + model
        + ", endpoint="
        + endpointDisplay
        + ", apiKey="
        + (apiKey == null ? "(none)" : "(set)")
        + ", contextWindow="
        + contextWindow
        + ", streaming="
        + streaming
        + '}';
  }

  ChatResponse call(ChatRequest request, ChatObserver observer, boolean stream) {
    Objects.requireNonNull(request, "request");
    SafeObserver safe = new SafeObserver(observer, log);
    ObjectNode body = writer.write(request, defaults.overriding(request.options()), stream);
    Request http = httpRequest(body, stream);
    log.debug(
        "{}: POST {} model={} messages={} tools={} stream={}",
        PROVIDER,
        endpointDisplay,
        model,
        request.messages().size(),
        request.tools().size(),
        stream);
    if (log.isTraceEnabled()) {
      log.trace("{}: request body {}", PROVIDER, caller.redactor().redact(body.toString()));
    }
    Instant start = clock.instant();
    Retrier.Result<Completion> result;
    try {
      result =
          caller.execute(
              http,
              response -> read(response, stream ? safe : ChatObserver.NONE),
              retry -> onRetry(retry, safe));
    } catch (ResearchException e) {
      log.debug("{}: call to model {} failed: {}", PROVIDER, model, e.getMessage());
      throw e;
    }
    Completion completion = result.value();
    if (!stream) {
      emitWhole(completion, safe);
    }
    return response(completion, result.retries(), Duration.between(start, clock.instant()));
  }

  private Request httpRequest(ObjectNode body, boolean stream) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request could not be written as JSON", e);
    }
    Request.Builder builder = new Request.Builder().url(endpoint);
    headers.forEach(builder::header);
    if (apiKey != null) {
      builder.header("Authorization", "Bearer " + apiKey);
    }
    builder.header("Accept", stream ? "text/event-stream" : "application/json");
    return builder.post(RequestBody.create(bytes, JSON_TYPE)).build();
  }

  /**
   * Reads a successful response by its content type rather than by what was asked: some servers
   * ignore {@code "stream": true}, and a few stream when not asked to.
   *
   * @param live told of each delta as it arrives (for a whole body, of everything at once)
   */
  private Completion read(Response response, ChatObserver live) throws IOException {
    MediaType type = response.body().contentType();
    if (type != null && "text".equals(type.type()) && "event-stream".equals(type.subtype())) {
      return new ChatCompletionStream(JSON, caller.redactor(), errors, PROVIDER, live)
          .read(response);
    }
    Completion completion = parser.parse(caller.readBody(response, MAX_RESPONSE_BYTES));
    emitWhole(completion, live);
    return completion;
  }

  private void onRetry(RetryAttempt retry, ChatObserver observer) {
    log.info(
        "{}: attempt {} failed ({}: {}); retrying in {} ms",
        PROVIDER,
        retry.attempt(),
        retry.errorType(),
        retry.error(),
        retry.delay().toMillis());
    observer.onRetry(retry);
  }

  private static void emitWhole(Completion completion, ChatObserver observer) {
    if (!completion.reasoning().isEmpty()) {
      observer.onReasoningDelta(completion.reasoning());
    }
    if (!completion.content().isEmpty()) {
      observer.onTextDelta(completion.content());
    }
    List<ToolCall> calls = completion.toolCalls();
    for (int i = 0; i < calls.size(); i++) {
      observer.onToolCallDelta(i, calls.get(i).id(), calls.get(i).name(), calls.get(i).arguments());
    }
  }

  private ChatResponse response(Completion c, List<RetryAttempt> retries, Duration latency) {
    Usage usage = c.usage().withCost(prices.costUsd(model, c.model(), c.usage()));
    FinishReason reason =
        FinishReason.fromWire(c.finishReason().isEmpty() ? null : c.finishReason());
    if (!c.toolCalls().isEmpty() && (reason == FinishReason.STOP || reason == FinishReason.OTHER)) {
      // Some servers (older Ollama, llama.cpp) say "stop" when the model called tools.
      reason = FinishReason.TOOL_CALLS;
    }
    ChatResponse response =
        new ChatResponse(
            Message.assistant(c.content(), c.reasoning(), c.toolCalls()),
            reason,
            c.finishReason(),
            usage,
            c.model(),
            c.id(),
            latency.isNegative() ? Duration.ZERO : latency,
            retries,
            c.tokens());
    if (!log.isDebugEnabled()) {
      return response;
    }
    log.debug(
        "{}: model {} finished ({}) with {} tool calls; tokens in={} (cached {}) out={} (reasoning"
            + " {}); cost ${}; {} ms; {} retries",
        PROVIDER,
        model,
        response.rawFinishReason(),
        c.toolCalls().size(),
        usage.inputTokens(),
        usage.cachedInputTokens(),
        usage.outputTokens(),
        usage.reasoningTokens(),
        String.format(Locale.ROOT, "%.6f", usage.costUsd()),
        response.latency().toMillis(),
        retries.size());
    return response;
  }
}
