package dev.researcher4j.core.model;

import static dev.researcher4j.core.model.OpenAiChatModel.*;
import static dev.researcher4j.core.model.OpenAiEndpoints.*;

import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Sleeper;
import dev.researcher4j.core.http.CircuitBreakerPolicy;
import dev.researcher4j.core.http.Redactor;
import dev.researcher4j.core.http.RetryPolicy;
import dev.researcher4j.core.internal.openai.ChatCompletionRequestWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link OpenAiChatModel.Builder}: its settings, checked as they are set. Not thread-safe. */
final class OpenAiChatModelBuilder implements OpenAiChatModel.Builder {

  String baseUrl = DEFAULT_BASE_URL;
  String apiKey;
  String model;
  ChatOptions options = ChatOptions.NONE;
  MaxTokensField maxTokensField = MaxTokensField.AUTO;
  Boolean echoReasoning;
  Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
  Duration readTimeout = DEFAULT_READ_TIMEOUT;
  Duration callTimeout = DEFAULT_CALL_TIMEOUT;
  int contextWindow = ModelInfo.DEFAULT_CONTEXT_WINDOW;
  RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
  CircuitBreakerPolicy circuitBreaker = CircuitBreakerPolicy.ofDefaults();
  int rateLimitPermits;
  Duration rateLimitPeriod = Duration.ofSeconds(1);
  Sleeper sleeper = Sleeper.SYSTEM;
  Clock clock = Clock.systemUTC();
  OkHttpClient httpClient;
  PriceTable prices = PriceTable.empty();
  boolean streaming = DEFAULT_STREAMING;
  final Map<String, String> headers = new LinkedHashMap<>();
  Logger log = LoggerFactory.getLogger(OpenAiChatModel.class);

  OpenAiChatModelBuilder() {}

  @Override
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

  @Override
  public Builder baseUrl(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl is required, but was null");
    endpointFor(baseUrl);
    this.baseUrl = baseUrl.strip();
    return this;
  }

  @Override
  public Builder apiKey(String apiKey) {
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    return this;
  }

  @Override
  public Builder model(String model) {
    Objects.requireNonNull(model, "model is required, but was null");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank, but was '" + model + "'");
    }
    this.model = model.strip();
    return this;
  }

  @Override
  public Builder defaultOptions(ChatOptions options) {
    Objects.requireNonNull(options, "options is required, but was null");
    options.extra().keySet().forEach(OpenAiChatModelBuilder::checkExtraName);
    this.options = options;
    return this;
  }

  @Override
  public Builder temperature(double temperature) {
    options = options.toBuilder().temperature(temperature).build();
    return this;
  }

  @Override
  public Builder topP(double topP) {
    options = options.toBuilder().topP(topP).build();
    return this;
  }

  @Override
  public Builder maxTokens(int maxTokens) {
    options = options.toBuilder().maxTokens(maxTokens).build();
    return this;
  }

  @Override
  public Builder seed(long seed) {
    options = options.toBuilder().seed(seed).build();
    return this;
  }

  @Override
  public Builder stop(List<String> stop) {
    options = options.toBuilder().stop(stop).build();
    return this;
  }

  @Override
  public Builder extraParameter(String name, Object value) {
    checkExtraName(name);
    options = options.toBuilder().extra(name, value).build();
    return this;
  }

  @Override
  public Builder maxTokensField(MaxTokensField field) {
    this.maxTokensField = Objects.requireNonNull(field, "maxTokensField is required, but was null");
    return this;
  }

  @Override
  public Builder echoReasoning(boolean echoReasoning) {
    this.echoReasoning = echoReasoning;
    return this;
  }

  @Override
  public Builder connectTimeout(Duration timeout) {
    this.connectTimeout = notNegative(timeout, "connectTimeout");
    return this;
  }

  @Override
  public Builder readTimeout(Duration timeout) {
    this.readTimeout = notNegative(timeout, "readTimeout");
    return this;
  }

  @Override
  public Builder callTimeout(Duration timeout) {
    this.callTimeout = notNegative(timeout, "callTimeout");
    return this;
  }

  @Override
  public Builder contextWindow(int tokens) {
    if (tokens <= 0) {
      throw new IllegalArgumentException("contextWindow must be > 0, but was " + tokens);
    }
    this.contextWindow = tokens;
    return this;
  }

  @Override
  public Builder retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy is required, but was null");
    return this;
  }

  @Override
  public Builder circuitBreaker(CircuitBreakerPolicy policy) {
    this.circuitBreaker =
        Objects.requireNonNull(policy, "circuitBreaker is required, but was null");
    return this;
  }

  @Override
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

  @Override
  public Builder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper is required, but was null");
    return this;
  }

  @Override
  public Builder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock is required, but was null");
    return this;
  }

  @Override
  public Builder httpClient(OkHttpClient client) {
    this.httpClient = Objects.requireNonNull(client, "httpClient is required, but was null");
    return this;
  }

  @Override
  public Builder prices(PriceTable prices) {
    this.prices = Objects.requireNonNull(prices, "prices is required, but was null");
    return this;
  }

  @Override
  public Builder streaming(boolean streaming) {
    this.streaming = streaming;
    return this;
  }

  @Override
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

  @Override
  public OpenAiChatModel build() {
    if (model == null) {
      throw new ConfigurationException(
          "model is required, but was not set; call model(...) on the builder, or set "
              + ENV_MODEL
              + " and use OpenAiChatModel.fromEnv()");
    }
    return new OpenAiChatModel(copy());
  }

  /** For tests that capture log lines. */
  OpenAiChatModelBuilder logger(Logger log) {
    this.log = Objects.requireNonNull(log, "log");
    return this;
  }

  /** An independent copy of these settings (the HTTP client is shared). */
  OpenAiChatModelBuilder copy() {
    OpenAiChatModelBuilder b = new OpenAiChatModelBuilder();
    b.baseUrl = baseUrl;
    b.apiKey = apiKey;
    b.model = model;
    b.options = options;
    b.maxTokensField = maxTokensField;
    b.echoReasoning = echoReasoning;
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
    b.httpClient = httpClient;
    b.prices = prices;
    b.streaming = streaming;
    b.headers.putAll(headers);
    b.log = log;
    return b;
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
