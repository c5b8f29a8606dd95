package dev.researcher4j.eval;

import java.util.Locale;

/** How an attempt ended, as far as the evaluation is concerned. */
public enum AttemptStatus {
  /** The agent returned a trajectory (whatever its stop reason: budgets and failures included). */
  FINISHED,
  /** The attempt ran past the evaluation's per-attempt timeout and was cancelled. */
  TIMED_OUT,
  /** The agent threw instead of returning a trajectory. */
  CRASHED;

  /** The name used in result files: {@code finished}, {@code timed_out}, {@code crashed}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status a result file names, case-insensitively. */
  public static AttemptStatus fromJsonName(String name) {
    return valueOf(name.strip().toUpperCase(Locale.ROOT));
  }
}
