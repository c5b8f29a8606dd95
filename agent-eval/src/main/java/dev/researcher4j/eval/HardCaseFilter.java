package dev.researcher4j.eval;

import dev.researcher4j.eval.internal.FilterParser;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses items for the next training round from their evaluation counts ({@link ItemStats}), and
 * says why each was chosen.
 *
 * <p>Typed filters: {@link #neverSolved()}, {@link #passAtKBelow}, {@link #avgBetween}, {@link
 * #hasGraderError()}, combined with {@link #and}, {@link #or}, {@link #negate}. Or a small
 * language, {@link #parse}:
 *
 * <pre>
 *   never_solved                      no graded attempt correct (and at least one graded)
 *   grader_error                      at least one attempt the grader could not decide
 *   pass@4 &lt; 0.5                      any of pass@K, avg, n, c, attempts, grader_errors
 *                                     compared with &lt; &lt;= &gt; &gt;= = !=
 *   0 &lt; avg &lt; 1                        chained comparison
 *   avg between 0.2 and 0.8           inclusive
 *   never_solved or (pass@4 &lt; 0.5 and not grader_error)
 * </pre>
 *
 * <p>An item without enough graded attempts for a figure (pass@4 of an item with n = 3; avg of an
 * item with n = 0) does not match a comparison on it. Filters are immutable and thread-safe.
 */
@FunctionalInterface
public interface HardCaseFilter {

  /** Why the item is chosen, or empty when it is not. */
  Optional<String> select(ItemStats stats);

  /** Whether the item is chosen. */
  default boolean test(ItemStats stats) {
    return select(stats).isPresent();
  }

  /** Chosen when both are; the reasons joined. */
  default HardCaseFilter and(HardCaseFilter other) {
    Objects.requireNonNull(other, "other");
    return stats -> {
      Optional<String> first = select(stats);
      if (first.isEmpty()) {
        return first;
      }
      return other.select(stats).map(second -> first.get() + " and " + second);
    };
  }

  /** Chosen when either is; the first reason that applies. */
  default HardCaseFilter or(HardCaseFilter other) {
    Objects.requireNonNull(other, "other");
    return stats -> {
      Optional<String> first = select(stats);
      return first.isPresent() ? first : other.select(stats);
    };
  }

  /** Chosen when this one is not. */
  default HardCaseFilter negate() {
    return stats ->
        select(stats).isPresent()
            ? Optional.empty()
            : Optional.of("not chosen by the negated filter");
  }

  /** Items with at least one graded attempt and none correct. */
  static HardCaseFilter neverSolved() {
    return stats ->
        stats.n() > 0 && stats.correct() == 0
            ? Optional.of("never solved (0 of " + stats.n() + ")")
            : Optional.empty();
  }

  /**
   * Items whose unbiased pass@k is below {@code threshold}; items with fewer than k graded attempts
   * are not chosen.
   */
  static HardCaseFilter passAtKBelow(int k, double threshold) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, but was " + k);
    }
    return stats -> {
      if (stats.n() < k) {
        return Optional.empty();
      }
      double value = stats.passAtK(k);
      return value < threshold
          ? Optional.of(
              String.format(Locale.ROOT, "pass@%d = %.3f < %s", k, value, plain(threshold)))
          : Optional.empty();
    };
  }

  /** Items whose avg (c/n) is in [{@code low}, {@code high}]; items with n = 0 are not chosen. */
  static HardCaseFilter avgBetween(double low, double high) {
    if (!(low <= high)) {
      throw new IllegalArgumentException("low must be <= high, but were " + low + " and " + high);
    }
    return stats -> {
      double avg = stats.avg();
      return !Double.isNaN(avg) && avg >= low && avg <= high
          ? Optional.of(
              String.format(
                  Locale.ROOT, "avg = %.3f between %s and %s", avg, plain(low), plain(high)))
          : Optional.empty();
    };
  }

  /** Items with at least one grader error. */
  static HardCaseFilter hasGraderError() {
    return stats ->
        stats.graderErrors() > 0
            ? Optional.of(stats.graderErrors() + " grader error(s)")
            : Optional.empty();
  }

  /**
   * A filter from its text (see the type's description).
   *
   * @throws IllegalArgumentException saying where and what was expected when the text does not
   *     parse
   */
  static HardCaseFilter parse(String expression) {
    return FilterParser.parse(expression);
  }

  private static String plain(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
