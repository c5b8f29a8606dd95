package dev.researcher4j.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Totals over a run's steps.
 *
 * @param usage tokens and cost summed
 * @param steps number of steps
 * @param modelCalls number of model calls
 * @param toolCalls number of tool calls (cached ones included)
 * @param failedToolCalls number of tool calls that ended in an error observation
 * @param sources number of distinct sources registered
 * @param elapsed wall time from start to end
 */
public record RunTotals(
    Usage usage,
    int steps,
    int modelCalls,
    int toolCalls,
    int failedToolCalls,
    int sources,
    Duration elapsed) {

  /** Checks the fields. */
  public RunTotals {
    Objects.requireNonNull(usage, "usage is required, but was null");
    Objects.requireNonNull(elapsed, "elapsed is required, but was null");
  }

  /** Totals computed from steps. */
  public static RunTotals of(List<Step> steps, int sources, Duration elapsed) {
    Usage usage = Usage.ZERO;
    int modelCalls = 0;
    int toolCalls = 0;
    int failed = 0;
    for (Step step : steps) {
      usage = usage.plus(step.usage());
      if (step.modelCall() != null) {
        modelCalls++;
      }
      for (ToolExecution execution : step.toolExecutions()) {
        toolCalls++;
        if (execution.status().isFailure()) {
          failed++;
        }
      }
    }
    return new RunTotals(usage, steps.size(), modelCalls, toolCalls, failed, sources, elapsed);
  }
}
