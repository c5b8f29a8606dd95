package dev.researcher4j.core.http;

import dev.researcher4j.api.CircuitOpenException;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.RequestTimeoutException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.RetryableException;
import dev.researcher4j.api.Sleeper;
import dev.researcher4j.api.TransportException;
import dev.researcher4j.core.internal.http.NoDelaySocketFactory;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Executes HTTP requests for one provider with retries, a circuit breaker, an optional rate limit,
 * provider-aware error mapping and secret redaction. Shared by the model clients, search providers
 * and scholarly clients so they all fail the same, well-explained way.
 *
 * <p>Thread-safe. The {@link OkHttpClient} is the caller's (share one per application); when it
 * uses the JVM's default socket factory, requests go through a client derived from it (same
 * connection pool and dispatcher) with {@code TCP_NODELAY} on, see {@link NoDelaySocketFactory}.
 */
public final class HttpCaller {

  /** Reads a successful (2xx) response. May throw {@link MalformedResponseException}. */
  @FunctionalInterface
  public interface ResponseHandler<T> {
    /** Reads the response; the caller closes it afterwards. */
    T handle(Response response) throws IOException;
  }

  /**
   * Lets a provider map an error response its own way (a quota error sent as HTTP 400, say).
   * Returns {@code null} to use the default mapping.
   */
  @FunctionalInterface
  public interface ErrorMapper {
    /** The exception for this error response, or {@code null} for the default. */
    ResearchException map(int status, ProviderError error, Response response);
  }

  /** Largest error body read; the rest is ignored. */
  static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

  private final String provider;
  private final OkHttpClient client;
  private final Retrier retrier;
  private final CircuitBreaker circuitBreaker;
  private final RequestPacer pacer;
  private final Clock clock;
  private final Redactor redactor;
  private final String authHint;
  private final ErrorMapper errorMapper;
  private final ProviderErrorParser errorParser;

  private HttpCaller(Builder b) {
    this.provider = b.provider;
    this.client =
        NoDelaySocketFactory.applyTo(
            Objects.requireNonNull(b.client, "client is required, but was not set"));
    this.clock = b.clock;
    this.retrier = new Retrier(b.provider, b.retryPolicy, b.sleeper, b.random);
    this.circuitBreaker =
        b.circuitBreakerPolicy.enabled()
            ? CircuitBreaker.of(b.provider, breakerConfig(b.circuitBreakerPolicy, b.clock))
            : null;
    // One pacing mechanism for the whole SDK (RequestPacer): N calls per period become starts
    // spaced period/N apart, which never bursts past a provider's limit.
    this.pacer =
        b.rateLimitPermits > 0
            ? RequestPacer.spacing(
                b.rateLimitPeriod.dividedBy(b.rateLimitPermits), b.clock, b.sleeper)
            : null;
    this.redactor = new Redactor(b.secrets);
    this.authHint = b.authHint;
    this.errorMapper = b.errorMapper;
    this.errorParser = b.errorParser;
  }

  /** A builder for a caller of {@code provider} (named in every error message). */
  public static Builder builder(String provider) {
    return new Builder(provider);
  }

  /** The provider name. */
  public String provider() {
    return provider;
  }

  /** The redactor that hides this provider's secrets. */
  public Redactor redactor() {
    return redactor;
  }

  /**
   * Sends {@code request}, retrying retryable failures, and reads a successful response with {@code
   * handler}.
   *
   * @param onRetry told of each failed attempt before the wait
   * @throws ResearchException the mapped failure once retries run out or it is not retryable
   * @throws CancellationException if the thread was interrupted
   */
  public <T> Retrier.Result<T> execute(
      Request request, ResponseHandler<T> handler, Consumer<RetryAttempt> onRetry) {
    return retrier.call(() -> attempt(request, handler), onRetry);
  }

