package dev.researcher4j.eval;

/**
 * Hears about an evaluation as it runs: suitable for a progress bar.
 *
 * <p>Calls come from the evaluation's worker threads, one at a time and in the order attempts are
 * recorded, so {@code progress.done()} only grows. Methods have no-op defaults; they must return
 * quickly and must not throw (what they throw is logged and ignored).
 */
public interface EvalListener {

  /** A listener that does nothing. */
  EvalListener NONE = new EvalListener() {};

  /** The run starts; {@code progress} counts the attempts already recorded by earlier runs. */
  default void onStart(EvalProgress progress) {}

  /** An attempt was graded and recorded. */
  default void onAttempt(AttemptResult result, EvalProgress progress) {}

  /** The run ended (completely or interrupted) and its reports were written. */
  default void onFinish(EvalSummary summary) {}
}
