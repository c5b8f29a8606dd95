package dev.researcher4j.eval;

import java.util.Arrays;

/**
 * Mean, median, 95th percentile and maximum of a quantity over attempts. Percentiles interpolate
 * linearly between the closest ranks (NumPy's default); every figure is {@code NaN} when there are
 * no values.
 *
 * @param count how many values
 * @param mean their mean
 * @param p50 their median
 * @param p95 their 95th percentile
 * @param max the largest
 */
public record Distribution(int count, double mean, double p50, double p95, double max) {

  /** No values. */
  public static final Distribution EMPTY =
      new Distribution(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /** The distribution of {@code values}. */
  public static Distribution of(double... values) {
    if (values.length == 0) {
      return EMPTY;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    return new Distribution(
        sorted.length,
        sum / sorted.length,
        percentile(sorted, 0.50),
        percentile(sorted, 0.95),
        sorted[sorted.length - 1]);
  }

  private static double percentile(double[] sorted, double p) {
    double rank = p * (sorted.length - 1);
    int below = (int) Math.floor(rank);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
  }
}
