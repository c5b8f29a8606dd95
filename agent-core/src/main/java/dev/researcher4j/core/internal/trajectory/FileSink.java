package dev.researcher4j.core.internal.trajectory;

import dev.researcher4j.api.Step;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.core.trajectory.TrajectoryFooter;
import dev.researcher4j.core.trajectory.TrajectoryResume;
import dev.researcher4j.core.trajectory.TrajectorySink;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A sink writing one run to one given file, for resuming a run in its own file. Thread-safe. */
public final class FileSink implements TrajectorySink {

  private final Path path;
  private volatile RunFile file;

  /** A sink writing to {@code path}. */
  public FileSink(Path path) {
    this.path = path;
  }

  /** The file. */
  public Path path() {
    return path;
  }

  @Override
  public void onHeader(TrajectoryHeader header) {
    file = RunFile.create(path, header);
  }

  @Override
  public void onResume(TrajectoryHeader header, List<Step> recorded, TrajectoryResume resume) {
    file = RunFile.resume(path, header, recorded, resume);
  }

  @Override
  public void onStep(String runId, Step step) {
    RunFile current = file;
    if (current != null) {
      current.step(step);
    }
  }

  @Override
  public void onFooter(String runId, TrajectoryFooter footer) {
    RunFile current = file;
    file = null;
    if (current != null) {
      try {
        current.footer(footer);
      } finally {
        current.close();
      }
    }
  }

  @Override
  public Optional<String> location(String runId) {
    return Optional.of(path.toString());
  }
}
