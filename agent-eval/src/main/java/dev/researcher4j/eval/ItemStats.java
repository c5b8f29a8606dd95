package dev.researcher4j.eval;

import dev.researcher4j.api.Grade;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The attempts at one item, counted.
 *
 * <p>{@code n} counts the attempts that have a verdict (correct, incorrect or not attempted — a
 * timeout or crash is an attempt that gave no answer). Grader errors are neither pass nor fail:
 * they are left out of {@code n} and counted in {@code graderErrors}.
 *
 * @param itemId the item's id
 * @param attempts attempts recorded, grader errors included
 * @param n attempts with a verdict
 * @param correct correct attempts ({@code c})
 * @param incorrect incorrect attempts
 * @param notAttempted attempts without an answer (timeouts and crashes included)
 * @param graderErrors attempts the grader could not decide
 * @param timedOut attempts that timed out
 * @param crashed attempts whose agent threw
 * @param labels each recorded attempt's label, by attempt number
 */
public record ItemStats(
    String itemId,
    int attempts,
    int n,
    int correct,
    int incorrect,
    int notAttempted,
    int graderErrors,
    int timedOut,
    int crashed,
    List<Grade.Label> labels) {

  /** Checks the fields. */
  public ItemStats {
    Objects.requireNonNull(itemId, "itemId is required, but was null");
    if (correct < 0 || correct > n || n > attempts) {
      throw new IllegalArgumentException(
          "need 0 <= correct <= n <= attempts, but were " + correct + ", " + n + ", " + attempts);
    }
    labels = List.copyOf(labels);
  }

  /** Counts {@code results}, which must all be attempts at {@code itemId}. */
  public static ItemStats of(String itemId, List<AttemptResult> results) {
    List<AttemptResult> sorted = new ArrayList<>(results);
    sorted.sort(Comparator.comparingInt(AttemptResult::attempt));
    int correct = 0;
    int incorrect = 0;
    int notAttempted = 0;
    int errors = 0;
    int timedOut = 0;
    int crashed = 0;
    List<Grade.Label> labels = new ArrayList<>();
    for (AttemptResult r : sorted) {
      if (!r.itemId().equals(itemId)) {
        throw new IllegalArgumentException("result of " + r.itemId() + " is not for " + itemId);
      }
      labels.add(r.label());
      switch (r.label()) {
        case CORRECT -> correct++;
        case INCORRECT -> incorrect++;
        case NOT_ATTEMPTED -> notAttempted++;
        case GRADER_ERROR -> errors++;
      }
      if (r.status() == AttemptStatus.TIMED_OUT) {
        timedOut++;
      } else if (r.status() == AttemptStatus.CRASHED) {
        crashed++;
      }
    }
    return new ItemStats(
        itemId,
        sorted.size(),
        correct + incorrect + notAttempted,
        correct,
        incorrect,
        notAttempted,
        errors,
        timedOut,
        crashed,
        labels);
  }

  /** The share of graded attempts that are correct ({@code c/n}); {@code NaN} when n is 0. */
  public double avg() {
    return n == 0 ? Double.NaN : (double) correct / n;
  }

  /**
   * This item's unbiased pass@k.
   *
   * @throws IllegalArgumentException if {@code k > n}
   */
  public double passAtK(int k) {
    return PassAtK.estimate(n, correct, k);
  }
}
