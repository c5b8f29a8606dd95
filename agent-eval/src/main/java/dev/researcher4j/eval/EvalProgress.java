package dev.researcher4j.eval;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a running evaluation stands, for a progress bar.
 *
 * @param done attempts recorded, those from before a resume included
 * @param total attempts expected ({@code items × k})
 * @param resumed attempts that were already recorded when this run started
 * @param correct correct attempts so far
 * @param graded attempts with a verdict so far (grader errors excluded)
 * @param graderErrors attempts the grader could not decide so far
 * @param costUsd money spent by the recorded attempts, in US dollars
 * @param elapsed time since this run started
 * @param eta the expected time to finish, from this run's pace; {@code null} before the first
 *     attempt of this run is done
 */
public record EvalProgress(
    int done,
    int total,
    int resumed,
    int correct,
    int graded,
    int graderErrors,
    double costUsd,
    Duration elapsed,
    Duration eta) {

  /** The pass rate so far (correct over graded); {@code NaN} before anything was graded. */
  public double passRate() {
    return graded == 0 ? Double.NaN : (double) correct / graded;
  }

  /** The share of attempts done, in [0, 1]. */
  public double fraction() {
    return total == 0 ? 1 : (double) done / total;
  }

  /** The expected time to finish, once it can be estimated. */
  public Optional<Duration> etaIfKnown() {
    return Optional.ofNullable(eta);
  }

  /** One line for a terminal, e.g. {@code 37/80 (46%) pass 41.2% cost $1.23 ETA 4m12s}. */
  @Override
  public String toString() {
    String pass = graded == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * passRate());
    return String.format(
        Locale.ROOT,
        "%d/%d (%.0f%%) pass %s cost $%.2f ETA %s",
        done,
        total,
        100 * fraction(),
        pass,
        costUsd,
        eta == null ? "?" : format(eta));
  }

  private static String format(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return s >= 60
        ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
        : String.format(Locale.ROOT, "%ds", s);
  }
}
