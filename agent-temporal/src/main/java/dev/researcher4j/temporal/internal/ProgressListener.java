package dev.researcher4j.temporal.internal;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.human.HumanQuestion;
import dev.researcher4j.temporal.RunProgress;
import java.util.List;

/**
 * Keeps a run's progress in workflow state, for the {@code progress} query: it only counts, so it
 * may hear the same events again when the workflow is replayed.
 */
final class ProgressListener implements AgentListener {

  private final String runId;
  private final String trajectory;
  private String status = "RUNNING";
  private int steps;
  private int modelCalls;
  private int toolCalls;
  private long inputTokens;
  private long outputTokens;
  private double costUsd;
  private int sources;
  private String lastStep = "";
  private String draft = "";
  private String stopReason = "";

  ProgressListener(String runId, String trajectory) {
    this.runId = runId;
    this.trajectory = trajectory;
  }

  /** Counts what a record holds, for a run that continues from it. */
  void seed(Trajectory recorded) {
    recorded.steps().forEach(this::count);
    sources =
        (int)
            recorded.steps().stream()
                .flatMap(s -> s.toolExecutions().stream())
                .flatMap(e -> e.sourceIds().stream())
                .distinct()
                .count();
  }

  void cancelling() {
    if (status.equals("RUNNING")) {
      status = "CANCELLING";
    }
  }

  @Override
  public void onStepFinished(String runId, Step step) {
    count(step);
  }

  private void count(Step step) {
    steps++;
    inputTokens += step.usage().inputTokens();
    outputTokens += step.usage().outputTokens();
    costUsd += step.usage().costUsd();
    toolCalls += step.toolExecutions().size();
    if (!step.summary().isBlank()) {
      lastStep = step.summary();
    }
    if (step.modelCall() != null) {
      modelCalls++;
      ChatResponse response = step.modelCall().response();
      if (step.kind() == StepKind.MODEL
          && response.toolCalls().isEmpty()
          && !response.text().isBlank()) {
        draft = response.text();
      }
    }
  }

  @Override
  public void onSourceAdded(String runId, Source source) {
    sources++;
  }

  @Override
  public void onRunFinished(Trajectory trajectory) {
    status = "FINISHED";
    if (trajectory.outcome() != null) {
      stopReason = trajectory.outcome().stopReason().name();
      if (trajectory.outcome().hasAnswer()) {
        draft = trajectory.outcome().report();
      }
    }
  }

  RunProgress snapshot(List<HumanQuestion> questions) {
    return new RunProgress(
        runId,
        status,
        steps,
        modelCalls,
        toolCalls,
        inputTokens,
        outputTokens,
        costUsd,
        sources,
        lastStep,
        draft,
        trajectory,
        questions,
        stopReason);
  }
}
