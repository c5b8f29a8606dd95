package dev.researcher4j.tools.scholar;

import dev.researcher4j.api.Sleeper;
import dev.researcher4j.core.http.CircuitBreakerPolicy;
import dev.researcher4j.core.http.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * HTTP settings shared by the scholarly clients: the OkHttp client to send with, the retry and
 * circuit-breaker policies, how to wait (between retries and between paced requests), the clock,
 * the User-Agent, and the contact e-mail that puts requests in the "polite pools" of OpenAlex,
 * Crossref and NCBI.
 *
 * <p>Defaults: a new {@link OkHttpClient} with a {@value #DEFAULT_CONNECT_TIMEOUT_SECONDS} s
 * connect and {@value #DEFAULT_READ_TIMEOUT_SECONDS} s read timeout (pass your own to share one
 * connection pool across the application); {@link RetryPolicy#ofDefaults()}; {@link
 * CircuitBreakerPolicy#ofDefaults()}; {@link Sleeper#SYSTEM}; the UTC system clock; User-Agent
 * {@value #DEFAULT_USER_AGENT}; no contact e-mail. {@link #fromEnv(Map)} reads the e-mail from
 * {@value #CONTACT_EMAIL_ENV}.
 *
 * <p>Immutable and thread-safe; one instance can serve every client.
 */
public final class HttpSettings {

  /** Environment variable holding the contact e-mail for polite pools. */
  public static final String CONTACT_EMAIL_ENV = "RESEARCHER_CONTACT_EMAIL";

  /** Default User-Agent product token. */
  public static final String DEFAULT_USER_AGENT = "researcher4j/0.1";

  /** Default connect timeout of the OkHttp client made when none is given, in seconds. */
  public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

  /** Default read timeout of the OkHttp client made when none is given, in seconds. */
  public static final int DEFAULT_READ_TIMEOUT_SECONDS = 60;

  private final OkHttpClient client;
  private final RetryPolicy retryPolicy;
  private final CircuitBreakerPolicy circuitBreaker;
  private final Sleeper sleeper;
  private final Clock clock;
  private final String userAgent;
  private final String contactEmail;

  private HttpSettings(Builder b) {
    this.client =
        b.client != null
            ? b.client
            : new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS))
                .readTimeout(Duration.ofSeconds(DEFAULT_READ_TIMEOUT_SECONDS))
                .build();
    this.retryPolicy = b.retryPolicy;
    this.circuitBreaker = b.circuitBreaker;
    this.sleeper = b.sleeper;
    this.clock = b.clock;
    this.userAgent = b.userAgent;
    this.contactEmail = b.contactEmail;
  }

  /** The defaults described above. */
  public static HttpSettings ofDefaults() {
    return builder().build();
  }

  /** The defaults, with the contact e-mail read from {@value #CONTACT_EMAIL_ENV} in {@code env}. */
  public static HttpSettings fromEnv(Map<String, String> env) {
    return builder().contactEmail(env.getOrDefault(CONTACT_EMAIL_ENV, "")).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings (sharing the OkHttp client). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.client = client;
    b.retryPolicy = retryPolicy;
    b.circuitBreaker = circuitBreaker;
    b.sleeper = sleeper;
    b.clock = clock;
    b.userAgent = userAgent;
    b.contactEmail = contactEmail;
    return b;
  }

  /** The OkHttp client requests are sent with. */
  public OkHttpClient client() {
    return client;
  }

  /** How failed requests are retried. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** When to stop calling a failing service for a while. */
  public CircuitBreakerPolicy circuitBreaker() {
    return circuitBreaker;
  }

  /** How to wait. */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** The clock. */
  public Clock clock() {
    return clock;
  }

  /** The User-Agent product token; the contact e-mail is appended when set. */
  public String userAgent() {
    return userAgent;
  }

  /** The contact e-mail for polite pools, or empty. */
  public String contactEmail() {
    return contactEmail;
  }

  /**
   * The User-Agent header value: the product token, with {@code (mailto:…)} when a contact e-mail
   * is set, the form Crossref asks for.
   */
  public String userAgentHeader() {
    return contactEmail.isEmpty() ? userAgent : userAgent + " (mailto:" + contactEmail + ")";
  }

  /** Builds {@link HttpSettings}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private OkHttpClient client;
    private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
    private CircuitBreakerPolicy circuitBreaker = CircuitBreakerPolicy.ofDefaults();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private String userAgent = DEFAULT_USER_AGENT;
    private String contactEmail = "";

    private Builder() {}

    /** The OkHttp client to send with; default a new one (see the class description). */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client is required, but was null");
      return this;
    }

    /** Retry policy; default {@link RetryPolicy#ofDefaults()}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy =
          Objects.requireNonNull(retryPolicy, "retryPolicy is required, but was null");
      return this;
    }

    /** Circuit breaker; default {@link CircuitBreakerPolicy#ofDefaults()}. */
    public Builder circuitBreaker(CircuitBreakerPolicy circuitBreaker) {
      this.circuitBreaker =
          Objects.requireNonNull(circuitBreaker, "circuitBreaker is required, but was null");
      return this;
    }

    /** How to wait between retries and paced requests; default {@link Sleeper#SYSTEM}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper is required, but was null");
      return this;
    }

    /** The clock; default the UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock is required, but was null");
      return this;
    }

    /** The User-Agent product token; default {@value #DEFAULT_USER_AGENT}. */
    public Builder userAgent(String userAgent) {
      Objects.requireNonNull(userAgent, "userAgent is required, but was null");
      if (userAgent.isBlank()) {
        throw new IllegalArgumentException(
            "userAgent must not be blank, but was '" + userAgent + "'");
      }
      this.userAgent = userAgent.strip();
      return this;
    }

    /** The contact e-mail for polite pools; empty for none. */
    public Builder contactEmail(String contactEmail) {
      String value = contactEmail == null ? "" : contactEmail.strip();
      if (!value.isEmpty() && !value.matches("[^@\\s]+@[^@\\s]+")) {
        throw new IllegalArgumentException(
            "contactEmail must be an e-mail address, but was '" + value + "'");
      }
      this.contactEmail = value;
      return this;
    }

    /** Builds the settings. */
    public HttpSettings build() {
      return new HttpSettings(this);
    }
  }
}
