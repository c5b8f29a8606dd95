package dev.researcher4j.tools.scholar.internal;

import dev.researcher4j.api.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps at least {@code interval} between the starts of requests to one service, as arXiv (3 s),
 * Semantic Scholar and NCBI ask. Installed as an OkHttp interceptor so that every attempt, retries
 * included, is paced. Concurrent callers each reserve their own slot, so they leave the gaps in
 * turn rather than all at once.
 *
 * <p>Thread-safe.
 */
public final class Pacer implements Interceptor {

  private final Duration interval;
  private final Clock clock;
  private final Sleeper sleeper;
  private Instant nextSlot = Instant.MIN;

  /**
   * A pacer leaving {@code interval} between requests, reading {@code clock}, waiting with {@code
   * sleeper}.
   */
  public Pacer(Duration interval, Clock clock, Sleeper sleeper) {
    this.interval = Objects.requireNonNull(interval, "interval");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    awaitTurn();
    return chain.proceed(chain.request());
  }

  /** Waits until this caller's slot. */
  public void awaitTurn() throws InterruptedIOException {
    if (interval.isZero()) {
      return;
    }
    Duration wait;
    synchronized (this) {
      Instant now = clock.instant();
      Instant start = now.isBefore(nextSlot) ? nextSlot : now;
      wait = Duration.between(now, start);
      nextSlot = start.plus(interval);
    }
    if (wait.isZero() || wait.isNegative()) {
      return;
    }
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException("interrupted while pacing requests");
      io.initCause(e);
      throw io;
    }
  }
}
