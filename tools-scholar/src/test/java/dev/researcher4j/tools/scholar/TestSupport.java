package dev.researcher4j.tools.scholar;

import dev.researcher4j.api.Sleeper;
import dev.researcher4j.core.http.CircuitBreakerPolicy;
import dev.researcher4j.core.http.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;

/** Fixtures and fake time for the tests of this module. */
final class TestSupport {
  private TestSupport() {}

  static final String EMAIL = "team@example.org";

  /** A test resource under {@code fixtures/}, as text. */
  static String fixture(String path) {
    try (InputStream in = TestSupport.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Settings for tests: fake time, fast retries, no circuit breaker, a contact e-mail. */
  static HttpSettings settings(FakeTime time) {
    return HttpSettings.builder()
        .client(
            new OkHttpClient.Builder()
                .readTimeout(Duration.ofSeconds(5))
                .retryOnConnectionFailure(false)
                .build())
        .retryPolicy(RetryPolicy.custom().maxAttempts(3).jitter(0).build())
        .circuitBreaker(CircuitBreakerPolicy.disabled())
        .sleeper(time)
        .clock(time)
        .contactEmail(EMAIL)
        .build();
  }

  /**
   * A clock that only moves when something sleeps on it, and a sleeper that records every wait:
   * pacing and retry tests can assert the waits without waiting. Thread-safe.
   */
  static final class FakeTime extends Clock implements Sleeper {
    private volatile Instant now = Instant.parse("2026-11-29T10:00:00Z");
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
      sleeps.add(duration);
      now = now.plus(duration);
    }

    List<Duration> sleeps() {
      return List.copyOf(sleeps);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
