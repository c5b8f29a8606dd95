package dev.researcher4j.model.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Sleeper;
import dev.researcher4j.core.http.CircuitBreakerPolicy;
import dev.researcher4j.core.http.HttpCaller;
import dev.researcher4j.core.http.Redactor;
import dev.researcher4j.core.http.RetryPolicy;
import dev.researcher4j.core.model.PriceTable;
import dev.researcher4j.model.anthropic.internal.AnthropicErrors;
import dev.researcher4j.model.anthropic.internal.MessagesClient;
import dev.researcher4j.model.anthropic.internal.MessagesRequestWriter;
import java.time.Clock;
import java.time.Duration;
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
import okhttp3.OkHttpClient;

/**
 * The checked, immutable configuration of an {@link AnthropicChatModel}, and the rules that check
 * it: endpoint URLs, environment variables, options. Package-private; the builder is the API.
 */
final class AnthropicSettings {

  /** Idle connections the default client keeps (one per concurrent run). */
  static final int DEFAULT_MAX_IDLE_CONNECTIONS = 256;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String HOW_TO_CONFIGURE =
      "Set "
          + AnthropicChatModel.ENV_API_KEY
          + " to an Anthropic API key and "
          + AnthropicChatModel.ENV_MODEL
          + " to the model, e.g. "
          + AnthropicChatModel.ENV_MODEL
          + "=claude-sonnet-4-5; set "
          + AnthropicChatModel.ENV_BASE_URL
          + " only for a proxy or gateway.";

  /** The builder's mutable state. Not thread-safe. */
  static final class Values {
    String baseUrl = AnthropicChatModel.DEFAULT_BASE_URL;
    String apiKey;
    String model;
    ChatOptions options = ChatOptions.NONE;
    int thinkingBudget;
    boolean promptCaching = true;
    boolean streaming = true;
    String apiVersion = AnthropicChatModel.DEFAULT_API_VERSION;
    final Map<String, String> headers = new LinkedHashMap<>();
    int contextWindow = AnthropicChatModel.DEFAULT_CONTEXT_WINDOW;
    OkHttpClient httpClient;
    Duration connectTimeout = Duration.ofSeconds(10);
    Duration readTimeout = Duration.ofMinutes(5);
    Duration callTimeout = Duration.ofMinutes(10);
    RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
    CircuitBreakerPolicy circuitBreaker = CircuitBreakerPolicy.ofDefaults();
    Sleeper sleeper = Sleeper.SYSTEM;
    Clock clock = Clock.systemUTC();
    PriceTable prices = PriceTable.empty();

    Values copy() {
      Values c = new Values();
      c.baseUrl = baseUrl;
      c.apiKey = apiKey;
      c.model = model;
      c.options = options;
      c.thinkingBudget = thinkingBudget;
      c.promptCaching = promptCaching;
      c.streaming = streaming;
      c.apiVersion = apiVersion;
      c.headers.putAll(headers);
      c.contextWindow = contextWindow;
      c.httpClient = httpClient;
      c.connectTimeout = connectTimeout;
      c.readTimeout = readTimeout;
      c.callTimeout = callTimeout;
      c.retryPolicy = retryPolicy;
      c.circuitBreaker = circuitBreaker;
      c.sleeper = sleeper;
      c.clock = clock;
      c.prices = prices;
      return c;
    }
  }

  private final Values v;

  private AnthropicSettings(Values values) {
    this.v = values;
  }

