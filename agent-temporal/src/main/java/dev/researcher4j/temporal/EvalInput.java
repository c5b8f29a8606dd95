package dev.researcher4j.temporal;

import dev.researcher4j.api.Budget;
import java.time.Duration;
import java.util.Objects;

/**
 * What an {@link EvalWorkflow} is started with. Paths are as the workers see them (a file system
 * they share).
 *
 * @param evalId the evaluation's id (the workflow id), or empty for a new one
 * @param dataset the dataset file (JSONL)
 * @param attempts attempts per item (k), at least 1
 * @param concurrency most attempts running at once, at least 1
 * @param outputDir where results, trajectories and reports go (as for a local evaluation)
 * @param instructions added to every task, or empty
 * @param attemptTimeout longest an attempt may run before it counts as timed out
 * @param budget each run's budget, or {@code null} for the workers' agent's
 */
public record EvalInput(
    String evalId,
    String dataset,
    int attempts,
    int concurrency,
    String outputDir,
    String instructions,
    Duration attemptTimeout,
    Budget budget) {

  /** Default per-attempt timeout. */
  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofMinutes(45);

  /** Checks the fields. */
  public EvalInput {
    evalId = evalId == null ? "" : evalId;
    Objects.requireNonNull(dataset, "dataset is required, but was null");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1, but was " + attempts);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1, but was " + concurrency);
    }
    Objects.requireNonNull(outputDir, "outputDir is required, but was null");
    instructions = instructions == null ? "" : instructions;
    attemptTimeout = attemptTimeout == null ? DEFAULT_ATTEMPT_TIMEOUT : attemptTimeout;
    if (attemptTimeout.isZero() || attemptTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "attemptTimeout must be positive, but was " + attemptTimeout);
    }
  }

  /** An evaluation of {@code dataset}, {@code attempts} per item, into {@code outputDir}. */
  public static EvalInput of(String dataset, int attempts, int concurrency, String outputDir) {
    return new EvalInput("", dataset, attempts, concurrency, outputDir, "", null, null);
  }

  /** A copy with id {@code evalId}. */
  public EvalInput withEvalId(String evalId) {
    return new EvalInput(
        evalId, dataset, attempts, concurrency, outputDir, instructions, attemptTimeout, budget);
  }

  /** A copy giving each run {@code budget}. */
  public EvalInput withBudget(Budget budget) {
    return new EvalInput(
        evalId, dataset, attempts, concurrency, outputDir, instructions, attemptTimeout, budget);
  }

  /** A copy with per-attempt timeout {@code timeout}. */
  public EvalInput withAttemptTimeout(Duration timeout) {
    return new EvalInput(
        evalId, dataset, attempts, concurrency, outputDir, instructions, timeout, budget);
  }
}
