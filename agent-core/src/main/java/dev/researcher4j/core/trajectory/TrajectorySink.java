package dev.researcher4j.core.trajectory;

import dev.researcher4j.api.Step;
import dev.researcher4j.api.TrajectoryHeader;
import java.util.List;
import java.util.Optional;

/**
 * Receives runs as they happen: a header when a run starts, each step as it ends, a footer when the
 * run ends. One sink serves every run of an agent, so calls of concurrent runs interleave (tell
 * them apart by run id); calls of one run come in order from one thread at a time.
 *
 * <p>Implementations must be thread-safe. A sink that throws is logged and ignored for the rest of
 * that run: recording never breaks a run.
 */
public interface TrajectorySink {

  /** A sink that keeps nothing. */
  TrajectorySink NONE =
      new TrajectorySink() {
        @Override
        public void onHeader(TrajectoryHeader header) {}

        @Override
        public void onStep(String runId, Step step) {}

        @Override
        public void onFooter(String runId, TrajectoryFooter footer) {}
      };

  /** A run started. */
  void onHeader(TrajectoryHeader header);

  /**
   * A run whose process died is being resumed ({@code ResearchAgent.resume}): {@code recorded} are
   * the steps its trajectory file kept, and the run's later steps and footer follow as usual. The
   * default treats it as a run starting now — {@link #onHeader}, then {@link #onStep} for each
   * recorded step — so a sink that knows nothing of resuming still ends up with the whole run; a
   * sink that kept the earlier steps itself overrides this to continue where it stopped.
   */
  default void onResume(TrajectoryHeader header, List<Step> recorded, TrajectoryResume resume) {
    onHeader(header);
    recorded.forEach(step -> onStep(header.runId(), step));
  }

  /** A step of run {@code runId} ended. */
  void onStep(String runId, Step step);

  /** Run {@code runId} ended; no more calls for it follow. */
  void onFooter(String runId, TrajectoryFooter footer);

  /**
   * Where the trajectory of {@code runId} is kept (a file path), when this sink keeps it somewhere
   * addressable; used to link a sub-researcher's trajectory from its parent's.
   */
  default Optional<String> location(String runId) {
    return Optional.empty();
  }

  /** A sink that forwards every call to each of {@code sinks}, in order. */
  static TrajectorySink allOf(List<? extends TrajectorySink> sinks) {
    List<TrajectorySink> copy = List.copyOf(sinks);
    return new TrajectorySink() {
      @Override
      public void onHeader(TrajectoryHeader header) {
        copy.forEach(s -> s.onHeader(header));
      }

      @Override
      public void onResume(TrajectoryHeader header, List<Step> recorded, TrajectoryResume resume) {
        copy.forEach(s -> s.onResume(header, recorded, resume));
      }

      @Override
      public void onStep(String runId, Step step) {
        copy.forEach(s -> s.onStep(runId, step));
      }

      @Override
      public void onFooter(String runId, TrajectoryFooter footer) {
        copy.forEach(s -> s.onFooter(runId, footer));
      }

      @Override
      public Optional<String> location(String runId) {
        return copy.stream().map(s -> s.location(runId)).flatMap(Optional::stream).findFirst();
      }
    };
  }
}
