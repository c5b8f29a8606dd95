package dev.researcher4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PassAtKTest {

  @Test
  void matchesValuesComputedByHand() {
    assertThat(PassAtK.estimate(4, 1, 1)).isEqualTo(0.25);
    // 1 − C(3,2)/C(4,2) = 1 − 3/6
    assertThat(PassAtK.estimate(4, 1, 2)).isCloseTo(0.5, within(1e-15));
    // 1 − C(3,3)/C(4,3) = 1 − 1/4
    assertThat(PassAtK.estimate(4, 1, 3)).isCloseTo(0.75, within(1e-15));
    assertThat(PassAtK.estimate(4, 1, 4)).isEqualTo(1.0);
    // 1 − C(2,2)/C(4,2) = 1 − 1/6
    assertThat(PassAtK.estimate(4, 2, 2)).isCloseTo(5 / 6.0, within(1e-15));
    // 1 − C(3,2)/C(5,2) = 1 − 3/10
    assertThat(PassAtK.estimate(5, 2, 2)).isCloseTo(0.7, within(1e-15));
    // 1 − C(7,3)/C(10,3) = 1 − 35/120
    assertThat(PassAtK.estimate(10, 3, 3)).isCloseTo(1 - 35 / 120.0, within(1e-15));
    // 1 − C(999,500)/C(1000,500) = 1 − 500/1000
    assertThat(PassAtK.estimate(1000, 1, 500)).isCloseTo(0.5, within(1e-12));
    assertThat(PassAtK.estimate(7, 0, 3)).isZero();
    assertThat(PassAtK.estimate(7, 7, 1)).isEqualTo(1.0);
    assertThat(PassAtK.estimate(7, 5, 3)).isEqualTo(1.0);
  }

  @Test
  void atKEqualToOneItIsTheShareCorrect() {
    for (int n = 1; n <= 30; n++) {
      for (int c = 0; c <= n; c++) {
        assertThat(PassAtK.estimate(n, c, 1)).isCloseTo((double) c / n, within(1e-14));
      }
    }
  }

  @Test
  void equalsTheExactBinomialFormulaEverywhereIncludingLargeN() {
    for (int n = 1; n <= 40; n++) {
      for (int c = 0; c <= n; c++) {
        for (int k = 1; k <= n; k++) {
          assertThat(PassAtK.estimate(n, c, k))
              .as("n=%d c=%d k=%d", n, c, k)
              .isCloseTo(exact(n, c, k), within(1e-12));
        }
      }
    }
    int[][] large = {
      {1000, 3, 10}, {1000, 10, 100}, {1000, 500, 2}, {2000, 1, 1999}, {5000, 7, 250}
    };
    for (int[] t : large) {
      // Factorials of these overflow any double: the product form must not.
      double estimate = PassAtK.estimate(t[0], t[1], t[2]);
      assertThat(estimate).isBetween(0.0, 1.0);
      assertThat(estimate).isCloseTo(exact(t[0], t[1], t[2]), within(1e-12));
    }
  }

  @Test
  void equalsTheShareOfAllKSubsetsHoldingACorrectAttempt() {
    for (int n = 1; n <= 12; n++) {
      for (int c = 0; c <= n; c++) {
        for (int k = 1; k <= n; k++) {
          int subsets = 0;
          int withCorrect = 0;
          // Attempts 0..c-1 are the correct ones.
          for (int mask = 0; mask < 1 << n; mask++) {
            if (Integer.bitCount(mask) == k) {
              subsets++;
              if ((mask & ((1 << c) - 1)) != 0) {
                withCorrect++;
              }
            }
          }
          assertThat(PassAtK.estimate(n, c, k))
              .as("n=%d c=%d k=%d", n, c, k)
              .isCloseTo((double) withCorrect / subsets, within(1e-12));
        }
      }
    }
  }

  @Test
  void agreesWithTheNaiveEstimateOnLargeSeededSamples() {
    Random random = new Random(20250620L);
    int items = 300;
    int n = 10;
    int draws = 2000;
    int[] correct = new int[items];
    for (int i = 0; i < items; i++) {
      // Items of every difficulty: each attempt right with the item's own probability.
      double p = random.nextDouble();
      for (int a = 0; a < n; a++) {
        correct[i] += random.nextDouble() < p ? 1 : 0;
      }
    }
    for (int k = 1; k <= n; k++) {
      double unbiased = 0;
      double naive = 0;
      double withReplacement = 0;
      for (int i = 0; i < items; i++) {
        unbiased += PassAtK.estimate(n, correct[i], k);
        withReplacement += 1 - Math.pow(1 - (double) correct[i] / n, k);
        int hits = 0;
        for (int d = 0; d < draws; d++) {
          if (randomSubsetHasCorrect(random, n, correct[i], k)) {
            hits++;
          }
        }
        naive += (double) hits / draws;
      }
      unbiased /= items;
      naive /= items;
      withReplacement /= items;
      assertThat(unbiased).as("pass@%d", k).isCloseTo(naive, within(0.005));
      if (k > 1) {
        // Drawing with replacement (bootstrap best@k) underestimates pass@k.
        assertThat(withReplacement).as("with replacement at k=%d", k).isLessThan(unbiased - 0.01);
      }
    }
  }

  /** Draws k of n attempts without replacement (partial Fisher–Yates); 0..c-1 are correct. */
  private static boolean randomSubsetHasCorrect(Random random, int n, int c, int k) {
    int[] attempts = new int[n];
    for (int i = 0; i < n; i++) {
      attempts[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(n - i);
      int swap = attempts[i];
      attempts[i] = attempts[j];
      attempts[j] = swap;
      if (attempts[i] < c) {
        return true;
      }
    }
    return false;
  }

  @Test
  void rejectsKAboveNAndCountsOutOfRange() {
    assertThatThrownBy(() -> PassAtK.estimate(3, 1, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k must be <= n (the number of attempts), but k was 4 and n was 3");
    assertThatThrownBy(() -> PassAtK.estimate(3, 1, 0)).hasMessage("k must be >= 1, but was 0");
    assertThatThrownBy(() -> PassAtK.estimate(3, 4, 1))
        .hasMessage("c must be in [0, n=3], but was 4");
    assertThatThrownBy(() -> PassAtK.estimate(3, -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PassAtK.estimate(0, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static double exact(int n, int c, int k) {
    BigInteger all = binomial(n, k);
    BigInteger none = n - c >= k ? binomial(n - c, k) : BigInteger.ZERO;
    return BigDecimal.ONE
        .subtract(new BigDecimal(none).divide(new BigDecimal(all), MathContext.DECIMAL128))
        .doubleValue();
  }

  private static BigInteger binomial(int n, int k) {
    BigInteger result = BigInteger.ONE;
    for (int i = 1; i <= k; i++) {
      result = result.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
    }
    return result;
  }
}
