package dev.researcher4j.temporal.internal;

import dev.researcher4j.core.durable.Cancellation;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports that a running call's worker is alive, every so often, while the call runs: a worker that
 * dies stops reporting, and the call is made again elsewhere once the heartbeat timeout passes.
 * When Temporal answers that the call was cancelled (or is gone), the call is cancelled.
 */
final class Heartbeats implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "researcher4j-heartbeats");
            thread.setDaemon(true);
            return thread;
          });

  private final ScheduledFuture<?> beats;

  private Heartbeats(ActivityExecutionContext context, Duration every, Cancellation cancellation) {
    long millis = Math.max(10, every.toMillis());
    this.beats =
        TIMER.scheduleAtFixedRate(
            () -> beat(context, cancellation), 0, millis, TimeUnit.MILLISECONDS);
  }

  /** Starts heartbeating for the activity of {@code context}; close it when the call ends. */
  static Heartbeats start(
      ActivityExecutionContext context, Duration every, Cancellation cancellation) {
    return new Heartbeats(context, every, cancellation);
  }

  private void beat(ActivityExecutionContext context, Cancellation cancellation) {
    try {
      context.heartbeat(null);
    } catch (ActivityCompletionException e) {
      LOG.info(
          "activity {} of {} ends: {}",
          context.getInfo().getActivityId(),
          context.getInfo().getWorkflowId(),
          e.getClass().getSimpleName());
      cancellation.cancel();
      throw e;
    } catch (RuntimeException e) {
      // A heartbeat that could not be sent is not the call's failure; the next one may get through.
      LOG.warn("heartbeat failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    beats.cancel(false);
  }
}