  /** Sends {@code request} and returns the body of a successful response as text. */
  public Retrier.Result<String> executeForText(
      Request request, long maxBytes, Consumer<RetryAttempt> onRetry) {
    return execute(request, response -> readBody(response, maxBytes), onRetry);
  }

  private <T> T attempt(Request request, ResponseHandler<T> handler) {
    acquireRateLimit();
    if (circuitBreaker != null && !circuitBreaker.tryAcquirePermission()) {
      throw new CircuitOpenException(
          provider + ": circuit breaker open after repeated failures; not calling for now",
          null,
          provider);
    }
    long start = System.nanoTime();
    try {
      T result = send(request, handler);
      if (circuitBreaker != null) {
        circuitBreaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      }
      return result;
    } catch (RuntimeException e) {
      if (circuitBreaker != null) {
        circuitBreaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      }
      throw e;
    }
  }

  private <T> T send(Request request, ResponseHandler<T> handler) {
    try (Response response = client.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw errorFor(response);
      }
      return handler.handle(response);
    } catch (ResearchException e) {
      throw e;
    } catch (IOException e) {
      throw ioFailure(request, e);
    }
  }

  private ResearchException errorFor(Response response) throws IOException {
    String body = readErrorBody(response);
    ProviderError error = errorParser.parse(body);
    error = new ProviderError(redactor.redact(error.code()), redactor.redact(error.message()));
    ResearchException mapped =
        errorMapper == null ? null : errorMapper.map(response.code(), error, response);
    if (mapped != null) {
      return mapped;
    }
    Duration retryAfter = RetryAfter.parse(response.headers(), clock).orElse(null);
    return HttpErrors.forStatus(provider, response.code(), error, retryAfter, authHint);
  }

  private RuntimeException ioFailure(Request request, IOException e) {
    String where =
        redactor.redact(request.method() + " " + request.url().newBuilder().query(null).build());
    String reason = redactor.redact(String.valueOf(e.getMessage()));
    if (Thread.currentThread().isInterrupted()) {
      CancellationException cancelled = new CancellationException(provider + ": call interrupted");
      cancelled.initCause(e);
      return cancelled;
    }
    if (e instanceof SocketTimeoutException
        || (e instanceof InterruptedIOException
            && reason.toLowerCase(Locale.ROOT).contains("timeout"))) {
      return new RequestTimeoutException(
          provider + ": " + where + " timed out (" + reason + ")", e, provider, 0, "");
    }
    return new TransportException(
        provider + ": " + where + " failed: " + e.getClass().getSimpleName() + ": " + reason,
        e,
        provider,
        0,
        "");
  }

  private void acquireRateLimit() {
    if (pacer != null) {
      // Spacing only: the permit's place is given back at once.
      pacer.acquire(provider, Duration.ZERO).close();
    }
  }

  /**
   * Reads at most {@code maxBytes} of a body as text in its declared charset (UTF-8 when none).
   *
   * @throws MalformedResponseException if the body is longer
   */
  public String readBody(Response response, long maxBytes) throws IOException {
    ResponseBody body = response.body();
    byte[] bytes = readAtMost(body.byteStream(), maxBytes + 1);
    if (bytes.length > maxBytes) {
      throw new MalformedResponseException(
          provider + ": response body larger than " + maxBytes + " bytes",
          null,
          provider,
          response.code(),
          "");
    }
    return new String(bytes, charsetOf(body.contentType()));
  }

  private static String readErrorBody(Response response) throws IOException {
    ResponseBody body = response.body();
    byte[] bytes = readAtMost(body.byteStream(), MAX_ERROR_BODY_BYTES);
    return new String(bytes, charsetOf(body.contentType()));
  }

  private static byte[] readAtMost(InputStream in, long limit) throws IOException {
    int cap = (int) Math.min(limit, Integer.MAX_VALUE - 8);
    return in.readNBytes(cap);
  }

  private static Charset charsetOf(MediaType type) {
    Charset charset = type == null ? null : type.charset(null);
    return charset == null ? StandardCharsets.UTF_8 : charset;
  }

  private static CircuitBreakerConfig breakerConfig(CircuitBreakerPolicy policy, Clock clock) {
    return CircuitBreakerConfig.custom()
        .failureRateThreshold(policy.failureRateThreshold())
        .slidingWindowSize(policy.slidingWindowSize())
        .minimumNumberOfCalls(policy.minimumNumberOfCalls())
        .waitDurationInOpenState(policy.waitInOpenState())
        .currentTimestampFunction(c -> clock.millis(), TimeUnit.MILLISECONDS)
        .recordException(HttpCaller::signalsUnhealthyService)
        .build();
  }

  /**
   * Failures that suggest the service is unwell, as opposed to the caller doing something wrong.
   */
  static boolean signalsUnhealthyService(Throwable error) {
    return error instanceof RetryableException
        && !(error instanceof RateLimitException)
        && !(error instanceof CircuitOpenException);
  }

  /** Reads a provider's error body. */
  @FunctionalInterface
  public interface ProviderErrorParser {
    /** The provider's code and message in {@code body}. */
    ProviderError parse(String body);
  }

  /** Builds an {@link HttpCaller}. Not thread-safe. */
  public static final class Builder {
    private final String provider;
    private OkHttpClient client;
    private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
    private CircuitBreakerPolicy circuitBreakerPolicy = CircuitBreakerPolicy.ofDefaults();
    private int rateLimitPermits;
    private Duration rateLimitPeriod = Duration.ofSeconds(1);
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private java.util.function.DoubleSupplier random =
        () -> ThreadLocalRandom.current().nextDouble();
    private final List<String> secrets = new ArrayList<>();
    private String authHint = "";
    private ErrorMapper errorMapper;
    private ProviderErrorParser errorParser = ProviderError::parse;

    private Builder(String provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
    }

    /** The OkHttp client to send with (required). */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Retry policy; default {@link RetryPolicy#ofDefaults()}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** Circuit breaker; default {@link CircuitBreakerPolicy#ofDefaults()}. */
    public Builder circuitBreaker(CircuitBreakerPolicy policy) {
      this.circuitBreakerPolicy = Objects.requireNonNull(policy, "circuitBreaker");
      return this;
    }

    /**
     * At most {@code permits} calls per {@code period}, their starts spaced {@code period /
     * permits} apart; default: no limit.
     */
    public Builder rateLimit(int permits, Duration period) {
      if (permits < 1) {
        throw new IllegalArgumentException("permits must be >= 1, but was " + permits);
      }
      this.rateLimitPermits = permits;
      this.rateLimitPeriod = Objects.requireNonNull(period, "period");
      return this;
    }

    /** How to wait between retries; default {@link Sleeper#SYSTEM}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Clock for {@code Retry-After} dates and the circuit breaker; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Jitter source in [0, 1); default random. */
    public Builder random(java.util.function.DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** A secret (API key) to keep out of every message; blank values are ignored. */
    public Builder secret(String secret) {
      if (secret != null && !secret.isBlank()) {
        secrets.add(secret);
      }
      return this;
    }

    /** What to fix when credentials are rejected, e.g. "set TAVILY_API_KEY to a valid key". */
    public Builder authHint(String authHint) {
      this.authHint = Objects.requireNonNull(authHint, "authHint");
      return this;
    }

    /** Provider-specific error mapping; default none. */
    public Builder errorMapper(ErrorMapper errorMapper) {
      this.errorMapper = errorMapper;
      return this;
    }

    /** Provider-specific error body parser; default {@link ProviderError#parse(String)}. */
    public Builder errorParser(ProviderErrorParser errorParser) {
      this.errorParser = Objects.requireNonNull(errorParser, "errorParser");
      return this;
    }

    /** Builds the caller. */
    public HttpCaller build() {
      return new HttpCaller(this);
    }
  }
}
