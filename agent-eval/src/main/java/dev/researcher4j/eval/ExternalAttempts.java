package dev.researcher4j.eval;

import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.eval.internal.AttemptRecorder;
import dev.researcher4j.eval.internal.EvalPlan;
import dev.researcher4j.eval.internal.EvalRunner;
import dev.researcher4j.eval.internal.Metrics;
import dev.researcher4j.eval.internal.Reports;
import dev.researcher4j.eval.internal.ResultsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@link Evaluation} whose attempts something else runs — a workflow engine, one durable run per
 * attempt, on many machines — while this side does what {@link Evaluation#run()} does around them:
 * lists the attempts still to run (so a restarted evaluation skips what is recorded), builds each
 * attempt's task, grades, rewards and saves each attempt, appends its line to {@code
 * results.jsonl}, and writes the summary. The output directory is the same as a local run's, and
 * the two can take turns on it. Made by {@link Evaluation.Builder#buildExternal()}.
 *
 * <p><b>Experimental.</b> Thread-safe; several processes may record into one directory at once
 * (each line is appended under a file lock).
 */
public final class ExternalAttempts {

  /**
   * One attempt to run.
   *
   * @param item the item
   * @param attempt the attempt number, from 1
   * @param task the task to run, as the evaluation asks it
   */
  public record Attempt(EvalItem item, int attempt, Task task) {
    /** Checks the fields. */
    public Attempt {
      Objects.requireNonNull(item, "item is required, but was null");
      Objects.requireNonNull(task, "task is required, but was null");
    }
  }

  /**
   * What is to run.
   *
   * @param evalRunId the evaluation run's id (stable across restarts)
   * @param attemptsExpected items × k
   * @param attemptsRecorded attempts already recorded
   * @param pending the attempts still to run, in dataset order
   */
  public record Plan(
      String evalRunId, int attemptsExpected, int attemptsRecorded, List<Attempt> pending) {
    /** Copies the list. */
    public Plan {
      pending = List.copyOf(pending);
    }
  }

  private final EvalRunner.Config config;
  private final AttemptRecorder recorder;

  ExternalAttempts(EvalRunner.Config config) {
    this.config = config;
    this.recorder =
        new AttemptRecorder(
            config.graders(), config.rewardFunction(), config.store(), config.clock());
  }

  /**
   * Prepares the output directory ({@code eval.json}, a half-written last results line removed) and
   * lists the attempts not yet recorded.
   *
   * @throws dev.researcher4j.api.ConfigurationException if an item's grader cannot be found
   * @throws UncheckedIOException if the directory cannot be written
   */
  public Plan plan() {
    config.graders().validate(config.dataset());
    try {
      Files.createDirectories(config.outputDir());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create " + config.outputDir() + ": " + e.getMessage(), e);
    }
    EvalPlan plan =
        EvalPlan.prepare(config.outputDir(), config.dataset(), config.k(), config.clock());
    List<Attempt> pending = new ArrayList<>();
    for (EvalPlan.Pending p : plan.pending()) {
      pending.add(
          new Attempt(
              p.item(),
              p.attempt(),
              EvalPlan.task(
                  plan.info().runId(),
                  config.dataset(),
                  config.instructions(),
                  p.item(),
                  p.attempt())));
    }
    return new Plan(
        plan.info().runId(), config.dataset().size() * config.k(), plan.done(), pending);
  }

  /** Grades and records an attempt whose run ended with {@code trajectory}. */
  public AttemptResult recordFinished(Attempt attempt, Trajectory trajectory, Instant startedAt) {
    Objects.requireNonNull(trajectory, "trajectory is required, but was null");
    return append(
        recorder.record(
            attempt.item(), attempt.attempt(), AttemptStatus.FINISHED, trajectory, "", startedAt));
  }

  /**
   * Records an attempt whose run left no trajectory: it timed out ({@link AttemptStatus#TIMED_OUT})
   * or crashed ({@link AttemptStatus#CRASHED}); it is graded as an empty answer.
   */
  public AttemptResult recordFailed(
      Attempt attempt, AttemptStatus status, String error, Instant startedAt) {
    if (status == AttemptStatus.FINISHED) {
      throw new IllegalArgumentException("status must be a failure, but was " + status);
    }
    Trajectory placeholder =
        AttemptRecorder.placeholder(
            attempt.task(),
            status == AttemptStatus.TIMED_OUT ? StopReason.CANCELLED : StopReason.FAILED,
            error,
            startedAt,
            config.clock());
    return append(
        recorder.record(attempt.item(), attempt.attempt(), status, placeholder, error, startedAt));
  }

  /** The summary of what is recorded; {@code summary.json} and {@code summary.md} rewritten. */
  public EvalSummary summarize() {
    String runId =
        dev.researcher4j.eval.internal.RunInfo.read(config.outputDir())
            .map(dev.researcher4j.eval.internal.RunInfo::runId)
            .orElse("");
    EvalSummary summary =
        Metrics.summarize(
            runId,
            config.dataset(),
            config.k(),
            ResultsFile.read(config.outputDir().resolve(Evaluation.RESULTS_FILE)).results());
    Reports.write(config.outputDir(), summary);
    return summary;
  }

  private AttemptResult append(AttemptResult result) {
    byte[] line = (ResultsFile.toJson(result).toString() + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel channel =
        FileChannel.open(
            config.outputDir().resolve(Evaluation.RESULTS_FILE),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      FileLock lock = channel.lock();
      try {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(false);
      } finally {
        lock.release();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append a result: " + e.getMessage(), e);
    }
    return result;
  }
}