  /**
   * Checks {@code values} and freezes a copy of them.
   *
   * @throws ConfigurationException if no model is set or the thinking budget does not fit
   */
  static AnthropicSettings of(Values values) {
    Values frozen = values.copy();
    if (frozen.model == null) {
      throw new ConfigurationException(
          "model is required, but was not set; call model(...) on the builder, or set "
              + AnthropicChatModel.ENV_MODEL
              + " and use AnthropicChatModel.fromEnv()");
    }
    int maxTokens =
        frozen.options.maxTokens() != null
            ? frozen.options.maxTokens()
            : AnthropicChatModel.DEFAULT_MAX_TOKENS;
    if (frozen.thinkingBudget >= maxTokens) {
      throw new ConfigurationException(
          "thinkingBudget must be less than max_tokens ("
              + maxTokens
              + "), but was "
              + frozen.thinkingBudget
              + "; raise maxTokens(...) or lower the budget");
    }
    if (frozen.httpClient == null) {
      frozen.httpClient =
          new OkHttpClient.Builder()
              .connectionPool(new ConnectionPool(DEFAULT_MAX_IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
              .build();
    }
    return new AnthropicSettings(frozen);
  }

  /** Checked settings from {@code env}; see {@link AnthropicChatModel#fromEnv(Map)}. */
  static AnthropicSettings fromEnv(Map<String, String> env, boolean requireModel) {
    Objects.requireNonNull(env, "env");
    List<String> problems = new ArrayList<>();
    String base = value(env, AnthropicChatModel.ENV_BASE_URL);
    if (base != null && HttpUrl.parse(base) == null) {
      problems.add(
          AnthropicChatModel.ENV_BASE_URL
              + " must be an http or https URL, but was '"
              + Redactor.patternsOnly().redact(base)
              + "'");
    }
    if (requireModel && value(env, AnthropicChatModel.ENV_MODEL) == null) {
      problems.add(AnthropicChatModel.ENV_MODEL + " is not set");
    }
    if (value(env, AnthropicChatModel.ENV_API_KEY) == null && base == null) {
      problems.add(AnthropicChatModel.ENV_API_KEY + " is not set, and Anthropic's API needs a key");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(
          AnthropicChatModel.PROVIDER
              + ": "
              + String.join("; ", problems)
              + ". "
              + HOW_TO_CONFIGURE);
    }
    Values values = new Values();
    applyEnv(values, env);
    return of(values);
  }

  /** Applies the variables set in {@code env} to {@code values}. */
  static void applyEnv(Values values, Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String base = value(env, AnthropicChatModel.ENV_BASE_URL);
    if (base != null) {
      if (HttpUrl.parse(base) == null) {
        throw new ConfigurationException(
            AnthropicChatModel.PROVIDER
                + ": "
                + AnthropicChatModel.ENV_BASE_URL
                + " must be an http or https URL, but was '"
                + Redactor.patternsOnly().redact(base)
                + "'");
      }
      values.baseUrl = base;
    }
    String key = value(env, AnthropicChatModel.ENV_API_KEY);
    if (key != null) {
      values.apiKey = key;
    }
    String model = value(env, AnthropicChatModel.ENV_MODEL);
    if (model != null) {
      values.model = model;
    }
  }

  /** A mutable copy, for {@link AnthropicChatModel#toBuilder()}. */
  Values values() {
    return v.copy();
  }

  String baseUrl() {
    return v.baseUrl;
  }

  String apiKey() {
    return v.apiKey;
  }

  String model() {
    return v.model;
  }

  ChatOptions options() {
    return v.options;
  }

  int thinkingBudget() {
    return v.thinkingBudget;
  }

  boolean promptCaching() {
    return v.promptCaching;
  }

  boolean streaming() {
    return v.streaming;
  }

  String apiVersion() {
    return v.apiVersion;
  }

  Map<String, String> headers() {
    return Map.copyOf(v.headers);
  }

  int contextWindow() {
    return v.contextWindow;
  }

  Clock clock() {
    return v.clock;
  }

  PriceTable prices() {
    return v.prices;
  }

  /** The HTTP caller for these settings: retries, breaker, redaction of every secret. */
  HttpCaller caller(String provider, HttpUrl endpoint, AnthropicErrors errors) {
    return callerBuilder(provider, endpoint, errors).build();
  }

  /** A caller with one attempt and no circuit breaker, for quick checks of the endpoint. */
  HttpCaller probeCaller(String provider, HttpUrl endpoint, AnthropicErrors errors) {
    return callerBuilder(provider, endpoint, errors)
        .retryPolicy(RetryPolicy.none())
        .circuitBreaker(CircuitBreakerPolicy.disabled())
        .build();
  }

  private HttpCaller.Builder callerBuilder(
      String provider, HttpUrl endpoint, AnthropicErrors errors) {
    HttpCaller.Builder builder =
        HttpCaller.builder(provider)
            .client(
                v.httpClient
                    .newBuilder()
                    .connectTimeout(v.connectTimeout)
                    .readTimeout(v.readTimeout)
                    .callTimeout(v.callTimeout)
                    .build())
            .retryPolicy(v.retryPolicy)
            .circuitBreaker(v.circuitBreaker)
            .sleeper(v.sleeper)
            .clock(v.clock)
            .secret(v.apiKey)
            .secret(endpoint.password())
            .authHint(errors.authHint())
            .errorMapper(errors::map);
    v.headers.forEach(
        (name, value) -> {
          if (isCredentialHeader(name)) {
            builder.secret(value);
          }
        });
    return builder;
  }

  /** The Messages URL for {@code baseUrl}; see {@link AnthropicChatModel.Builder#baseUrl}. */
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
    boolean complete =
        n >= 2 && segments.get(n - 2).equals("v1") && segments.get(n - 1).equals("messages");
    if (!complete) {
      if (n == 0 || !segments.get(n - 1).equals("v1")) {
        segments.add("v1");
      }
      segments.add("messages");
    }
    HttpUrl.Builder builder = url.newBuilder().encodedPath("/");
    segments.forEach(builder::addPathSegment);
    return builder.build();
  }

  /** {@code url} without query, user or password, for messages. */
  static String display(HttpUrl url) {
    return MessagesClient.display(url);
  }

  /**
   * The headers of every request: the configured ones, then {@code anthropic-version} and {@code
   * x-api-key}, each replacing a configured header of the same name.
   */
  Headers requestHeaders() {
    Headers.Builder builder = new Headers.Builder();
    v.headers.forEach(builder::set);
    builder.set("anthropic-version", v.apiVersion);
    if (v.apiKey != null) {
      builder.set("x-api-key", v.apiKey);
    }
    return builder.build();
  }

  /**
   * What {@link AnthropicChatModel#info()} reports: the base URL and parameters by their wire
   * names, never the API key. Computed once, since the loop asks before every call.
   */
  ModelInfo modelInfo() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("base_url", display(HttpUrl.get(v.baseUrl)));
    ChatOptions defaults = v.options;
    parameters.put(
        "max_tokens",
        defaults.maxTokens() != null
            ? defaults.maxTokens()
            : AnthropicChatModel.DEFAULT_MAX_TOKENS);
    if (defaults.temperature() != null) {
      parameters.put("temperature", defaults.temperature());
    }
    if (defaults.topP() != null) {
      parameters.put("top_p", defaults.topP());
    }
    if (!defaults.stop().isEmpty()) {
      parameters.put("stop_sequences", defaults.stop());
    }
    if (v.thinkingBudget > 0) {
      parameters.put("thinking_budget_tokens", v.thinkingBudget);
    }
    parameters.put("prompt_caching", v.promptCaching);
    defaults.extra().forEach((name, value) -> parameters.put(name, infoValue(value)));
    return new ModelInfo(AnthropicChatModel.PROVIDER, v.model, v.contextWindow, parameters);
  }

