package dev.researcher4j.core.model;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.Sleeper;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.http.CircuitBreakerPolicy;
import dev.researcher4j.core.http.RetryPolicy;
import dev.researcher4j.core.internal.openai.OpenAiErrors;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.OkHttpClient;

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

  private final OpenAiChatModelBuilder config;
  private final ChatCompletionsClient client;

  OpenAiChatModel(OpenAiChatModelBuilder config) {
    if (config.httpClient == null) {
      // Models derived with toBuilder() share this client, and with it the connection pool.
      config.httpClient = OpenAiEndpoints.defaultClient();
    }
    this.config = config;
    this.client = new ChatCompletionsClient(config);
  }

  /** A builder with every default; {@link Builder#model(String)} must be set. */
  public static Builder builder() {
    return new OpenAiChatModelBuilder();
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
    return OpenAiEnvironment.fromEnv(env);
  }

  /**
   * The models the server configured in {@code env} serves ({@code GET <base>/models}), in the
   * server's order — how a command line can pick a model when {@value #ENV_MODEL} is unset and a
   * local server (vLLM, llama.cpp, Ollama) serves one or a few.
   *
   * @throws ResearchException when the call fails (the key never appears in the message)
   */
  public static List<String> listModels(Map<String, String> env) {
    return OpenAiEnvironment.listModels(env);
  }

  /** A builder holding this model's configuration, sharing its HTTP client. */
  public Builder toBuilder() {
    return config.copy();
  }

  /** Sends {@code request} without streaming and waits for the answer. */
  @Override
  public ChatResponse chat(ChatRequest request) {
    return client.call(request, ChatObserver.NONE, false);
  }

  /**
   * Sends {@code request}, streaming when {@code observer} is not {@link ChatObserver#NONE} and
   * streaming is on, and reports deltas and retries to {@code observer}. An observer that throws is
   * ignored.
   */
  @Override
  public ChatResponse chat(ChatRequest request, ChatObserver observer) {
    Objects.requireNonNull(observer, "observer");
    boolean stream = config.streaming && observer != ChatObserver.NONE;
    return client.call(request, observer, stream);
  }

  /** The cost from the price table, when it has a price for this model. */
  @Override
  public java.util.OptionalDouble costOf(long inputTokens, long outputTokens) {
    return config
        .prices
        .priceFor(config.model)
        .map(price -> price.costUsd(Usage.of(inputTokens, outputTokens)))
        .map(java.util.OptionalDouble::of)
        .orElse(java.util.OptionalDouble.empty());
  }

  /** Masks the API key and the values of secret headers. */
  @Override
  public String scrubSecrets(String text) {
    return client.scrub(text);
  }

  /**
   * Provider {@value #PROVIDER}, the model, the context window, and the base URL and sampling
   * parameters (by their wire names, extra parameters included). Never the API key.
   */
  @Override
  public ModelInfo info() {
    return client.info();
  }

  /** Model, endpoint and whether a key is set; never the key. */
  @Override
  public String toString() {
    return client.describe();
  }

  /**
   * Builds an {@link OpenAiChatModel}. Setters reject bad values at once with the value in the
   * message (never an API key's). Not thread-safe.
   */
  public interface Builder {
    /**
     * Applies whichever of {@value #ENV_API_KEY}, {@value #ENV_BASE_URL} and {@value #ENV_MODEL}
     * are set (not blank) in {@code env}; the rest stays as it is. Unlike {@link
     * OpenAiChatModel#fromEnv(Map)}, a missing model is not an error here: set it in code.
     *
     * @throws ConfigurationException if {@value #ENV_BASE_URL} is not a URL
     */
    Builder fromEnv(Map<String, String> env);

    /**
     * The server's base URL; default {@value #DEFAULT_BASE_URL}. {@code /chat/completions} is
     * appended (and {@code /v1} before it when the URL has no path); a URL already ending in {@code
     * /chat/completions} is used as it is.
     */
    Builder baseUrl(String baseUrl);

    /**
     * The API key sent as {@code Authorization: Bearer …}; {@code null} or blank for none (local
     * servers). Default none.
     */
    Builder apiKey(String apiKey);

    /**
     * The model name sent to the server (required), e.g. {@code gpt-4o-mini} or {@code qwen3:8b}.
     */
    Builder model(String model);

    /**
     * Default sampling options, overridden field by field by each request's own; default {@link
     * ChatOptions#NONE} (the server's defaults).
     *
     * @throws IllegalArgumentException if an extra parameter names {@code model}, {@code messages}
     *     or {@code stream}, which the client sets itself
     */
    Builder defaultOptions(ChatOptions options);

    /** Default sampling temperature in [0, 2]; default: the server's. */
    Builder temperature(double temperature);

    /** Default nucleus sampling mass in (0, 1]; default: the server's. */
    Builder topP(double topP);

    /**
     * Default most completion tokens, &gt; 0; default: the server's. Sent as {@code max_tokens} or
     * {@code max_completion_tokens}, see {@link #maxTokensField(MaxTokensField)}.
     */
    Builder maxTokens(int maxTokens);

    /** Default sampling seed; default none. */
    Builder seed(long seed);

    /** Default stop sequences; default none. */
    Builder stop(List<String> stop);

    /**
     * A provider parameter sent with every request as it is, e.g. {@code top_k}, {@code
     * reasoning_effort}, vLLM's {@code return_token_ids} or {@code logprobs}. It is written last,
     * so it wins over a field of the same name.
     *
     * @throws IllegalArgumentException for {@code model}, {@code messages} and {@code stream}
     */
    Builder extraParameter(String name, Object value);

    /**
     * Which field carries {@code maxTokens}; default {@link MaxTokensField#AUTO}: {@code
     * max_completion_tokens} for {@code api.openai.com}, {@code max_tokens} for every other host.
     */
    Builder maxTokensField(MaxTokensField field);

    /**
     * Whether assistant reasoning is sent back as {@code reasoning_content} (always on tool-call
     * turns, even empty; on other turns when there is some). DeepSeek and Kimi thinking models
     * require it on tool-call turns; OpenAI rejects the field. Default when not set: on for {@code
     * api.deepseek.com}, {@code api.moonshot.ai} and {@code api.moonshot.cn}, off elsewhere.
     */
    Builder echoReasoning(boolean echoReasoning);

    /** Time to open a connection; zero for none; default {@link #DEFAULT_CONNECT_TIMEOUT}. */
    Builder connectTimeout(Duration timeout);

    /**
     * Longest silence while reading (between stream events, or before a non-streamed answer); zero
     * for none; default {@link #DEFAULT_READ_TIMEOUT}.
     */
    Builder readTimeout(Duration timeout);

    /**
     * Longest time for one HTTP attempt, streamed ones included, from connecting to the last byte
     * (each retry gets its own); zero for none; default {@link #DEFAULT_CALL_TIMEOUT}.
     */
    Builder callTimeout(Duration timeout);

    /**
     * The model's context window in tokens, reported by {@link OpenAiChatModel#info()} for context
     * management; default {@value ModelInfo#DEFAULT_CONTEXT_WINDOW}.
     */
    Builder contextWindow(int tokens);

    /** How failed calls are retried; default {@link RetryPolicy#ofDefaults()}. */
    Builder retryPolicy(RetryPolicy retryPolicy);

    /**
     * When to stop calling a failing endpoint; default {@link CircuitBreakerPolicy#ofDefaults()}.
     * Each built model has its own breaker.
     */
    Builder circuitBreaker(CircuitBreakerPolicy policy);

    /**
     * At most {@code permits} calls per {@code period} from this model (callers wait for a permit);
     * {@code 0} for no limit, the default.
     */
    Builder rateLimit(int permits, Duration period);

    /** How to wait between retries; default {@link Sleeper#SYSTEM}. Tests inject a fake. */
    Builder sleeper(Sleeper sleeper);

    /** Clock for latency, {@code Retry-After} dates and the circuit breaker; default UTC system. */
    Builder clock(Clock clock);

    /**
     * The OkHttp client to send with, to share its connection pool, dispatcher, proxy and
     * interceptors; default: a new client per built model. The timeouts of this builder replace the
     * client's (on a derived client; yours is not changed).
     */
    Builder httpClient(OkHttpClient client);

    /** Prices for {@link Usage#costUsd()}; default {@link PriceTable#empty()} (every call free). */
    Builder prices(PriceTable prices);

    /**
     * Whether {@link OpenAiChatModel#chat(ChatRequest, ChatObserver)} streams when given an
     * observer; default {@value #DEFAULT_STREAMING}. Turn off for servers whose streaming is
     * broken.
     */
    Builder streaming(boolean streaming);

    /**
     * A header sent with every request, e.g. {@code OpenAI-Organization} or OpenRouter's {@code
     * HTTP-Referer}. An {@code Authorization} header here is replaced by the API key's when one is
     * set. Values of credential-like headers are kept out of messages like the key.
     */
    Builder header(String name, String value);

    /**
     * Builds the model.
     *
     * @throws ConfigurationException if no model was set
     */
    OpenAiChatModel build();
  }
}
