package dev.researcher4j.core.internal.port;

import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;

/**
 * Keeps a run's steps: numbers them as they start, and records each as it ends (to the run's
 * trajectory sinks and listeners). Secrets are removed before anything is kept.
 *
 * <p>A recorder whose sink failed keeps the steps in memory and says so through {@link #failure()};
 * the run then stops, because a record that cannot be written must not be presented as saved.
 */
public interface Recorder {

  /** Starts a step of {@code kind} and returns its index. */
  int begin(StepKind kind);

  /** Records a step that ended and returns it as kept (a resumed run keeps the recorded one). */
  Step record(Step step);

  /** Why the record could not be written, or empty while it can. */
  String failure();
}
