package dev.researcher4j.core.trajectory;

import dev.researcher4j.api.RunTotals;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps every run's trajectory in memory, for tests and short-lived programs. Runs are kept until
 * {@link #clear()}; a long-lived agent should use a file sink instead. Thread-safe.
 */
public final class InMemoryTrajectorySink implements TrajectorySink {

  private static final class Entry {
    final TrajectoryHeader header;
    final List<Step> steps = new ArrayList<>();
    TrajectoryFooter footer;

    Entry(TrajectoryHeader header) {
      this.header = header;
    }
  }

  private final Map<String, Entry> runs = new LinkedHashMap<>();

  @Override
  public synchronized void onHeader(TrajectoryHeader header) {
    runs.put(header.runId(), new Entry(header));
  }

  @Override
  public synchronized void onStep(String runId, Step step) {
    Entry entry = runs.get(runId);
    if (entry != null) {
      entry.steps.add(step);
    }
  }

  @Override
  public synchronized void onFooter(String runId, TrajectoryFooter footer) {
    Entry entry = runs.get(runId);
    if (entry != null) {
      entry.footer = footer;
    }
  }

  /** The trajectory of {@code runId} as recorded so far (without outcome while it runs). */
  public synchronized Optional<Trajectory> trajectory(String runId) {
    Entry entry = runs.get(runId);
    return entry == null ? Optional.empty() : Optional.of(snapshot(entry));
  }

  /** Every recorded trajectory, in the order the runs started. */
  public synchronized List<Trajectory> trajectories() {
    return runs.values().stream().map(InMemoryTrajectorySink::snapshot).toList();
  }

  /** Forgets every run. */
  public synchronized void clear() {
    runs.clear();
  }

  private static Trajectory snapshot(Entry entry) {
    if (entry.footer == null) {
      return new Trajectory(
          entry.header,
          entry.steps,
          null,
          RunTotals.of(entry.steps, 0, Duration.ZERO),
          List.of(),
          null);
    }
    TrajectoryFooter footer = entry.footer;
    return new Trajectory(
        entry.header,
        entry.steps,
        footer.outcome(),
        footer.totals(),
        footer.grades(),
        footer.reward());
  }
}
