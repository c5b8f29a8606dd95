package dev.researcher4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.researcher4j.api.Grade;
import dev.researcher4j.eval.internal.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private static AttemptResult result(
      String item, int attempt, Grade.Label label, double confidence, int steps, double cost) {
    Grade grade =
        new Grade(
            "exact-match/1", "", label, label == Grade.Label.CORRECT ? 1 : 0, "", "", confidence);
    return new AttemptResult(
        item,
        attempt,
        AttemptStatus.FINISHED,
        "a",
        grade,
        steps,
        steps * 2,
        10L * steps,
        5L * steps,
        cost,
        Duration.ofSeconds(steps),
        "COMPLETED",
        "",
        "",
        0,
        Instant.EPOCH);
  }

  @Test
  void calibrationErrorIsHlesRootMeanSquareOverSortedBins() {
    double[] confidence = {0.9, 0.1, 0.9, 0.1};
    double[] correct = {1, 0, 0, 0};

    // One bin: mean confidence 0.5, accuracy 0.25.
    assertThat(Metrics.calibrationError(confidence, correct, 100)).isCloseTo(0.25, within(1e-12));
    // Bins of 2 after sorting: {0.1, 0.1} right 0 of 2, {0.9, 0.9} right 1 of 2.
    assertThat(Metrics.calibrationError(confidence, correct, 2))
        .isCloseTo(Math.sqrt(0.5 * 0.01 + 0.5 * 0.16), within(1e-12));
    // Five pairs in bins of 2: the last bin takes the remainder, {0.1,0.2} and {0.8,0.9,1.0}.
    double[] five = {1.0, 0.1, 0.9, 0.2, 0.8};
    double[] fiveRight = {1, 0, 1, 1, 0};
    double first = 0.15 - 0.5;
    double last = 0.9 - 2 / 3.0;
    assertThat(Metrics.calibrationError(five, fiveRight, 2))
        .isCloseTo(Math.sqrt(2 / 5.0 * first * first + 3 / 5.0 * last * last), within(1e-12));
    assertThat(Metrics.calibrationError(new double[0], new double[0], 100)).isNaN();
    // Perfectly calibrated.
    assertThat(Metrics.calibrationError(new double[] {1, 0}, new double[] {1, 0}, 1)).isZero();
  }

  @Test
  void distributionsInterpolatePercentilesLikeNumpy() {
    Distribution d = Distribution.of(5, 1, 4, 2, 3);

    assertThat(d.count()).isEqualTo(5);
    assertThat(d.mean()).isEqualTo(3);
    assertThat(d.p50()).isEqualTo(3);
    assertThat(d.p95()).isCloseTo(4.8, within(1e-12));
    assertThat(d.max()).isEqualTo(5);
    assertThat(Distribution.of(7).p95()).isEqualTo(7);
    assertThat(Distribution.of().mean()).isNaN();
  }

  @Test
  void summariesIgnoreAttemptsBeyondKAndItemsOutsideTheDatasetAndFlagMissingAttempts() {
    Dataset dataset =
        Dataset.of("d", List.of(EvalItem.of("a", "Q", "A"), EvalItem.of("b", "Q", "B")));
    List<AttemptResult> results = new ArrayList<>();
    results.add(result("a", 1, Grade.Label.CORRECT, 0.9, 2, 0.1));
    results.add(result("a", 2, Grade.Label.INCORRECT, 0.8, 4, 0.2));
    results.add(result("a", 3, Grade.Label.CORRECT, 0.9, 4, 0.2));
    results.add(result("b", 1, Grade.Label.INCORRECT, Double.NaN, 6, 0.3));
    results.add(result("zzz", 1, Grade.Label.CORRECT, 1, 1, 9));

    EvalSummary summary = Metrics.summarize("run", dataset, 2, results);

    assertThat(summary.attemptsExpected()).isEqualTo(4);
    assertThat(summary.attemptsRecorded()).isEqualTo(3);
    assertThat(summary.complete()).isFalse();
    assertThat(summary.passAt1()).isCloseTo((0.5 + 0) / 2, within(1e-12));
    PassAtK two = summary.passAtK(2).orElseThrow();
    assertThat(two.value()).isEqualTo(1.0);
    assertThat(two.items()).isEqualTo(1);
    assertThat(two.itemsWithFewerAttempts()).containsExactly("b");
    assertThat(summary.accuracy()).isEqualTo(0.25);
    assertThat(summary.confidences()).isEqualTo(2);
    assertThat(summary.calibrationError()).isCloseTo(Math.abs(0.85 - 0.5), within(1e-12));
    assertThat(summary.steps().mean()).isEqualTo(4);
    assertThat(summary.totalCostUsd()).isCloseTo(0.6, within(1e-12));
    assertThat(summary.item("b").orElseThrow().labels()).containsExactly(Grade.Label.INCORRECT);
  }
}
