package dev.researcher4j.api;

import java.time.Duration;

/**
 * Waits between retries. Injected so tests can record the waits instead of sleeping; the default is
 * {@link #SYSTEM}.
 */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps on the calling thread. */
  Sleeper SYSTEM =
      duration -> {
        if (!duration.isZero() && !duration.isNegative()) {
          Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
      };

  /**
   * Waits for {@code duration}.
   *
   * @throws InterruptedException if the thread is interrupted (the caller is being cancelled)
   */
  void sleep(Duration duration) throws InterruptedException;
}
