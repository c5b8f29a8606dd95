package dev.researcher4j.tools.scholar.internal;

import dev.researcher4j.api.NotFoundException;
import dev.researcher4j.core.http.HttpCaller;
import dev.researcher4j.core.http.RequestPacer;
import dev.researcher4j.tools.scholar.HttpSettings;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one service's requests: paced, retried and mapped to typed errors by {@link HttpCaller},
 * with the User-Agent from the {@link HttpSettings} and secrets kept out of every message.
 *
 * <p>Thread-safe.
 */
public final class ServiceCaller {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceCaller.class);

  /** Largest response body read: 32 MiB, far above any page these services send. */
  public static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final String provider;
  private final HttpCaller caller;
  private final String userAgent;

  private ServiceCaller(String provider, HttpCaller caller, String userAgent) {
    this.provider = provider;
    this.caller = caller;
    this.userAgent = userAgent;
  }

  /**
   * A caller for {@code provider}.
   *
   * @param minInterval least time between the starts of two requests (zero for none)
   * @param secrets API keys to keep out of messages
   * @param authHint what to fix when credentials are rejected
   * @param errorParser reads the service's error bodies, or {@code null} for the default
   * @param errorMapper maps the service's special errors, or {@code null} for the default
   */
  public static ServiceCaller create(
      String provider,
      HttpSettings settings,
      Duration minInterval,
      List<String> secrets,
      String authHint,
      HttpCaller.ProviderErrorParser errorParser,
      HttpCaller.ErrorMapper errorMapper) {
    Objects.requireNonNull(settings, "settings");
    var client =
        settings
            .client()
            .newBuilder()
            .addInterceptor(
                pacing(
                    provider,
                    RequestPacer.spacing(minInterval, settings.clock(), settings.sleeper())))
            .build();
    HttpCaller.Builder b =
        HttpCaller.builder(provider)
            .client(client)
            .retryPolicy(settings.retryPolicy())
            .circuitBreaker(settings.circuitBreaker())
            .sleeper(settings.sleeper())
            .clock(settings.clock())
            .authHint(authHint)
            .errorMapper(errorMapper);
    if (errorParser != null) {
      b.errorParser(errorParser);
    }
    secrets.forEach(b::secret);
    return new ServiceCaller(provider, b.build(), settings.userAgentHeader());
  }

  /** The provider name used in messages. */
  public String provider() {
    return provider;
  }

  /** The body of a successful GET of {@code url}. */
  public String get(HttpUrl url, Map<String, String> headers) {
    return get(url, headers, Function.identity());
  }

  /**
   * A successful GET of {@code url}, read by {@code reader} within the attempt, so that a body the
   * reader rejects with a retryable exception (garbled, or a rate-limit notice sent with HTTP 200)
   * is retried like an HTTP failure.
   */
  public <T> T get(HttpUrl url, Map<String, String> headers, Function<String, T> reader) {
    return send(request(url, headers).get().build(), reader);
  }

  /** The body of a successful GET, or empty when the service answers 404. */
  public Optional<String> getUnlessNotFound(HttpUrl url, Map<String, String> headers) {
    try {
      return Optional.of(get(url, headers));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** The body of a successful POST of {@code json} to {@code url}. */
  public String postJson(HttpUrl url, Map<String, String> headers, String json) {
    return send(
        request(url, headers).post(RequestBody.create(json, JSON)).build(), Function.identity());
  }

  /** Removes this service's secrets from {@code text}. */
  public String redact(String text) {
    return caller.redactor().redact(text);
  }

  private Request.Builder request(HttpUrl url, Map<String, String> headers) {
    Request.Builder b = new Request.Builder().url(url).header("User-Agent", userAgent);
    headers.forEach(b::header);
    return b;
  }

  private <T> T send(Request request, Function<String, T> reader) {
    return caller
        .execute(
            request,
            response -> reader.apply(caller.readBody(response, MAX_BODY_BYTES)),
            retry ->
                LOG.debug(
                    "{}: attempt {} failed ({}), retrying in {}",
                    provider,
                    retry.attempt(),
                    retry.error(),
                    retry.delay()))
        .value();
  }

  /**
   * Paces every attempt, retries included, by {@code pacer}: the service's published spacing
   * between requests (arXiv 3 s, NCBI and Semantic Scholar about 1 s).
   */
  private static Interceptor pacing(String provider, RequestPacer pacer) {
    return chain -> {
      RequestPacer.Permit permit;
      try {
        permit = pacer.acquire(provider, Duration.ZERO);
      } catch (CancellationException e) {
        InterruptedIOException io = new InterruptedIOException(e.getMessage());
        io.initCause(e);
        throw io;
      }
      try (permit) {
        return chain.proceed(chain.request());
      }
    };
  }
}