  private static Object infoValue(Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    return value == null ? "null" : JSON.valueToTree(value).toString();
  }

  /** Rejects options the API cannot take. */
  static void checkOptions(ChatOptions options) {
    if (options.temperature() != null && options.temperature() > 1) {
      throw new IllegalArgumentException(
          "temperature must be in [0, 1] for Anthropic's API, but was " + options.temperature());
    }
    for (String name : options.extra().keySet()) {
      if (MessagesRequestWriter.RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "extra parameter '" + name + "' is set by the client itself and cannot be overridden");
      }
    }
  }

  /** Rejects a header HTTP does not allow, without quoting its value (it may be a secret). */
  static void checkHeader(String name, String value) {
    Objects.requireNonNull(name, "header name is required, but was null");
    Objects.requireNonNull(value, "header value is required, but was null");
    try {
      new Headers.Builder().add(name, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "header '" + name + "' has a name or value that HTTP does not allow", null);
    }
  }

  static Duration notNegative(Duration value, String name) {
    Objects.requireNonNull(value, () -> name + " is required, but was null");
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, but was " + value);
    }
    return value;
  }

  private static boolean isCredentialHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("key")
        || lower.contains("token")
        || lower.contains("auth")
        || lower.contains("secret")
        || lower.contains("cookie");
  }

  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
