package dev.researcher4j.eval;

import java.util.List;

/**
 * pass@k over a set of items: the chance that at least one of k attempts drawn without replacement
 * from an item's n attempts is correct, averaged over items.
 *
 * <p>{@link #estimate} is the unbiased estimator of Chen et al. (2021), {@code 1 − C(n−c, k) / C(n,
 * k)}, computed as a product so that it neither overflows nor loses precision for large n. Items
 * with fewer than k graded attempts cannot be scored at k; they are not folded in (as if they had
 * failed, or with a smaller k) but {@linkplain #itemsWithFewerAttempts() listed}.
 *
 * @param k the number of attempts drawn
 * @param value the mean pass@k over the items that have at least k graded attempts; {@code NaN}
 *     when there are none
 * @param items the number of items that value averages
 * @param itemsWithFewerAttempts ids of items left out for having fewer than k graded attempts
 */
public record PassAtK(int k, double value, int items, List<String> itemsWithFewerAttempts) {

  /** Checks the fields. */
  public PassAtK {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, but was " + k);
    }
    itemsWithFewerAttempts = List.copyOf(itemsWithFewerAttempts);
  }

  /** Whether every item could be scored at k. */
  public boolean complete() {
    return itemsWithFewerAttempts.isEmpty();
  }

  /**
   * The unbiased pass@k of one item with {@code n} graded attempts of which {@code c} are correct:
   * {@code 1 − C(n−c, k)/C(n, k)}, computed as {@code 1 − ∏_{i=n−c+1..n} (1 − k/i)}, and exactly 1
   * when {@code n − c < k}.
   *
   * @throws IllegalArgumentException if {@code k < 1}, {@code k > n}, or {@code c} is not in [0, n]
   */
  public static double estimate(int n, int c, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, but was " + k);
    }
    if (c < 0 || c > n) {
      throw new IllegalArgumentException("c must be in [0, n=" + n + "], but was " + c);
    }
    if (k > n) {
      throw new IllegalArgumentException(
          "k must be <= n (the number of attempts), but k was " + k + " and n was " + n);
    }
    if (n - c < k) {
      return 1.0;
    }
    double allWrong = 1.0;
    for (int i = n - c + 1; i <= n; i++) {
      allWrong *= 1.0 - (double) k / i;
    }
    return 1.0 - allWrong;
  }
}
