package dev.researcher4j.core.http;

import dev.researcher4j.api.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * Politeness for the requests researcher4j sends to other people's servers: per key (a host, a
 * service), at most {@link Builder#maxConcurrent} requests at once, and their starts at least a
 * spacing apart (the {@link Builder#interval}, or a longer one a caller asks for, such as a
 * robots.txt {@code Crawl-delay}). The one rate-limiting mechanism of the page reader and the
 * scholarly clients; a caller over its share waits, it is never refused.
 *
 * <pre>{@code
 * RequestPacer pacer = RequestPacer.builder().maxConcurrent(2).build();
 * try (RequestPacer.Permit permit = pacer.acquire("en.wikipedia.org", Duration.ZERO)) {
 *   // send the request
 * }
 * }</pre>
 *
 * <p>Each caller reserves the next free start under a short lock and waits outside it, so callers
 * for other keys are never held up. Time comes from the injected {@link Clock} and waiting goes
 * through the injected {@link Sleeper}, so tests record the waits instead of sleeping. Thread-safe;
 * share one per politeness domain.
 */
public final class RequestPacer {

  /** Default {@link Builder#interval}: none (only the concurrency limit applies). */
  public static final Duration DEFAULT_INTERVAL = Duration.ZERO;

  /** Default {@link Builder#maxConcurrent}: 2 requests at once per key. */
  public static final int DEFAULT_MAX_CONCURRENT = 2;

  /** How many keys are remembered before those with nothing pending are forgotten. */
  static final int MAX_KEYS = 10_000;

  /** A held place among a key's concurrent requests; close it when the request is done. */
  public interface Permit extends AutoCloseable {
    /** Gives the place back. Idempotent. */
    @Override
    void close();
  }

  private static final class KeyState {
    long nextStartMillis = Long.MIN_VALUE;
    int running;
  }

  private final Duration interval;
  private final int maxConcurrent;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Map<String, KeyState> keys = new HashMap<>();

  private RequestPacer(Builder b) {
    this.interval = b.interval;
    this.maxConcurrent = b.maxConcurrent;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A pacer that only leaves {@code interval} between the starts of requests for one key, with no
   * limit on how many run at once (what published API rate rules such as arXiv's ask for).
   */
  public static RequestPacer spacing(Duration interval, Clock clock, Sleeper sleeper) {
    return builder()
        .interval(interval)
        .maxConcurrent(Integer.MAX_VALUE)
        .clock(clock)
        .sleeper(sleeper)
        .build();
  }

  /**
   * Waits until a request for {@code key} may start: a place among its concurrent requests is free
   * and the last start was at least {@code max(interval, spacing)} ago.
   *
   * @param key what the limit is per (compared as given: callers normalise host names)
   * @param spacing a longer spacing this request asks for (zero for the default)
   * @throws CancellationException if the thread is interrupted while waiting
   */
  public Permit acquire(String key, Duration spacing) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(spacing, "spacing");
    long gap = Math.max(interval.toMillis(), Math.max(0, spacing.toMillis()));
    KeyState state = takePlace(key);
    long wait = reserveStart(state, gap);
    if (wait > 0) {
      try {
        sleeper.sleep(Duration.ofMillis(wait));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        release(key, state);
        CancellationException cancelled =
            new CancellationException("interrupted while waiting to send a request to " + key);
        cancelled.initCause(e);
        throw cancelled;
      }
    }
    return new Permit() {
      private boolean closed;

      @Override
      public void close() {
        synchronized (RequestPacer.this) {
          if (closed) {
            return;
          }
          closed = true;
        }
        release(key, state);
      }
    };
  }

  private synchronized KeyState takePlace(String key) {
    KeyState state = keys.computeIfAbsent(key, k -> new KeyState());
    while (state.running >= maxConcurrent) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        CancellationException cancelled =
            new CancellationException("interrupted while waiting to send a request to " + key);
        cancelled.initCause(e);
        throw cancelled;
      }
    }
    state.running++;
    return state;
  }

  private synchronized long reserveStart(KeyState state, long gap) {
    long now = clock.millis();
    long start =
        state.nextStartMillis == Long.MIN_VALUE ? now : Math.max(now, state.nextStartMillis);
    state.nextStartMillis = start + gap;
    return start - now;
  }

  private synchronized void release(String key, KeyState state) {
    state.running--;
    if (keys.size() > MAX_KEYS) {
      long now = clock.millis();
      keys.values().removeIf(s -> s.running == 0 && s.nextStartMillis <= now);
    }
    notifyAll();
  }

  /** How many requests for {@code key} hold a place now. */
  public synchronized int running(String key) {
    KeyState state = keys.get(key);
    return state == null ? 0 : state.running;
  }

  @Override
  public String toString() {
    return "RequestPacer{interval=" + interval + ", maxConcurrent=" + maxConcurrent + "}";
  }

  /** Builds a {@link RequestPacer}. Not thread-safe. */
  public static final class Builder {
    private Duration interval = DEFAULT_INTERVAL;
    private int maxConcurrent = DEFAULT_MAX_CONCURRENT;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;

    private Builder() {}

    /**
     * Least time between the starts of two requests for one key; default {@link #DEFAULT_INTERVAL}.
     */
    public Builder interval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("interval must be >= 0, but was " + interval);
      }
      this.interval = interval;
      return this;
    }

    /** Most requests for one key at once; default {@link #DEFAULT_MAX_CONCURRENT}. */
    public Builder maxConcurrent(int maxConcurrent) {
      if (maxConcurrent < 1) {
        throw new IllegalArgumentException("maxConcurrent must be >= 1, but was " + maxConcurrent);
      }
      this.maxConcurrent = maxConcurrent;
      return this;
    }

    /** The clock spacing is measured on; default the UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How to wait for a start; default {@link Sleeper#SYSTEM}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Builds the pacer. */
    public RequestPacer build() {
      return new RequestPacer(this);
    }
  }
}
