package dev.researcher4j.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.Sleeper;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.http.CircuitBreakerPolicy;
import dev.researcher4j.core.http.HttpCaller;
import dev.researcher4j.core.http.Redactor;
import dev.researcher4j.core.http.Retrier;
import dev.researcher4j.core.http.RetryPolicy;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatModel} for any OpenAI-compatible Chat Completions endpoint: OpenAI, Moonshot/Kimi,
 * DeepSeek, vLLM, Ollama, llama.cpp server, OpenRouter and the like.
 *
 * <pre>{@code
 * ChatModel model = OpenAiChatModel.builder()
 *     .baseUrl("http://localhost:11434/v1")   // Ollama; the default is OpenAI's
 *     .model("qwen3:8b")
 *     .temperature(0.2)
 *     .build();
 * ChatModel configured = OpenAiChatModel.fromEnv(); // OPENAI_API_KEY, OPENAI_BASE_URL, RESEARCHER_MODEL
 * }</pre>
 *
 * <p><b>Base URL.</b> The request goes to the base URL plus {@code /chat/completions}, with one
 * exception each way: a base URL that already ends in {@code /chat/completions} is used as it is,
 * and a base URL with no path at all gets {@code /v1} first. So {@code https://api.openai.com/v1},
 * {@code http://localhost:11434} (Ollama) and {@code http://localhost:8000/v1/} (vLLM) all work,
 * and so do paths that are not {@code /v1} ({@code https://openrouter.ai/api/v1}). Query parameters
 * are kept.
 *
 * <p><b>API key.</b> Optional: without one no {@code Authorization} header is sent, as local
 * servers expect. The key never appears in exceptions, logs, {@link #toString()} or {@link
 * #info()}.
 *
 * <p><b>Streaming.</b> {@link #chat(ChatRequest)} never streams. {@link #chat(ChatRequest,
 * ChatObserver)} streams (server-sent events, with usage) when given an observer other than {@link
 * ChatObserver#NONE} and {@linkplain Builder#streaming(boolean) streaming} is on (the default), and
 * tells the observer of each text, reasoning and tool-call delta; the result is the same {@link
 * ChatResponse} either way. Without streaming the observer hears of retries as they happen and of
 * the whole reasoning, text and tool calls once the answer is in. When an attempt fails and is
 * retried, {@link ChatObserver#onRetry} is called and the deltas start over with the new attempt. A
 * stream cut off before its end is a {@link dev.researcher4j.api.MalformedResponseException} and
 * retried, never a short answer.
 *
 * <p><b>Reasoning.</b> Reasoning sent in {@code reasoning_content} (DeepSeek, Kimi, vLLM) or {@code
 * reasoning} (Ollama, OpenRouter), and inline {@code <think>…</think>} blocks, are moved out of the
 * answer text into {@link Message#reasoning()}. Reasoning is not sent back to the model unless
 * {@linkplain Builder#echoReasoning(boolean) echoReasoning} is on.
 *
 * <p><b>Errors.</b> 400 is an {@link dev.researcher4j.api.InvalidRequestException} with the
 * provider's message (a context-window overflow says so and has the error code {@value
 * #CONTEXT_LENGTH_EXCEEDED}, whatever the server called it); 401/403 an {@link
 * dev.researcher4j.api.AuthenticationException} naming {@code OPENAI_API_KEY}; 404 a {@link
 * dev.researcher4j.api.NotFoundException} naming the model and endpoint; 429 a {@link
 * dev.researcher4j.api.RateLimitException}, retried after {@code Retry-After} or {@code
 * retry-after-ms}, or a {@link dev.researcher4j.api.QuotaExceededException} (not retried) for
 * {@code insufficient_quota}; 5xx, dropped connections, timeouts, unreadable bodies and responses
 * without choices are retried under the {@link RetryPolicy}. A finish reason of {@code length} or
 * {@code content_filter} is not an error: see {@link ChatResponse#finishReason()}. Every retry is
 * reported to the observer and listed in {@link ChatResponse#retries()}.
 *
 * <p><b>Threads and resources.</b> Immutable and thread-safe: share one instance. Without a
 * {@linkplain Builder#httpClient(OkHttpClient) client of your own} each built model creates an
 * {@link OkHttpClient} whose pool keeps up to {@value #DEFAULT_MAX_IDLE_CONNECTIONS} idle
 * connections; models derived with {@link #toBuilder()} share it, and with it the connection pool.
 * Nothing needs closing.
 */
public final class OpenAiChatModel implements ChatModel {

  /** The provider name in {@link #info()} and in every exception. */
  public static final String PROVIDER = "openai-compatible";

  /**
   * The {@link ResearchException#errorCode()} of the {@link
   * dev.researcher4j.api.InvalidRequestException} thrown when the conversation does not fit the
   * model's context window, whatever code the server used: context management can test for it.
   */
  public static final String CONTEXT_LENGTH_EXCEEDED = OpenAiErrors.CONTEXT_LENGTH_EXCEEDED;

  /** Default base URL: OpenAI's API. */
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

  /** Default time to open a connection. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Default longest silence while reading a response. Long, because a reasoning model may think for
   * minutes before a non-streamed answer's first byte.
   */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);

  /** Default longest time for one HTTP attempt, from connecting to the last byte. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(10);

  /**
   * Idle connections the default client keeps for reuse (OkHttp's own default is 5). Each run has
   * at most one model call in flight, so with up to this many concurrent runs every call finds a
   * warm connection instead of opening a new one (a TLS handshake, against a real provider). Idle
   * connections close after OkHttp's default keep-alive of 5 minutes.
   */
  public static final int DEFAULT_MAX_IDLE_CONNECTIONS = 256;

  /** Streaming is on by default (it only happens when an observer is given). */
  public static final boolean DEFAULT_STREAMING = true;

  /** The environment variable holding the API key. */
  public static final String ENV_API_KEY = "OPENAI_API_KEY";

  /** The environment variable holding the base URL. */
  public static final String ENV_BASE_URL = "OPENAI_BASE_URL";

  /** The environment variable holding the model name. */
  public static final String ENV_MODEL = "RESEARCHER_MODEL";

  /** Largest non-streamed response body read. */
  static final long MAX_RESPONSE_BYTES = 32L * 1024 * 1024;

  private static final String HOW_TO_CONFIGURE =
      "Set "
          + ENV_MODEL
          + " to the model to call and, for OpenAI, "
          + ENV_API_KEY
          + " (e.g. "
          + ENV_API_KEY
          + "=sk-... "
          + ENV_MODEL
          + "=gpt-4o-mini); for a local server set "
          + ENV_BASE_URL
          + " instead of a key, e.g. "
          + ENV_BASE_URL
          + "=http://localhost:11434/v1 "
          + ENV_MODEL
          + "=qwen3:8b for Ollama (vLLM: http://localhost:8000/v1, llama.cpp server:"
          + " http://localhost:8080/v1).";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final Logger DEFAULT_LOG = LoggerFactory.getLogger(OpenAiChatModel.class);

  /**
   * Which request field carries the completion-token limit. OpenAI deprecated {@code max_tokens}
   * for {@code max_completion_tokens} (and its reasoning models reject the old name), while many
   * compatible servers know only {@code max_tokens}.
   */
  public enum MaxTokensField {
    /** {@code max_completion_tokens} for {@code api.openai.com}, {@code max_tokens} elsewhere. */
    AUTO,
    /** Always {@code max_tokens}. */
    MAX_TOKENS,
    /** Always {@code max_completion_tokens}. */
    MAX_COMPLETION_TOKENS
  }

  private final String baseUrl;
  private final HttpUrl endpoint;
  private final String endpointDisplay;
  private final String apiKey;
  private final String model;
  private final ChatOptions defaults;
  private final MaxTokensField maxTokensField;
  private final String maxTokensWireName;
  private final Boolean echoReasoningSetting;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final int contextWindow;
  private final RetryPolicy retryPolicy;
  private final CircuitBreakerPolicy circuitBreaker;
  private final int rateLimitPermits;
  private final Duration rateLimitPeriod;
  private final Sleeper sleeper;
  private final Clock clock;
  private final OkHttpClient baseClient;
  private final PriceTable prices;
  private final boolean streaming;
  private final Map<String, String> headers;
  private final Logger log;
  private final HttpCaller caller;
  private final OpenAiErrors errors;
  private final ChatCompletionRequestWriter writer;
  private final ChatCompletionParser parser;
  private final ModelInfo info;

  private OpenAiChatModel(Builder b) {
    this.baseUrl = b.baseUrl;
    this.endpoint = endpointFor(b.baseUrl);
    this.endpointDisplay = display(endpoint);
    this.apiKey = b.apiKey;
    this.model = b.model;
    this.defaults = b.options;
    this.maxTokensField = b.maxTokensField;
    this.maxTokensWireName = wireName(b.maxTokensField, endpoint);
    this.echoReasoningSetting = b.echoReasoning;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.callTimeout = b.callTimeout;
    this.contextWindow = b.contextWindow;
    this.retryPolicy = b.retryPolicy;
    this.circuitBreaker = b.circuitBreaker;
    this.rateLimitPermits = b.rateLimitPermits;
    this.rateLimitPeriod = b.rateLimitPeriod;
    this.sleeper = b.sleeper;
    this.clock = b.clock;
    this.baseClient = b.httpClient != null ? b.httpClient : defaultClient();
    this.prices = b.prices;
    this.streaming = b.streaming;
    this.headers = Map.copyOf(b.headers);
    this.log = b.log;
    boolean echo =
        echoReasoningSetting != null ? echoReasoningSetting : wantsReasoningBack(endpoint);
    this.errors =
        new OpenAiErrors(PROVIDER, model, endpointDisplay, apiKey != null, maxTokensWireName, echo);
    HttpCaller.Builder callerBuilder =
        HttpCaller.builder(PROVIDER)
            .client(
                baseClient
                    .newBuilder()
                    .connectTimeout(connectTimeout)
                    .readTimeout(readTimeout)
                    .callTimeout(callTimeout)
                    .build())
            .retryPolicy(retryPolicy)
            .circuitBreaker(circuitBreaker)
            .sleeper(sleeper)
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
    if (rateLimitPermits > 0) {
      callerBuilder.rateLimit(rateLimitPermits, rateLimitPeriod);
    }
    this.caller = callerBuilder.build();
    this.writer = new ChatCompletionRequestWriter(JSON, model, maxTokensWireName, echo);
    this.parser = new ChatCompletionParser(JSON, caller.redactor(), errors, PROVIDER);
    this.info = computeInfo();
  }

  /** A builder with every default; {@link Builder#model(String)} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A model configured from the process environment; see {@link #fromEnv(Map)}. */
  public static OpenAiChatModel fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * A model configured from {@code env}: {@value #ENV_MODEL} (required), {@value #ENV_API_KEY}
   * (required for OpenAI's own API, optional elsewhere) and {@value #ENV_BASE_URL} (default {@value
   * #DEFAULT_BASE_URL}). Blank values count as unset; everything else keeps its default.
   *
   * @throws ConfigurationException naming every variable to set, and how to point at a local server
   */
  public static OpenAiChatModel fromEnv(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String model = value(env, ENV_MODEL);
    String key = value(env, ENV_API_KEY);
    String base = value(env, ENV_BASE_URL);
    List<String> problems = new ArrayList<>();
    HttpUrl baseParsed = null;
    if (base != null) {
      baseParsed = HttpUrl.parse(base.strip());
      if (baseParsed == null) {
        problems.add(
            ENV_BASE_URL
                + " must be an http or https URL, but was '"
                + Redactor.patternsOnly().redact(base)
                + "'");
      }
    }
    if (model == null) {
      problems.add(ENV_MODEL + " is not set");
    }
    boolean openAi = base == null || (baseParsed != null && isOpenAi(baseParsed));
    if (key == null && openAi) {
      problems.add(ENV_API_KEY + " is not set, and OpenAI's API needs a key");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(
          PROVIDER + ": " + String.join("; ", problems) + ". " + HOW_TO_CONFIGURE);
    }
    return builder().fromEnv(env).build();
  }

  /**
   * The models the server configured in {@code env} serves ({@code GET <base>/models}), in the
   * server's order — how a command line can pick a model when {@value #ENV_MODEL} is unset and a
   * local server (vLLM, llama.cpp, Ollama) serves one or a few.
   *
   * @throws ResearchException when the call fails (the key never appears in the message)
   */
  public static List<String> listModels(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String base = value(env, ENV_BASE_URL);
    String key = value(env, ENV_API_KEY);
    HttpUrl endpoint = endpointFor(base == null ? DEFAULT_BASE_URL : base);
    HttpUrl models =
        endpoint
            .newBuilder()
            .removePathSegment(endpoint.pathSize() - 1)
            .removePathSegment(endpoint.pathSize() - 2)
            .addPathSegment("models")
            .build();
    Request.Builder request = new Request.Builder().url(models).get();
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    HttpCaller caller =
        HttpCaller.builder(PROVIDER)
            .client(
                new OkHttpClient.Builder()
                    .callTimeout(DEFAULT_CONNECT_TIMEOUT.multipliedBy(3))
                    .build())
            .retryPolicy(RetryPolicy.custom().maxAttempts(2).build())
            .secret(key)
            .authHint("set " + ENV_API_KEY + " to a valid key for " + display(models))
            .build();
    String body = caller.executeForText(request.build(), MAX_RESPONSE_BYTES, r -> {}).value();
    try {
      List<String> ids = new ArrayList<>();
      for (com.fasterxml.jackson.databind.JsonNode model : JSON.readTree(body).path("data")) {
        String id = model.path("id").asText("");
        if (!id.isBlank()) {
          ids.add(id);
        }
      }
      return ids;
    } catch (JsonProcessingException e) {
      throw new dev.researcher4j.api.MalformedResponseException(
          PROVIDER + ": the model list from " + display(models) + " is not JSON",
          null,
          PROVIDER,
          200,
          "");
    }
  }

  /** A builder holding this model's configuration, sharing its HTTP client. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.baseUrl = baseUrl;
    b.apiKey = apiKey;
    b.model = model;
    b.options = defaults;
    b.maxTokensField = maxTokensField;
    b.echoReasoning = echoReasoningSetting;
    b.connectTimeout = connectTimeout;
    b.readTimeout = readTimeout;
    b.callTimeout = callTimeout;
    b.contextWindow = contextWindow;
    b.retryPolicy = retryPolicy;
    b.circuitBreaker = circuitBreaker;
    b.rateLimitPermits = rateLimitPermits;
    b.rateLimitPeriod = rateLimitPeriod;
    b.sleeper = sleeper;
    b.clock = clock;
    b.httpClient = baseClient;
    b.prices = prices;
    b.streaming = streaming;
    b.headers.putAll(headers);
    b.log = log;
    return b;
  }

  /** Sends {@code request} without streaming and waits for the answer. */
  @Override
  public ChatResponse chat(ChatRequest request) {
    return call(request, ChatObserver.NONE, false);
  }

  /**
   * Sends {@code request}, streaming when {@code observer} is not {@link ChatObserver#NONE} and
   * streaming is on, and reports deltas and retries to {@code observer}. An observer that throws is
   * ignored.
   */
  @Override
  public ChatResponse chat(ChatRequest request, ChatObserver observer) {
    Objects.requireNonNull(observer, "observer");
    boolean stream = streaming && observer != ChatObserver.NONE;
    return call(request, observer, stream);
  }

  /** The cost from the price table, when it has a price for this model. */
  @Override
  public java.util.OptionalDouble costOf(long inputTokens, long outputTokens) {
    return prices
        .priceFor(model)
        .map(price -> price.costUsd(Usage.of(inputTokens, outputTokens)))
        .map(java.util.OptionalDouble::of)
        .orElse(java.util.OptionalDouble.empty());
  }

  /** Masks the API key and the values of secret headers. */
  @Override
  public String scrubSecrets(String text) {
    return caller.redactor().maskValues(text);
  }

  /**
   * Provider {@value #PROVIDER}, the model, the context window, and the base URL and sampling
   * parameters (by their wire names, extra parameters included). Never the API key.
   */
  @Override
  public ModelInfo info() {
    return info;
  }

  /** Computed once: the loop asks before every call, to judge the context window. */
  private ModelInfo computeInfo() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("base_url", display(HttpUrl.get(baseUrl.strip())));
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

  /** Model, endpoint and whether a key is set; never the key. */
  @Override
  public String toString() {
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

  private ChatResponse call(ChatRequest request, ChatObserver observer, boolean stream) {
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

  private static OkHttpClient defaultClient() {
    return new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(DEFAULT_MAX_IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
        .build();
  }

  /** The Chat Completions URL for {@code baseUrl}; see the class Javadoc for the rule. */
  static HttpUrl endpointFor(String baseUrl) {
    HttpUrl url = HttpUrl.parse(baseUrl.strip());
    if (url == null) {
      throw new IllegalArgumentException(
          "baseUrl must be an http or https URL, but was '"
              + Redactor.patternsOnly().redact(baseUrl)
              + "'");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : url.pathSegments()) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    int n = segments.size();
    if (!(n >= 2
        && segments.get(n - 2).equals("chat")
        && segments.get(n - 1).equals("completions"))) {
      if (segments.isEmpty()) {
        segments.add("v1");
      }
      segments.add("chat");
      segments.add("completions");
    }
    HttpUrl.Builder builder = url.newBuilder().encodedPath("/");
    segments.forEach(builder::addPathSegment);
    return builder.build();
  }

  private static String wireName(MaxTokensField field, HttpUrl endpoint) {
    return switch (field) {
      case MAX_TOKENS -> "max_tokens";
      case MAX_COMPLETION_TOKENS -> "max_completion_tokens";
      case AUTO -> isOpenAi(endpoint) ? "max_completion_tokens" : "max_tokens";
    };
  }

  private static boolean isOpenAi(HttpUrl url) {
    return url.host().equalsIgnoreCase("api.openai.com");
  }

  /** DeepSeek and Moonshot thinking models reject tool-call turns that lack their reasoning. */
  private static boolean wantsReasoningBack(HttpUrl url) {
    String host = url.host().toLowerCase(Locale.ROOT);
    return host.equals("api.deepseek.com")
        || host.endsWith(".deepseek.com")
        || host.equals("api.moonshot.ai")
        || host.equals("api.moonshot.cn");
  }

  private static boolean isCredentialHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("key")
        || lower.contains("token")
        || lower.contains("auth")
        || lower.contains("secret")
        || lower.contains("cookie");
  }

  private static String display(HttpUrl url) {
    return url.newBuilder().query(null).username("").password("").build().toString();
  }

  private static Object infoValue(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof List<?> list
        && list.stream()
            .allMatch(v -> v instanceof String || v instanceof Number || v instanceof Boolean)) {
      return List.copyOf(list);
    }
    return JSON.valueToTree(value).toString();
  }

  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * Builds an {@link OpenAiChatModel}. Setters reject bad values at once with the value in the
   * message (never an API key's). Not thread-safe.
   */
  public static final class Builder {
    private String baseUrl = DEFAULT_BASE_URL;
    private String apiKey;
    private String model;
    private ChatOptions options = ChatOptions.NONE;
    private MaxTokensField maxTokensField = MaxTokensField.AUTO;
    private Boolean echoReasoning;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private int contextWindow = ModelInfo.DEFAULT_CONTEXT_WINDOW;
    private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
    private CircuitBreakerPolicy circuitBreaker = CircuitBreakerPolicy.ofDefaults();
    private int rateLimitPermits;
    private Duration rateLimitPeriod = Duration.ofSeconds(1);
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private OkHttpClient httpClient;
    private PriceTable prices = PriceTable.empty();
    private boolean streaming = DEFAULT_STREAMING;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Logger log = DEFAULT_LOG;

    private Builder() {}

    /**
     * Applies whichever of {@value #ENV_API_KEY}, {@value #ENV_BASE_URL} and {@value #ENV_MODEL}
     * are set (not blank) in {@code env}; the rest stays as it is. Unlike {@link
     * OpenAiChatModel#fromEnv(Map)}, a missing model is not an error here: set it in code.
     *
     * @throws ConfigurationException if {@value #ENV_BASE_URL} is not a URL
     */
    public Builder fromEnv(Map<String, String> env) {
      Objects.requireNonNull(env, "env");
      String base = value(env, ENV_BASE_URL);
      if (base != null) {
        if (HttpUrl.parse(base) == null) {
          throw new ConfigurationException(
              PROVIDER
                  + ": "
                  + ENV_BASE_URL
                  + " must be an http or https URL, but was '"
                  + Redactor.patternsOnly().redact(base)
                  + "'");
        }
        baseUrl(base);
      }
      String key = value(env, ENV_API_KEY);
      if (key != null) {
        apiKey(key);
      }
      String name = value(env, ENV_MODEL);
      if (name != null) {
        model(name);
      }
      return this;
    }

    /**
     * The server's base URL; default {@value #DEFAULT_BASE_URL}. {@code /chat/completions} is
     * appended (and {@code /v1} before it when the URL has no path); a URL already ending in {@code
     * /chat/completions} is used as it is.
     */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl is required, but was null");
      endpointFor(baseUrl);
      this.baseUrl = baseUrl.strip();
      return this;
    }

    /**
     * The API key sent as {@code Authorization: Bearer …}; {@code null} or blank for none (local
     * servers). Default none.
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
      return this;
    }

    /**
     * The model name sent to the server (required), e.g. {@code gpt-4o-mini} or {@code qwen3:8b}.
     */
    public Builder model(String model) {
      Objects.requireNonNull(model, "model is required, but was null");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank, but was '" + model + "'");
      }
      this.model = model.strip();
      return this;
    }

    /**
     * Default sampling options, overridden field by field by each request's own; default {@link
     * ChatOptions#NONE} (the server's defaults).
     *
     * @throws IllegalArgumentException if an extra parameter names {@code model}, {@code messages}
     *     or {@code stream}, which the client sets itself
     */
    public Builder defaultOptions(ChatOptions options) {
      Objects.requireNonNull(options, "options is required, but was null");
      options.extra().keySet().forEach(Builder::checkExtraName);
      this.options = options;
      return this;
    }

    /** Default sampling temperature in [0, 2]; default: the server's. */
    public Builder temperature(double temperature) {
      options = options.toBuilder().temperature(temperature).build();
      return this;
    }

    /** Default nucleus sampling mass in (0, 1]; default: the server's. */
    public Builder topP(double topP) {
      options = options.toBuilder().topP(topP).build();
      return this;
    }

    /**
     * Default most completion tokens, &gt; 0; default: the server's. Sent as {@code max_tokens} or
     * {@code max_completion_tokens}, see {@link #maxTokensField(MaxTokensField)}.
     */
    public Builder maxTokens(int maxTokens) {
      options = options.toBuilder().maxTokens(maxTokens).build();
      return this;
    }

    /** Default sampling seed; default none. */
    public Builder seed(long seed) {
      options = options.toBuilder().seed(seed).build();
      return this;
    }

    /** Default stop sequences; default none. */
    public Builder stop(List<String> stop) {
      options = options.toBuilder().stop(stop).build();
      return this;
    }

    /**
     * A provider parameter sent with every request as it is, e.g. {@code top_k}, {@code
     * reasoning_effort}, vLLM's {@code return_token_ids} or {@code logprobs}. It is written last,
     * so it wins over a field of the same name.
     *
     * @throws IllegalArgumentException for {@code model}, {@code messages} and {@code stream}
     */
    public Builder extraParameter(String name, Object value) {
      checkExtraName(name);
      options = options.toBuilder().extra(name, value).build();
      return this;
    }

    /**
     * Which field carries {@code maxTokens}; default {@link MaxTokensField#AUTO}: {@code
     * max_completion_tokens} for {@code api.openai.com}, {@code max_tokens} for every other host.
     */
    public Builder maxTokensField(MaxTokensField field) {
      this.maxTokensField =
          Objects.requireNonNull(field, "maxTokensField is required, but was null");
      return this;
    }

    /**
     * Whether assistant reasoning is sent back as {@code reasoning_content} (always on tool-call
     * turns, even empty; on other turns when there is some). DeepSeek and Kimi thinking models
     * require it on tool-call turns; OpenAI rejects the field. Default when not set: on for {@code
     * api.deepseek.com}, {@code api.moonshot.ai} and {@code api.moonshot.cn}, off elsewhere.
     */
    public Builder echoReasoning(boolean echoReasoning) {
      this.echoReasoning = echoReasoning;
      return this;
    }

    /** Time to open a connection; zero for none; default {@link #DEFAULT_CONNECT_TIMEOUT}. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = notNegative(timeout, "connectTimeout");
      return this;
    }

    /**
     * Longest silence while reading (between stream events, or before a non-streamed answer); zero
     * for none; default {@link #DEFAULT_READ_TIMEOUT}.
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = notNegative(timeout, "readTimeout");
      return this;
    }

    /**
     * Longest time for one HTTP attempt, streamed ones included, from connecting to the last byte
     * (each retry gets its own); zero for none; default {@link #DEFAULT_CALL_TIMEOUT}.
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = notNegative(timeout, "callTimeout");
      return this;
    }

    /**
     * The model's context window in tokens, reported by {@link OpenAiChatModel#info()} for context
     * management; default {@value ModelInfo#DEFAULT_CONTEXT_WINDOW}.
     */
    public Builder contextWindow(int tokens) {
      if (tokens <= 0) {
        throw new IllegalArgumentException("contextWindow must be > 0, but was " + tokens);
      }
      this.contextWindow = tokens;
      return this;
    }

    /** How failed calls are retried; default {@link RetryPolicy#ofDefaults()}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy =
          Objects.requireNonNull(retryPolicy, "retryPolicy is required, but was null");
      return this;
    }

    /**
     * When to stop calling a failing endpoint; default {@link CircuitBreakerPolicy#ofDefaults()}.
     * Each built model has its own breaker.
     */
    public Builder circuitBreaker(CircuitBreakerPolicy policy) {
      this.circuitBreaker =
          Objects.requireNonNull(policy, "circuitBreaker is required, but was null");
      return this;
    }

    /**
     * At most {@code permits} calls per {@code period} from this model (callers wait for a permit);
     * {@code 0} for no limit, the default.
     */
    public Builder rateLimit(int permits, Duration period) {
      if (permits < 0) {
        throw new IllegalArgumentException(
            "permits must be >= 0 (0 for no limit), but was " + permits);
      }
      Objects.requireNonNull(period, "period is required, but was null");
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("period must be positive, but was " + period);
      }
      this.rateLimitPermits = permits;
      this.rateLimitPeriod = period;
      return this;
    }

    /** How to wait between retries; default {@link Sleeper#SYSTEM}. Tests inject a fake. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper is required, but was null");
      return this;
    }

    /** Clock for latency, {@code Retry-After} dates and the circuit breaker; default UTC system. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock is required, but was null");
      return this;
    }

    /**
     * The OkHttp client to send with, to share its connection pool, dispatcher, proxy and
     * interceptors; default: a new client per built model. The timeouts of this builder replace the
     * client's (on a derived client; yours is not changed).
     */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "httpClient is required, but was null");
      return this;
    }

    /** Prices for {@link Usage#costUsd()}; default {@link PriceTable#empty()} (every call free). */
    public Builder prices(PriceTable prices) {
      this.prices = Objects.requireNonNull(prices, "prices is required, but was null");
      return this;
    }

    /**
     * Whether {@link OpenAiChatModel#chat(ChatRequest, ChatObserver)} streams when given an
     * observer; default {@value #DEFAULT_STREAMING}. Turn off for servers whose streaming is
     * broken.
     */
    public Builder streaming(boolean streaming) {
      this.streaming = streaming;
      return this;
    }

    /**
     * A header sent with every request, e.g. {@code OpenAI-Organization} or OpenRouter's {@code
     * HTTP-Referer}. An {@code Authorization} header here is replaced by the API key's when one is
     * set. Values of credential-like headers are kept out of messages like the key.
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "header name is required, but was null");
      Objects.requireNonNull(value, "header value is required, but was null");
      try {
        new Headers.Builder().add(name, value);
      } catch (IllegalArgumentException e) {
        // OkHttp's message may quote the value, which may be a secret.
        throw new IllegalArgumentException(
            "header '" + name + "' has a name or value that HTTP does not allow", null);
      }
      headers.put(name, value);
      return this;
    }

    /** For tests that capture log lines. */
    Builder logger(Logger log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    /**
     * Builds the model.
     *
     * @throws ConfigurationException if no model was set
     */
    public OpenAiChatModel build() {
      if (model == null) {
        throw new ConfigurationException(
            "model is required, but was not set; call model(...) on the builder, or set "
                + ENV_MODEL
                + " and use OpenAiChatModel.fromEnv()");
      }
      return new OpenAiChatModel(this);
    }

    private static void checkExtraName(String name) {
      Objects.requireNonNull(name, "name is required, but was null");
      if (ChatCompletionRequestWriter.RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "extra parameter '" + name + "' is set by the client itself and cannot be overridden");
      }
    }

    private static Duration notNegative(Duration value, String name) {
      Objects.requireNonNull(value, () -> name + " is required, but was null");
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, but was " + value);
      }
      return value;
    }
  }
}
