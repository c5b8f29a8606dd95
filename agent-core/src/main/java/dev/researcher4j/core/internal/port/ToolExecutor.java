package dev.researcher4j.core.internal.port;

import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import java.time.Duration;
import java.util.List;

/**
 * Runs one batch of a run's tool calls: in parallel under a cap, each under its tool's policy
 * (timeout, retries, circuit breaker, caching), every failure turned into an observation for the
 * model. Returns when every call has ended, the run was cancelled, or {@code timeLeft} passed.
 */
public interface ToolExecutor {

  /**
   * Runs {@code calls} (in this order) as step {@code stepIndex}.
   *
   * @param timeLeft time until the run's time budget ends; calls still running then time out
   */
  ToolBatch run(int stepIndex, List<ToolCall> calls, Duration timeLeft);

  /**
   * Learns of a call a resumed run replays from its record, so that the executor's run state (its
   * cache of repeated calls) comes out as it was. Does nothing by default.
   */
  default void remember(ToolExecution execution) {}
}
