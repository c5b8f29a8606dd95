package dev.researcher4j.core.internal.trajectory;

import dev.researcher4j.api.Step;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.core.trajectory.TrajectoryFooter;
import dev.researcher4j.core.trajectory.TrajectoryResume;
import dev.researcher4j.core.trajectory.TrajectorySink;
import java.io.Closeable;
import java.util.List;
import java.util.Optional;

/**
 * The sink of a run resumed in its own file: the file was locked, read and repaired before the run
 * started, and this sink continues it — a resume line when the run goes live, then its new steps
 * and footer. Closing it releases the lock (also when the run never got as far as the footer).
 * Thread-safe.
 */
public final class FileSink implements TrajectorySink, Closeable {

  private final RunFile file;
  private volatile boolean closed;

  /** A sink continuing {@code file}, which is open and locked. */
  public FileSink(RunFile file) {
    this.file = file;
  }

  @Override
  public void onHeader(TrajectoryHeader header) {
    throw new IllegalStateException("a resumed run's file sink takes no new header");
  }

  @Override
  public void onResume(TrajectoryHeader header, List<Step> recorded, TrajectoryResume resume) {
    file.continueAfter(header, recorded);
    file.resumeLine(resume);
  }

  @Override
  public void onStep(String runId, Step step) {
    file.step(step);
  }

  @Override
  public void onFooter(String runId, TrajectoryFooter footer) {
    try {
      file.footer(footer);
    } finally {
      close();
    }
  }

  @Override
  public Optional<String> location(String runId) {
    return Optional.of(file.path().toString());
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      file.close();
    }
  }
}
