package dev.researcher4j.temporal.internal;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.eval.AttemptResult;
import dev.researcher4j.eval.AttemptStatus;
import dev.researcher4j.eval.Dataset;
import dev.researcher4j.eval.EvalSummary;
import dev.researcher4j.eval.Evaluation;
import dev.researcher4j.eval.ExternalAttempts;
import dev.researcher4j.temporal.EvalInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * An evaluation's side effects on a worker, each through {@link ExternalAttempts}: the same
 * grading, rewards, files and summary as a local evaluation. Thread-safe.
 */
public final class EvalActivitiesImpl implements EvalActivities {

  private final ChatModel judge;

  /** Activities grading free-text answers with {@code judge} ({@code null}: no judge). */
  public EvalActivitiesImpl(ChatModel judge) {
    this.judge = judge;
  }

  private ExternalAttempts attempts(EvalInput input) {
    Evaluation.Builder builder =
        Evaluation.builder()
            .dataset(Dataset.load(Path.of(input.dataset())))
            .attempts(input.attempts())
            .outputDir(Path.of(input.outputDir()))
            .instructions(input.instructions());
    if (judge != null) {
      builder.judge(judge);
    }
    return builder.buildExternal();
  }

  @Override
  public ExternalAttempts.Plan plan(EvalInput input) {
    return attempts(input).plan();
  }

  @Override
  public AttemptResult recordFinished(
      EvalInput input, ExternalAttempts.Attempt attempt, String trajectory, long startedAtMillis) {
    try {
      return attempts(input)
          .recordFinished(
              attempt,
              TrajectoryReader.read(Path.of(trajectory)),
              Instant.ofEpochMilli(startedAtMillis));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + trajectory + ": " + e.getMessage(), e);
    }
  }

  @Override
  public AttemptResult recordFailed(
      EvalInput input,
      ExternalAttempts.Attempt attempt,
      AttemptStatus status,
      String error,
      long startedAtMillis) {
    return attempts(input)
        .recordFailed(attempt, status, error, Instant.ofEpochMilli(startedAtMillis));
  }

  @Override
  public EvalSummary summarize(EvalInput input) {
    return attempts(input).summarize();
  }
}
