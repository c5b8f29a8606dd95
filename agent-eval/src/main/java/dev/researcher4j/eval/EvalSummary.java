package dev.researcher4j.eval;

import dev.researcher4j.api.Grade;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The figures of an evaluation: pass@k, accuracy with its confidence interval, calibration, cost
 * and effort, counted per item and overall. Written as {@code summary.json} and {@code summary.md}.
 *
 * <p>Conventions: attempts beyond k and results of items not in the dataset are ignored. pass@k and
 * avg@n count only attempts with a verdict (grader errors left out, see {@link ItemStats}); {@link
 * #accuracy()} is HLE's: correct attempts over all {@code items × k} expected attempts, so
 * unanswered, timed-out, crashed, missing and grader-error attempts all count as wrong. Effort
 * distributions cover the attempts whose agent returned a trajectory ({@link
 * AttemptStatus#FINISHED}).
 *
 * @param runId the evaluation run's id (stable across resumes)
 * @param dataset the dataset's name
 * @param k attempts per item
 * @param items items evaluated
 * @param attemptsExpected {@code items × k}
 * @param attemptsRecorded attempts with a result
 * @param labels attempts by grade label
 * @param statuses attempts by how they ended
 * @param stopReasons attempts by the run's stop reason
 * @param passAtK pass@1 … pass@k
 * @param avgAtN the mean over items of c/n (equal to pass@1 when every item has attempts)
 * @param accuracy correct attempts over expected attempts
 * @param accuracyCi95 the half-width of the Wald 95% interval of {@code accuracy}: {@code 1.96 ×
 *     √(p(1−p)/N)} with N the expected attempts
 * @param calibrationError RMS calibration error of stated confidences (HLE's: sorted by confidence,
 *     bins of 100, the last bin taking the remainder), or {@code NaN} when no grade has one
 * @param confidences how many graded attempts stated a confidence
 * @param steps steps per finished attempt
 * @param toolCalls tool calls per finished attempt
 * @param tokens tokens (input + output) per finished attempt
 * @param costUsd cost per finished attempt, in US dollars
 * @param seconds wall time per finished attempt, in seconds
 * @param totalCostUsd cost of all recorded attempts
 * @param skipped dataset items skipped, counted by reason
 * @param datasetProblems dataset lines that could not be read
 * @param perItem per-item counts, in dataset order
 */
public record EvalSummary(
    String runId,
    String dataset,
    int k,
    int items,
    int attemptsExpected,
    int attemptsRecorded,
    Map<Grade.Label, Integer> labels,
    Map<AttemptStatus, Integer> statuses,
    Map<String, Integer> stopReasons,
    List<PassAtK> passAtK,
    double avgAtN,
    double accuracy,
    double accuracyCi95,
    double calibrationError,
    int confidences,
    Distribution steps,
    Distribution toolCalls,
    Distribution tokens,
    Distribution costUsd,
    Distribution seconds,
    double totalCostUsd,
    Map<String, Integer> skipped,
    List<DatasetProblem> datasetProblems,
    List<ItemStats> perItem) {

  /** Checks and copies. */
  public EvalSummary {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(dataset, "dataset");
    labels = Map.copyOf(labels);
    statuses = Map.copyOf(statuses);
    stopReasons = Map.copyOf(stopReasons);
    passAtK = List.copyOf(passAtK);
    Objects.requireNonNull(steps, "steps");
    Objects.requireNonNull(toolCalls, "toolCalls");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(costUsd, "costUsd");
    Objects.requireNonNull(seconds, "seconds");
    skipped = Map.copyOf(skipped);
    datasetProblems = List.copyOf(datasetProblems);
    perItem = List.copyOf(perItem);
  }

  /** Whether every expected attempt has a result. */
  public boolean complete() {
    return attemptsRecorded == attemptsExpected;
  }

  /** Attempts with this label. */
  public int count(Grade.Label label) {
    return labels.getOrDefault(label, 0);
  }

  /** Attempts that ended this way. */
  public int count(AttemptStatus status) {
    return statuses.getOrDefault(status, 0);
  }

  /** Attempts the grader could not decide. */
  public int graderErrors() {
    return count(Grade.Label.GRADER_ERROR);
  }

  /** pass@1 ({@code NaN} when nothing was graded). */
  public double passAt1() {
    return passAtK(1).map(PassAtK::value).orElse(Double.NaN);
  }

  /** pass@k for this k, when {@code k} is between 1 and the evaluation's k. */
  public Optional<PassAtK> passAtK(int k) {
    return passAtK.stream().filter(p -> p.k() == k).findFirst();
  }

  /** The counts of one item. */
  public Optional<ItemStats> item(String itemId) {
    return perItem.stream().filter(s -> s.itemId().equals(itemId)).findFirst();
  }
}
