package dev.researcher4j.temporal.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * How a worker's activities are timed and retried, the same on every worker of a task queue.
 *
 * @param heartbeat how often a running call reports that its worker is alive
 * @param heartbeatTimeout how long without a report before the call counts as lost (its worker
 *     died) and is made again on another worker
 * @param lostCallAttempts how many times a model call is made when its worker keeps dying
 * @param longestCall the longest any one call may take, whatever the budget leaves
 * @param continueAsNewAfter the history length (events) after which a run continues as new
 */
public record Timeouts(
    Duration heartbeat,
    Duration heartbeatTimeout,
    int lostCallAttempts,
    Duration longestCall,
    long continueAsNewAfter) {

  /** Heartbeats every 2 s, a call lost after 10 s of silence, 5 attempts, calls up to 2 h. */
  public static final Timeouts DEFAULTS =
      new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), 5, Duration.ofHours(2), 10_000);

  /** Checks the fields. */
  public Timeouts {
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
    Objects.requireNonNull(longestCall, "longestCall");
    if (heartbeat.compareTo(heartbeatTimeout) >= 0) {
      throw new IllegalArgumentException(
          "heartbeat must be shorter than heartbeatTimeout, but was " + heartbeat);
    }
    if (lostCallAttempts < 1) {
      throw new IllegalArgumentException(
          "lostCallAttempts must be >= 1, but was " + lostCallAttempts);
    }
    if (continueAsNewAfter < 100) {
      throw new IllegalArgumentException(
          "continueAsNewAfter must be >= 100 events, but was " + continueAsNewAfter);
    }
  }

  /** {@code timeLeft} capped to the longest call, plus a minute for the call to report its end. */
  Duration callTimeout(Duration timeLeft) {
    Duration capped = timeLeft.compareTo(longestCall) > 0 ? longestCall : timeLeft;
    return capped.plusMinutes(1);
  }
}
