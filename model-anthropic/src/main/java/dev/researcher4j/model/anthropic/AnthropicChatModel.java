package dev.researcher4j.model.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.researcher4j.api.Sleeper;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.http.CircuitBreakerPolicy;
import dev.researcher4j.core.http.RetryPolicy;
import dev.researcher4j.core.model.PriceTable;
import dev.researcher4j.model.anthropic.internal.AnthropicErrors;
import dev.researcher4j.model.anthropic.internal.MessagesClient;
import dev.researcher4j.model.anthropic.internal.MessagesRequestWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatModel} for Anthropic's Messages API ({@code POST /v1/messages}), with tool use,
 * extended thinking, prompt caching and streaming.
 *
 * <pre>{@code
 * ChatModel claude = AnthropicChatModel.builder()
 *     .apiKey(System.getenv("ANTHROPIC_API_KEY"))
 *     .model("claude-sonnet-4-5")
 *     .thinkingBudget(4096)          // extended thinking; off by default
 *     .build();
 * ChatModel configured = AnthropicChatModel.fromEnv(); // ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, RESEARCHER_MODEL
 * }</pre>
 *
 * <p><b>Messages.</b> Leading system messages become the {@code system} prompt; tool messages
 * become {@code tool_result} blocks (with {@code is_error} for failed calls), several per user
 * turn; tool calls become {@code tool_use} blocks, several per assistant turn. JSON response
 * formats become an instruction in the system prompt, since the API has no such parameter. {@code
 * seed} is not sent: the API has none.
 *
 * <p><b>Extended thinking.</b> With a {@linkplain Builder#thinkingBudget(int) thinking budget} the
 * model thinks before it answers; the thinking text is in {@link Message#reasoning()} and the
 * blocks themselves, signatures and redacted thinking included, in {@link Message#providerData()},
 * from where they are sent back unchanged on the next turn, as the API requires during tool use.
 * When a call's {@code max_tokens} leaves less than the API's minimum budget of 1024 tokens, that
 * call is made without thinking.
 *
 * <p><b>Prompt caching.</b> On by default: the system prompt, the tools and the conversation so far
 * are marked as cache breakpoints, so each call of a run reads the earlier prefix from the cache.
 * {@link Usage#cachedInputTokens()} counts cache reads, {@link Usage#cacheWriteInputTokens()} cache
 * writes, and {@link Usage#inputTokens()} the whole prompt.
 *
 * <p><b>Stop reasons.</b> {@code end_turn} and {@code stop_sequence} are {@link FinishReason#STOP},
 * {@code tool_use} {@link FinishReason#TOOL_CALLS}, {@code max_tokens} and {@code
 * model_context_window_exceeded} {@link FinishReason#LENGTH}, {@code refusal} {@link
 * FinishReason#CONTENT_FILTER}. {@code pause_turn} (a long turn the API paused) is not returned:
 * the paused content is sent back and the turn continued, up to {@value #MAX_CONTINUATIONS} times,
 * and the pieces are joined into one message with their usage summed; a turn still paused after
 * that ends with {@link FinishReason#OTHER} and the raw reason {@code pause_turn}.
 *
 * <p><b>Streaming.</b> {@link #chat(ChatRequest)} never streams. {@link #chat(ChatRequest,
 * ChatObserver)} streams when given an observer other than {@link ChatObserver#NONE} and streaming
 * is on (the default): text, thinking and tool input deltas reach the observer as they arrive. A
 * stream cut off before its end is a {@link dev.researcher4j.api.MalformedResponseException} and
 * retried, never a short answer.
 *
 * <p><b>Errors.</b> 400 is an {@link dev.researcher4j.api.InvalidRequestException} with the API's
 * message (a prompt too long for the context window is a {@link
 * dev.researcher4j.api.ContextLengthExceededException}; an exhausted credit balance a {@link
 * dev.researcher4j.api.QuotaExceededException}); 401/403 an {@link
 * dev.researcher4j.api.AuthenticationException} naming {@value #ENV_API_KEY}; 404 a {@link
 * dev.researcher4j.api.NotFoundException} naming the model; 429 a {@link
 * dev.researcher4j.api.RateLimitException} retried after {@code retry-after}; 500 and 529
 * (overloaded) a {@link dev.researcher4j.api.ServerErrorException}, retried. The same holds for an
 * {@code error} event inside a stream. Every retry is reported to the observer and listed in {@link
 * ChatResponse#retries()}. The API key never appears in exceptions, logs, {@link #toString()} or
 * {@link #info()}.
 *
 * <p><b>Threads and resources.</b> Immutable and thread-safe: share one instance. Models derived
 * with {@link #toBuilder()} share the HTTP client and its connection pool. Nothing needs closing.
 */
public final class AnthropicChatModel implements ChatModel {

  /** The provider name in {@link #info()} and in every exception. */
  public static final String PROVIDER = "anthropic";

  /** Default base URL: Anthropic's API. */
  public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";

  /** The {@code anthropic-version} header sent by default. */
  public static final String DEFAULT_API_VERSION = "2023-06-01";

  /** Default {@code max_tokens} of a call whose options set none (the API requires one). */
  public static final int DEFAULT_MAX_TOKENS = 8192;

  /** Default context window reported by {@link #info()}: that of current Claude models. */
  public static final int DEFAULT_CONTEXT_WINDOW = 200_000;

  /** How many times a paused turn ({@code pause_turn}) is continued before it is returned. */
  public static final int MAX_CONTINUATIONS = 4;

  /** The environment variable holding the API key. */
  public static final String ENV_API_KEY = "ANTHROPIC_API_KEY";

  /** The environment variable holding the base URL. */
  public static final String ENV_BASE_URL = "ANTHROPIC_BASE_URL";

  /** The environment variable holding the model name (shared with the other providers). */
  public static final String ENV_MODEL = "RESEARCHER_MODEL";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(AnthropicChatModel.class);

  private final AnthropicSettings settings;
  private final HttpUrl endpoint;
  private final String endpointDisplay;
  private final AnthropicErrors errors;
  private final MessagesClient client;
  private final ModelInfo info;

  private AnthropicChatModel(AnthropicSettings settings) {
    this.settings = settings;
    this.endpoint = AnthropicSettings.endpointFor(settings.baseUrl());
    this.endpointDisplay = AnthropicSettings.display(endpoint);
    this.errors =
        new AnthropicErrors(
            PROVIDER,
            settings.model(),
            endpointDisplay,
            settings.apiKey() != null,
            settings.clock());
    this.client =
        new MessagesClient(
            PROVIDER,
            settings.model(),
            endpoint,
            settings.requestHeaders(),
            settings.caller(PROVIDER, endpoint, errors),
            errors,
            new MessagesRequestWriter(
                JSON,
                settings.model(),
                DEFAULT_MAX_TOKENS,
                settings.thinkingBudget(),
                settings.promptCaching()),
            settings.clock(),
            settings.prices(),
            MAX_CONTINUATIONS,
            LOG);
    this.info = settings.modelInfo();
  }

  /** A builder with every default; {@link Builder#model(String)} must be set. */
  public static Builder builder() {
    return new Builder(new AnthropicSettings.Values());
  }

  /** A model configured from the process environment; see {@link #fromEnv(Map)}. */
  public static AnthropicChatModel fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * A model configured from {@code env}: {@value #ENV_MODEL} (required), {@value #ENV_API_KEY}
   * (required for Anthropic's own API, optional for a proxy at {@value #ENV_BASE_URL}) and {@value
   * #ENV_BASE_URL} (default {@value #DEFAULT_BASE_URL}). Blank values count as unset.
   *
   * @throws ConfigurationException naming every variable to set
   */
  public static AnthropicChatModel fromEnv(Map<String, String> env) {
    return new AnthropicChatModel(AnthropicSettings.fromEnv(env, true));
  }

  /**
   * The ids of the models the API serves ({@code GET /v1/models}, first page), with one attempt and
   * no retries: a cheap check that the endpoint is up and the key accepted, for health checks.
   *
   * @throws ResearchException when the call fails (the key never appears in the message)
   */
  public List<String> listModels() {
    return client.listModels(settings.probeCaller(PROVIDER, endpoint, errors));
  }

  /** A builder holding this model's configuration, sharing its HTTP client. */
  public Builder toBuilder() {
    return new Builder(settings.values());
  }

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
    return call(request, observer, settings.streaming() && observer != ChatObserver.NONE);
  }

  /**
   * Provider {@value #PROVIDER}, the model, the context window, and the base URL and parameters (by
   * their wire names). Never the API key.
   */
  @Override
  public ModelInfo info() {
    return info;
  }

  /** Model, endpoint and whether a key is set; never the key. */
  @Override
  public String toString() {
    return "AnthropicChatModel{model="
        + settings.model()
        + ", endpoint="
        + endpointDisplay
        + ", apiKey="
        + (settings.apiKey() == null ? "(none)" : "(set)")
        + ", thinkingBudget="
        + settings.thinkingBudget()
        + ", promptCaching="
        + settings.promptCaching()
        + '}';
  }

  private ChatResponse call(ChatRequest request, ChatObserver observer, boolean stream) {
    Objects.requireNonNull(request, "request");
    return client.call(request, settings.options().overriding(request.options()), observer, stream);
  }

  /** Our finish reason for the API's {@code stop_reason}. */
  static FinishReason finishReason(String stopReason) {
    return MessagesClient.finishReason(stopReason);
  }

  /**
   * Builds an {@link AnthropicChatModel}. Setters reject bad values at once with the value in the
   * message (never an API key's). Not thread-safe.
   */
  public static final class Builder {
    private final AnthropicSettings.Values v;

    private Builder(AnthropicSettings.Values values) {
      this.v = values;
    }

    /**
     * Applies whichever of {@value #ENV_API_KEY}, {@value #ENV_BASE_URL} and {@value #ENV_MODEL}
     * are set (not blank) in {@code env}; the rest stays as it is.
     *
     * @throws ConfigurationException if {@value #ENV_BASE_URL} is not a URL
     */
    public Builder fromEnv(Map<String, String> env) {
      AnthropicSettings.applyEnv(v, env);
      return this;
    }

    /**
     * The API's base URL; default {@value #DEFAULT_BASE_URL}. {@code /v1/messages} is appended
     * ({@code /messages} to a URL ending in {@code /v1}); a URL ending in {@code /v1/messages} is
     * used as it is.
     */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl is required, but was null");
      AnthropicSettings.endpointFor(baseUrl);
      v.baseUrl = baseUrl.strip();
      return this;
    }

    /** The API key sent as {@code x-api-key}; {@code null} or blank for none (a proxy). */
    public Builder apiKey(String apiKey) {
      v.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
      return this;
    }

    /** The model name (required), e.g. {@code claude-sonnet-4-5}. */
    public Builder model(String model) {
      Objects.requireNonNull(model, "model is required, but was null");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank, but was '" + model + "'");
      }
      v.model = model.strip();
      return this;
    }

    /**
     * Default options, overridden field by field by each request's own; default {@link
     * ChatOptions#NONE}. {@code maxTokens} unset means {@value #DEFAULT_MAX_TOKENS}.
     *
     * @throws IllegalArgumentException for a temperature above 1 (the API's range is [0, 1]) or an
     *     extra parameter named {@code model}, {@code messages} or {@code stream}
     */
    public Builder defaultOptions(ChatOptions options) {
      Objects.requireNonNull(options, "options is required, but was null");
      AnthropicSettings.checkOptions(options);
      v.options = options;
      return this;
    }

    /** Default sampling temperature in [0, 1]; default: the API's. */
    public Builder temperature(double temperature) {
      return defaultOptions(v.options.toBuilder().temperature(temperature).build());
    }

    /** Default {@code max_tokens}, &gt; 0; default {@value #DEFAULT_MAX_TOKENS}. */
    public Builder maxTokens(int maxTokens) {
      return defaultOptions(v.options.toBuilder().maxTokens(maxTokens).build());
    }

    /**
     * An API parameter sent with every request as it is, e.g. {@code top_k} or {@code metadata};
     * written last, so it wins over a field of the same name.
     */
    public Builder extraParameter(String name, Object value) {
      return defaultOptions(v.options.toBuilder().extra(name, value).build());
    }

    /**
     * Turns extended thinking on with this {@code budget_tokens} (at least 1024, and less than
     * {@code max_tokens}); 0, the default, turns it off.
     */
    public Builder thinkingBudget(int budgetTokens) {
      if (budgetTokens != 0 && budgetTokens < MessagesRequestWriter.MIN_THINKING_BUDGET) {
        throw new IllegalArgumentException(
            "thinkingBudget must be 0 (off) or at least "
                + MessagesRequestWriter.MIN_THINKING_BUDGET
                + ", but was "
                + budgetTokens);
      }
      v.thinkingBudget = budgetTokens;
      return this;
    }

    /** Whether to mark prompt-cache breakpoints; default on. */
    public Builder promptCaching(boolean promptCaching) {
      v.promptCaching = promptCaching;
      return this;
    }

    /** Whether to stream when given an observer; default on. */
    public Builder streaming(boolean streaming) {
      v.streaming = streaming;
      return this;
    }

    /** The {@code anthropic-version} header; default {@value #DEFAULT_API_VERSION}. */
    public Builder apiVersion(String version) {
      Objects.requireNonNull(version, "apiVersion is required, but was null");
      if (version.isBlank()) {
        throw new IllegalArgumentException("apiVersion must not be blank");
      }
      v.apiVersion = version.strip();
      return this;
    }

    /**
     * A header sent with every request, e.g. {@code anthropic-beta}. Values of credential-like
     * headers are kept out of messages like the key.
     */
    public Builder header(String name, String value) {
      AnthropicSettings.checkHeader(name, value);
      v.headers.put(name, value);
      return this;
    }

    /** The context window {@link #info()} reports; default {@value #DEFAULT_CONTEXT_WINDOW}. */
    public Builder contextWindow(int tokens) {
      if (tokens <= 0) {
        throw new IllegalArgumentException("contextWindow must be > 0, but was " + tokens);
      }
      v.contextWindow = tokens;
      return this;
    }

    /**
     * The OkHttp client to send with, to share its connection pool, dispatcher, proxy and
     * interceptors; default: a new client per built model. The timeouts below replace the client's
     * (on a derived client; yours is not changed).
     */
    public Builder httpClient(OkHttpClient client) {
      v.httpClient = Objects.requireNonNull(client, "httpClient is required, but was null");
      return this;
    }

    /** Time to open a connection; zero for none; default 10 seconds. */
    public Builder connectTimeout(Duration timeout) {
      v.connectTimeout = AnthropicSettings.notNegative(timeout, "connectTimeout");
      return this;
    }

    /**
     * Longest silence while reading (between stream events, or before a whole answer); zero for
     * none; default 5 minutes, since a thinking model may be silent long before it answers.
     */
    public Builder readTimeout(Duration timeout) {
      v.readTimeout = AnthropicSettings.notNegative(timeout, "readTimeout");
      return this;
    }

    /** Longest time for one HTTP attempt; zero for none; default 10 minutes. */
    public Builder callTimeout(Duration timeout) {
      v.callTimeout = AnthropicSettings.notNegative(timeout, "callTimeout");
      return this;
    }

    /** How failed calls are retried; default {@link RetryPolicy#ofDefaults()}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      v.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy is required, but was null");
      return this;
    }

    /**
     * When to stop calling a failing endpoint; default {@link CircuitBreakerPolicy#ofDefaults()}.
     * Each built model has its own breaker.
     */
    public Builder circuitBreaker(CircuitBreakerPolicy policy) {
      v.circuitBreaker = Objects.requireNonNull(policy, "circuitBreaker is required, but was null");
      return this;
    }

    /** How to wait between retries; default {@link Sleeper#SYSTEM}. Tests inject a fake. */
    public Builder sleeper(Sleeper sleeper) {
      v.sleeper = Objects.requireNonNull(sleeper, "sleeper is required, but was null");
      return this;
    }

    /** Clock for latency, {@code retry-after} dates and the circuit breaker; default UTC. */
    public Builder clock(Clock clock) {
      v.clock = Objects.requireNonNull(clock, "clock is required, but was null");
      return this;
    }

    /** Prices for {@link Usage#costUsd()}; default {@link PriceTable#empty()} (every call free). */
    public Builder prices(PriceTable prices) {
      v.prices = Objects.requireNonNull(prices, "prices is required, but was null");
      return this;
    }

    /**
     * Builds the model.
     *
     * @throws ConfigurationException if no model was set, or the thinking budget does not fit under
     *     the default {@code max_tokens}
     */
    public AnthropicChatModel build() {
      return new AnthropicChatModel(AnthropicSettings.of(v));
    }
  }
}
