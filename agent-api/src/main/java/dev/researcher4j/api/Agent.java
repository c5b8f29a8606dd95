package dev.researcher4j.api;

import java.util.concurrent.CompletableFuture;

/**
 * Something that answers a {@link Task} and leaves a {@link Trajectory}.
 *
 * <p>A run does not throw because research went wrong: a failed run returns a trajectory whose
 * outcome has {@link StopReason#FAILED} and an error message, so the record of what happened is
 * never lost. Exceptions are for caller mistakes (a {@code null} task) and for failures to even
 * start.
 *
 * <p>Implementations are thread-safe: one agent serves many concurrent runs.
 */
public interface Agent {

  /** Runs the task to the end and returns its trajectory (with an outcome). Blocks. */
  Trajectory run(Task task);

  /**
   * Runs the task on another thread. Cancelling the returned future cancels the run where the
   * implementation supports it ({@code ResearchAgent} does: tool calls in flight are interrupted
   * and the run ends with {@link StopReason#CANCELLED}). The default runs {@link #run(Task)} on the
   * common pool and cannot be cancelled mid-run.
   */
  default CompletableFuture<Trajectory> runAsync(Task task) {
    return CompletableFuture.supplyAsync(() -> run(task));
  }
}
