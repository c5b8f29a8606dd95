package dev.researcher4j.core.durable;

import dev.researcher4j.api.Trajectory;

/**
 * One research run driven in an engine's deterministic code: {@link #execute()} runs the loop to
 * its end, handing every model and tool call to the run's {@link Engine} and every step to its
 * trajectory sinks, and returns the trajectory, as {@code ResearchAgent.run} does. Used once, from
 * the engine's workflow thread; {@link #cancel()} may be called from a signal handler.
 */
public interface DurableRun {

  /** The run's id. */
  String runId();

  /** Runs to the end and returns the trajectory; never throws for research failures. */
  Trajectory execute();

  /**
   * Cancels the run: it ends as {@code CANCELLED} at its next step. Calls in flight are the
   * engine's to cancel (a cancelled call comes back as a cancelled output).
   */
  void cancel();
}
