package dev.researcher4j.tools.web.read.internal;

import dev.researcher4j.api.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Spaces requests to the same host at least {@code interval} apart, so a burst of reads does not
 * hammer one site. Each caller reserves the next free slot and then waits for it outside the lock,
 * so callers for other hosts are never held up. Thread-safe.
 */
public final class HostThrottle {

  private final Duration interval;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Map<String, Long> nextFree = new HashMap<>();

  /** A throttle allowing one request per {@code interval} per host. */
  public HostThrottle(Duration interval, Clock clock, Sleeper sleeper) {
    this.interval = interval;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Waits until a request to {@code host} may be sent.
   *
   * @throws CancellationException if interrupted while waiting
   */
  public void acquire(String host) {
    if (interval.isZero()) {
      return;
    }
    long wait = reserve(host.toLowerCase(Locale.ROOT));
    if (wait > 0) {
      try {
        sleeper.sleep(Duration.ofMillis(wait));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted while waiting to fetch from " + host);
      }
    }
  }

  private synchronized long reserve(String host) {
    long now = clock.millis();
    long start = Math.max(now, nextFree.getOrDefault(host, now));
    nextFree.put(host, start + interval.toMillis());
    if (nextFree.size() > 10_000) {
      nextFree.values().removeIf(t -> t < now); // forget hosts whose slot has passed
    }
    return start - now;
  }
}
