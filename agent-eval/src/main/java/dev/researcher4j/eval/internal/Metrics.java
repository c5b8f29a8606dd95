package dev.researcher4j.eval.internal;

import dev.researcher4j.api.Grade;
import dev.researcher4j.eval.AttemptResult;
import dev.researcher4j.eval.AttemptStatus;
import dev.researcher4j.eval.Dataset;
import dev.researcher4j.eval.Distribution;
import dev.researcher4j.eval.EvalItem;
import dev.researcher4j.eval.EvalSummary;
import dev.researcher4j.eval.ItemStats;
import dev.researcher4j.eval.PassAtK;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Computes an {@link EvalSummary} from results. */
public final class Metrics {
  private Metrics() {}

  /** HLE's calibration bin size. */
  public static final int CALIBRATION_BIN = 100;

  /** The summary of {@code results} for {@code dataset} at {@code k} attempts per item. */
  public static EvalSummary summarize(
      String runId, Dataset dataset, int k, List<AttemptResult> results) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, but was " + k);
    }
    Map<String, Map<Integer, AttemptResult>> byItem = new HashMap<>();
    for (AttemptResult r : results) {
      if (r.attempt() <= k && dataset.item(r.itemId()).isPresent()) {
        byItem.computeIfAbsent(r.itemId(), id -> new TreeMap<>()).putIfAbsent(r.attempt(), r);
      }
    }
    List<ItemStats> perItem = new ArrayList<>();
    List<AttemptResult> counted = new ArrayList<>();
    for (EvalItem item : dataset.items()) {
      List<AttemptResult> attempts =
          new ArrayList<>(byItem.getOrDefault(item.id(), Map.of()).values());
      counted.addAll(attempts);
      perItem.add(ItemStats.of(item.id(), attempts));
    }

    Map<Grade.Label, Integer> labels = new EnumMap<>(Grade.Label.class);
    Map<AttemptStatus, Integer> statuses = new EnumMap<>(AttemptStatus.class);
    Map<String, Integer> stopReasons = new TreeMap<>();
    List<Double> steps = new ArrayList<>();
    List<Double> tools = new ArrayList<>();
    List<Double> tokens = new ArrayList<>();
    List<Double> cost = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    List<double[]> confidencePairs = new ArrayList<>();
    double totalCost = 0;
    for (AttemptResult r : counted) {
      labels.merge(r.label(), 1, Integer::sum);
      statuses.merge(r.status(), 1, Integer::sum);
      if (!r.stopReason().isEmpty()) {
        stopReasons.merge(r.stopReason(), 1, Integer::sum);
      }
      totalCost += r.costUsd();
      if (r.status() == AttemptStatus.FINISHED) {
        steps.add((double) r.steps());
        tools.add((double) r.toolCalls());
        tokens.add((double) r.tokens());
        cost.add(r.costUsd());
        seconds.add(r.elapsed().toMillis() / 1000.0);
      }
      if (r.label() != Grade.Label.GRADER_ERROR && !Double.isNaN(r.grade().confidence())) {
        confidencePairs.add(new double[] {r.grade().confidence(), r.correct() ? 1 : 0});
      }
    }

    List<PassAtK> passAtK = new ArrayList<>();
    for (int j = 1; j <= k; j++) {
      double sum = 0;
      int scored = 0;
      List<String> fewer = new ArrayList<>();
      for (ItemStats s : perItem) {
        if (s.n() >= j) {
          sum += s.passAtK(j);
          scored++;
        } else {
          fewer.add(s.itemId());
        }
      }
      passAtK.add(new PassAtK(j, scored == 0 ? Double.NaN : sum / scored, scored, fewer));
    }
    double avgSum = 0;
    int avgItems = 0;
    for (ItemStats s : perItem) {
      if (s.n() > 0) {
        avgSum += s.avg();
        avgItems++;
      }
    }
    int expected = dataset.size() * k;
    int correct = labels.getOrDefault(Grade.Label.CORRECT, 0);
    double accuracy = expected == 0 ? Double.NaN : (double) correct / expected;
    double ci = expected == 0 ? Double.NaN : 1.96 * Math.sqrt(accuracy * (1 - accuracy) / expected);
    double[] conf = new double[confidencePairs.size()];
    double[] right = new double[confidencePairs.size()];
    for (int i = 0; i < conf.length; i++) {
      conf[i] = confidencePairs.get(i)[0];
      right[i] = confidencePairs.get(i)[1];
    }
    return new EvalSummary(
        runId,
        dataset.name(),
        k,
        dataset.size(),
        expected,
        counted.size(),
        labels,
        statuses,
        stopReasons,
        passAtK,
        avgItems == 0 ? Double.NaN : avgSum / avgItems,
        accuracy,
        ci,
        calibrationError(conf, right, CALIBRATION_BIN),
        conf.length,
        distribution(steps),
        distribution(tools),
        distribution(tokens),
        distribution(cost),
        distribution(seconds),
        totalCost,
        new LinkedHashMap<>(dataset.skippedByReason()),
        dataset.problems(),
        perItem);
  }

  /**
   * HLE's RMS calibration error: pairs sorted by confidence, cut into bins of {@code binSize} (the
   * last bin takes the remainder; fewer pairs than one bin make one bin), and {@code √(Σ_b |b|/N ·
   * (mean confidence_b − accuracy_b)²)}. HLE's own code skips the last bin; this does not. {@code
   * NaN} when there are no pairs.
   */
  public static double calibrationError(double[] confidence, double[] correct, int binSize) {
    int total = confidence.length;
    if (total == 0) {
      return Double.NaN;
    }
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparingDouble(i -> confidence[i]));
    int bins = Math.max(1, total / binSize);
    double error = 0;
    for (int b = 0; b < bins; b++) {
      int from = b * binSize;
      int to = b == bins - 1 ? total : from + binSize;
      double confSum = 0;
      double rightSum = 0;
      for (int i = from; i < to; i++) {
        confSum += confidence[order[i]];
        rightSum += correct[order[i]];
      }
      int size = to - from;
      double difference = confSum / size - rightSum / size;
      error += (double) size / total * difference * difference;
    }
    return Math.sqrt(error);
  }

  private static Distribution distribution(List<Double> values) {
    return Distribution.of(values.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
