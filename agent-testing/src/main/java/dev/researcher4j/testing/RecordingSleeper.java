package dev.researcher4j.testing;

import dev.researcher4j.api.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Sleeper} that records the waits it is asked for and returns at once, so retry tests are
 * fast and can assert the backoff. Thread-safe.
 */
public final class RecordingSleeper implements Sleeper {

  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
  }

  /** Every wait asked for so far, in order. */
  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
