package dev.researcher4j.temporal.internal;

import dev.researcher4j.core.durable.DurableAgent;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a worker's workflows and activities share: the agent, where trajectories go, how calls are
 * timed. Immutable.
 *
 * @param agent the agent, as a durable-execution engine uses it
 * @param trajectories the directory of trajectory files (shared by all workers of the task queue)
 * @param timeouts how activities are timed and retried
 * @param taskQueue the task queue (child runs of an evaluation go to it too)
 */
public record WorkerConfig(
    DurableAgent agent, Path trajectories, Timeouts timeouts, String taskQueue) {

  /** Checks the fields. */
  public WorkerConfig {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(trajectories, "trajectories");
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(taskQueue, "taskQueue");
  }

  /** The trajectory file of run {@code runId}, named as a local run's file is. */
  public Path trajectoryFile(String runId) {
    return JsonlTrajectorySink.inDirectory(trajectories).fileOf(runId).toAbsolutePath();
  }
}
