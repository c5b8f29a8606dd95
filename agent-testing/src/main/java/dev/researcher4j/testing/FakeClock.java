package dev.researcher4j.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until told to move, for tests of time budgets and timestamps
 * without sleeping. Thread-safe: a scripted model or tool may advance it while the run reads it.
 */
public final class FakeClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private FakeClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock showing {@code instant}, in UTC. */
  public static FakeClock at(Instant instant) {
    return new FakeClock(
        new AtomicReference<>(Objects.requireNonNull(instant, "instant")), ZoneOffset.UTC);
  }

  /** A clock showing 2026-01-15T09:00:00Z, in UTC. */
  public static FakeClock fixed() {
    return at(Instant.parse("2026-01-15T09:00:00Z"));
  }

  /** Moves the clock forward by {@code duration} (not negative). */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, but was " + duration);
    }
    now.updateAndGet(t -> t.plus(duration));
  }

  /** Sets the time. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of the same moving time in another zone. */
  @Override
  public Clock withZone(ZoneId newZone) {
    return new FakeClock(now, Objects.requireNonNull(newZone, "zone"));
  }
}
