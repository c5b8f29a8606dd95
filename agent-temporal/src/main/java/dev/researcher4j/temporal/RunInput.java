package dev.researcher4j.temporal;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.Task;
import java.util.Objects;

/**
 * What a {@link ResearchWorkflow} is started with.
 *
 * @param runId the run's id: its workflow id (set by {@link TemporalResearch}); empty to take the
 *     workflow id
 * @param task the task (its id and metadata are fixed here, outside the workflow)
 * @param budget the run's budget, or {@code null} for the budget of the workers' agent
 * @param parentRunId the run this one is a sub-run of, or empty
 * @param continuations how many times the run continued as new before (0 for a new run); from 1,
 *     the run picks up from its trajectory file
 */
public record RunInput(
    String runId, Task task, Budget budget, String parentRunId, int continuations) {

  /** Checks the fields. */
  public RunInput {
    runId = runId == null ? "" : runId;
    Objects.requireNonNull(task, "task is required, but was null");
    parentRunId = parentRunId == null ? "" : parentRunId;
    if (continuations < 0) {
      throw new IllegalArgumentException("continuations must be >= 0, but was " + continuations);
    }
  }

  /** A new run of {@code task} with the workers' budget. */
  public static RunInput of(Task task) {
    return new RunInput("", task, null, "", 0);
  }

  /** A copy with budget {@code budget}. */
  public RunInput withBudget(Budget budget) {
    return new RunInput(runId, task, budget, parentRunId, continuations);
  }

  /** A copy for run {@code runId}. */
  public RunInput withRunId(String runId) {
    return new RunInput(runId, task, budget, parentRunId, continuations);
  }

  /** The input of the run's next continuation. */
  public RunInput continued() {
    return new RunInput(runId, task, budget, parentRunId, continuations + 1);
  }
}
