package dev.researcher4j.core.internal.run;

import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.internal.trajectory.FileSink;
import dev.researcher4j.core.internal.trajectory.RunFile;
import dev.researcher4j.core.internal.trajectory.TrajectoryScan;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.core.trajectory.TrajectoryFormatException;
import dev.researcher4j.core.trajectory.TrajectoryResume;
import dev.researcher4j.core.trajectory.TrajectorySink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trajectory file made ready to resume: locked (a run still writing it is refused), read, and
 * repaired; with the run that continues it ({@code null} when the file's run had finished) and the
 * sink that holds the file's lock until the run ends.
 *
 * @param recorded the run as the file holds it
 * @param run the run continuing it, or {@code null} when it had finished
 * @param file the sink continuing the file (holding its lock), or {@code null}
 */
public record Resumption(Trajectory recorded, Run run, FileSink file) {

  /**
   * A trajectory file opened to be continued: its run as recorded, its resume lines, and the sink
   * that continues the file, holding its lock ({@code null} when the run is finished and the lock
   * was let go).
   */
  public record Opened(Trajectory recorded, List<TrajectoryResume> resumes, FileSink file) {}

  /** Opens {@code file} and makes the run that continues it with {@code settings}. */
  public static Resumption prepare(RunSettings settings, Path file) throws IOException {
    Opened opened = open(file);
    if (opened.file() == null) {
      return new Resumption(opened.recorded(), null, null);
    }
    try {
      Trajectory recorded = opened.recorded();
      List<TrajectorySink> runSinks = continuing(opened, settings.sinks(), file);
      return new Resumption(
          recorded,
          Run.resuming(settings, recorded, opened.resumes(), file.toString(), runSinks),
          opened.file());
    } catch (RuntimeException e) {
      opened.file().close();
      throw e;
    }
  }

  /**
   * The sinks a run continuing {@code opened} records to: the file's own sink, then those of {@code
   * configured} that do not write that same file (which would write it twice).
   */
  public static List<TrajectorySink> continuing(
      Opened opened, List<TrajectorySink> configured, Path file) {
    Path target = file.toAbsolutePath().normalize();
    String runId = opened.recorded().runId();
    List<TrajectorySink> sinks = new ArrayList<>();
    sinks.add(opened.file());
    for (TrajectorySink sink : configured) {
      boolean sameFile =
          sink instanceof JsonlTrajectorySink jsonl
              && jsonl.fileOf(runId).toAbsolutePath().normalize().equals(target);
      if (!sameFile) {
        sinks.add(sink);
      }
    }
    return sinks;
  }

  /**
   * Locks and reads {@code file}; an unfinished run's file is repaired (a half-written last line
   * cut off) and left locked in the returned sink.
   *
   * @throws TrajectoryFormatException if the file is not a valid trajectory
   * @throws dev.researcher4j.core.trajectory.TrajectoryLockedException if another run writes it
   */
  public static Opened open(Path file) throws IOException {
    // Lock the file before reading it: a run still writing it must not be resumed (its calls
    // would be made twice and the file would end with two footers).
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no trajectory file");
    }
    RunFile locked = RunFile.lock(file);
    try {
      TrajectoryScan.Result scan = TrajectoryScan.scan(locked.readAll());
      if (!scan.isValid()) {
        throw new TrajectoryFormatException(file.toString(), scan.errors());
      }
      Trajectory recorded = scan.trajectory().orElseThrow();
      if (recorded.isFinished()) {
        locked.close();
        return new Opened(recorded, scan.resumes(), null);
      }
      // Cut a half-written last line now, so that a file that cannot be written fails the resume
      // before any model call is made.
      locked.repair(scan.keepBytes(), scan.needsNewline());
      return new Opened(recorded, scan.resumes(), new FileSink(locked));
    } catch (IOException | RuntimeException e) {
      locked.close();
      throw e;
    }
  }
}
