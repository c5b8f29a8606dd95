package dev.researcher4j.tools.web.search;

import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.api.Sleeper;
import dev.researcher4j.core.http.CircuitBreakerPolicy;
import dev.researcher4j.core.http.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Which web search provider to use and how to reach it: API key, address, HTTP client, retry and
 * circuit-breaker policies. {@link WebSearch#create(WebSearchConfig)} turns it into a {@link
 * WebSearch}.
 *
 * <p>Choose in code with {@link #builder(WebSearchProvider)}, by name with {@link
 * #forProvider(String, Function)} (as the {@code --search-provider} option does), or from the
 * environment with {@link #fromEnvironment(Function)}: {@code TAVILY_API_KEY}, then {@code
 * BRAVE_API_KEY}, then {@code SERPER_API_KEY}, then {@code SEARXNG_URL}; when none is set, the
 * keyless DuckDuckGo provider.
 *
 * <p>Defaults: the provider's public address ({@link WebSearchProvider#defaultBaseUrl()}), {@link
 * RetryPolicy#ofDefaults()}, {@link CircuitBreakerPolicy#ofDefaults()}, a new OkHttp client with
 * {@link #DEFAULT_TIMEOUT} read and {@link #DEFAULT_CALL_TIMEOUT} call timeouts (pass your own
 * client to share its connection pool), User-Agent {@value #DEFAULT_USER_AGENT}. Immutable and
 * thread-safe; {@link #toString()} never shows the API key or a password in the address.
 */
public final class WebSearchConfig {

  /** Default read timeout of the client made when none is given. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Default whole-call timeout of the client made when none is given. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

  /** Default User-Agent sent with every request. */
  public static final String DEFAULT_USER_AGENT = "researcher4j-web-search/0.1";

  private final WebSearchProvider provider;
  private final String apiKey;
  private final String baseUrl;
  private final OkHttpClient client;
  private final RetryPolicy retryPolicy;
  private final CircuitBreakerPolicy circuitBreaker;
  private final Sleeper sleeper;
  private final Clock clock;
  private final String userAgent;

  private WebSearchConfig(Builder b, OkHttpClient client) {
    this.provider = b.provider;
    this.apiKey = b.apiKey;
    this.baseUrl =
        b.baseUrl != null
            ? b.baseUrl
            : HttpUrl.get(b.provider.defaultBaseUrl().orElseThrow()).toString();
    this.client = client;
    this.retryPolicy = b.retryPolicy;
    this.circuitBreaker = b.circuitBreaker;
    this.sleeper = b.sleeper;
    this.clock = b.clock;
    this.userAgent = b.userAgent;
  }

  /** A builder for {@code provider}, with the defaults. */
  public static Builder builder(WebSearchProvider provider) {
    return new Builder(provider);
  }

  /** {@link #fromEnvironment(Function)} over the process environment ({@link System#getenv()}). */
  public static Builder fromEnvironment() {
    return fromEnvironment(System::getenv);
  }

  /** {@link #fromEnvironment(Function)} over a map of variables. */
  public static Builder fromEnvironment(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    return fromEnvironment(environment::get);
  }

  /**
   * A builder for the first provider configured in {@code environment}: {@code TAVILY_API_KEY},
   * {@code BRAVE_API_KEY}, {@code SERPER_API_KEY}, {@code SEARXNG_URL} (blank values count as
   * unset); DuckDuckGo when none is. Its key or address is taken from the variable.
   *
   * @param environment the value of a variable, or {@code null} when unset
   */
  public static Builder fromEnvironment(Function<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    for (WebSearchProvider provider :
        new WebSearchProvider[] {
          WebSearchProvider.TAVILY,
          WebSearchProvider.BRAVE,
          WebSearchProvider.SERPER,
          WebSearchProvider.SEARXNG
        }) {
      if (value(environment, provider.environmentVariable().orElseThrow()) != null) {
        return forProvider(provider, environment);
      }
    }
    return builder(WebSearchProvider.DUCKDUCKGO);
  }

  /** {@link #forProvider(String, Function)} over a map of variables. */
  public static Builder forProvider(String name, Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    return forProvider(name, environment::get);
  }

  /**
   * A builder for the provider called {@code name} ({@code tavily}, {@code brave}, {@code serper},
   * {@code searxng}, {@code duckduckgo}), with its key or address taken from {@code environment}
   * when set there. A key that is still missing fails at {@link Builder#build()}, naming the
   * variable to set.
   *
   * @throws IllegalArgumentException if there is no provider called {@code name}
   */
  public static Builder forProvider(String name, Function<String, String> environment) {
    return forProvider(WebSearchProvider.fromId(name), environment);
  }

  private static Builder forProvider(
      WebSearchProvider provider, Function<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    Builder builder = builder(provider);
    String variable = provider.environmentVariable().orElse(null);
    String value = variable == null ? null : value(environment, variable);
    if (value != null) {
      if (provider == WebSearchProvider.SEARXNG) {
        builder.baseUrl(value);
      } else {
        builder.apiKey(value);
      }
    }
    return builder;
  }

  private static String value(Function<String, String> environment, String name) {
    String value = environment.apply(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private String shownBaseUrl() {
    HttpUrl url = HttpUrl.get(baseUrl);
    return url.password().isEmpty() ? baseUrl : url.newBuilder().password("***").build().toString();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder(provider);
    b.apiKey = apiKey;
    b.baseUrl = baseUrl;
    b.client = client;
    b.retryPolicy = retryPolicy;
    b.circuitBreaker = circuitBreaker;
    b.sleeper = sleeper;
    b.clock = clock;
    b.userAgent = userAgent;
    return b;
  }

  /** The provider. */
  public WebSearchProvider provider() {
    return provider;
  }

  /** The API key, when the provider needs one. Keep it out of logs. */
  public Optional<String> apiKey() {
    return Optional.ofNullable(apiKey);
  }

  /**
   * The address requests go to, without the endpoint's path; it may hold a user and password (sent
   * as basic authentication), so keep it out of logs.
   */
  public String baseUrl() {
    return baseUrl;
  }

  /** The HTTP client. */
  public OkHttpClient client() {
    return client;
  }

  /** How failed calls are retried. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** When calls to a failing provider are stopped for a while. */
  public CircuitBreakerPolicy circuitBreaker() {
    return circuitBreaker;
  }

  /** How waits between retries are made. */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** The clock for {@code Retry-After} dates, the circuit breaker and relative dates. */
  public Clock clock() {
    return clock;
  }

  /** The User-Agent sent with every request. */
  public String userAgent() {
    return userAgent;
  }

  @Override
  public String toString() {
    return "WebSearchConfig{provider="
        + provider.id()
        + ", baseUrl="
        + shownBaseUrl()
        + ", apiKey="
        + (apiKey == null ? "(none)" : "***")
        + ", retryPolicy="
        + retryPolicy
        + ", userAgent="
        + userAgent
        + '}';
  }

  /** Builds a {@link WebSearchConfig}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private WebSearchProvider provider;
    private String apiKey;
    private String baseUrl;
    private OkHttpClient client;
    private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
    private CircuitBreakerPolicy circuitBreaker = CircuitBreakerPolicy.ofDefaults();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private String userAgent = DEFAULT_USER_AGENT;

    private Builder(WebSearchProvider provider) {
      provider(provider);
    }

    /** The provider (required). */
    public Builder provider(WebSearchProvider provider) {
      this.provider = Objects.requireNonNull(provider, "provider is required, but was null");
      return this;
    }

    /**
     * The API key for Tavily, Brave or Serper (surrounding space removed); {@code null} clears it.
     * Ignored by SearXNG and DuckDuckGo.
     */
    public Builder apiKey(String apiKey) {
      if (apiKey != null && apiKey.isBlank()) {
        throw new IllegalArgumentException("apiKey must not be blank");
      }
      this.apiKey = apiKey == null ? null : apiKey.strip();
      return this;
    }

    /**
     * The http(s) address of the service, e.g. a SearXNG instance ({@code http://localhost:8080})
     * or a proxy in front of an API; {@code null} restores the provider's default.
     */
    public Builder baseUrl(String baseUrl) {
      if (baseUrl == null) {
        this.baseUrl = null;
        return this;
      }
      HttpUrl parsed = HttpUrl.parse(baseUrl.strip());
      if (parsed == null) {
        throw new IllegalArgumentException(
            "baseUrl must be an http or https URL, but was '" + baseUrl + "'");
      }
      this.baseUrl = parsed.toString();
      return this;
    }

    /** The OkHttp client to send with; share one per application. */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client is required, but was null");
      return this;
    }

    /** Retry policy; default {@link RetryPolicy#ofDefaults()}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy is required");
      return this;
    }

    /** Circuit breaker; default {@link CircuitBreakerPolicy#ofDefaults()}. */
    public Builder circuitBreaker(CircuitBreakerPolicy circuitBreaker) {
      this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker is required");
      return this;
    }

    /** How to wait between retries; default {@link Sleeper#SYSTEM}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper is required");
      return this;
    }

    /** Clock; default the UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock is required");
      return this;
    }

    /** User-Agent header; default {@value #DEFAULT_USER_AGENT}. */
    public Builder userAgent(String userAgent) {
      Objects.requireNonNull(userAgent, "userAgent is required, but was null");
      if (userAgent.isBlank()) {
        throw new IllegalArgumentException("userAgent must not be blank");
      }
      this.userAgent = userAgent.strip();
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws ConfigurationException if the provider needs an API key or (SearXNG) an address that
     *     was not given; the message names the environment variable to set
     */
    public WebSearchConfig build() {
      String variable = provider.environmentVariable().orElse("");
      if (provider.requiresApiKey() && apiKey == null) {
        throw new ConfigurationException(
            provider.id()
                + " web search needs an API key: set "
                + variable
                + " or call apiKey(...)",
            null,
            provider.id(),
            0,
            "missing_api_key");
      }
      if (baseUrl == null && provider.defaultBaseUrl().isEmpty()) {
        throw new ConfigurationException(
            provider.id()
                + " web search needs the instance's address: set "
                + variable
                + " (e.g. http://localhost:8080) or call baseUrl(...)",
            null,
            provider.id(),
            0,
            "missing_base_url");
      }
      OkHttpClient httpClient =
          client != null
              ? client
              : new OkHttpClient.Builder()
                  .readTimeout(DEFAULT_TIMEOUT)
                  .callTimeout(DEFAULT_CALL_TIMEOUT)
                  .build();
      return new WebSearchConfig(this, httpClient);
    }
  }
}
