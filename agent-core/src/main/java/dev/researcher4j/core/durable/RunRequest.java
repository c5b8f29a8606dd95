package dev.researcher4j.core.durable;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.Task;
import dev.researcher4j.core.trajectory.TrajectorySink;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link DurableRun} is started with. The run records to {@code sinks} and reports to {@code
 * listener} instead of the agent's own sinks and listeners: those would be called again each time
 * the engine replays the run, on whichever worker replays it, so the engine supplies sinks whose
 * writes are durable steps of their own and a listener without side effects (one that keeps the
 * run's progress for queries).
 *
 * @param runId the run's id (the engine's id for it, so a worker can find the run)
 * @param parentRunId the run this one serves as a sub-run of, or empty
 * @param task the task
 * @param budget the run's budget, or {@code null} for the agent's
 * @param listener hears the run's events (made safe: what it throws is logged and ignored)
 * @param sinks where the run's trajectory is recorded
 */
public record RunRequest(
    String runId,
    String parentRunId,
    Task task,
    Budget budget,
    AgentListener listener,
    List<TrajectorySink> sinks) {

  private static final AgentListener SILENT = new AgentListener() {};

  /** Checks and copies the fields. */
  public RunRequest {
    Objects.requireNonNull(runId, "runId is required, but was null");
    if (runId.isBlank()) {
      throw new IllegalArgumentException("runId is required, but was blank");
    }
    parentRunId = parentRunId == null ? "" : parentRunId;
    Objects.requireNonNull(task, "task is required, but was null");
    listener = listener == null ? SILENT : listener;
    sinks = List.copyOf(sinks);
  }

  /** A request for run {@code runId} of {@code task}: the agent's budget, no listener, no sink. */
  public static RunRequest of(String runId, Task task) {
    return new RunRequest(runId, "", task, null, SILENT, List.of());
  }

  /** A copy with the budget {@code budget} ({@code null} for the agent's). */
  public RunRequest withBudget(Budget budget) {
    return new RunRequest(runId, parentRunId, task, budget, listener, sinks);
  }

  /** A copy recording to {@code sinks}. */
  public RunRequest withSinks(List<TrajectorySink> sinks) {
    return new RunRequest(runId, parentRunId, task, budget, listener, sinks);
  }

  /** A copy reporting to {@code listener}. */
  public RunRequest withListener(AgentListener listener) {
    return new RunRequest(runId, parentRunId, task, budget, listener, sinks);
  }

  /** A copy recorded as a sub-run of {@code parentRunId}. */
  public RunRequest withParentRunId(String parentRunId) {
    return new RunRequest(runId, parentRunId, task, budget, listener, sinks);
  }
}
