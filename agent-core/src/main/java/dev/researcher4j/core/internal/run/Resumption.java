package dev.researcher4j.core.internal.run;

import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.internal.trajectory.FileSink;
import dev.researcher4j.core.internal.trajectory.RunFile;
import dev.researcher4j.core.internal.trajectory.TrajectoryScan;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.core.trajectory.TrajectoryFormatException;
import dev.researcher4j.core.trajectory.TrajectorySink;
import java.io.IOException;
import java.nio.file.Files;
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

  public static Resumption prepare(RunSettings settings, Path file) throws IOException {
    // Lock the file before reading it: a run still writing it must not be resumed (its calls
    // would be made twice and the file would end with two footers).
    if (!Files.isRegularFile(file)) {
      throw new java.nio.file.NoSuchFileException(file.toString(), null, "no trajectory file");
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
        return new Resumption(recorded, null, null);
      }
      // Cut a half-written last line now, so that a file that cannot be written fails the resume
      // before any model call is made.
      locked.repair(scan.keepBytes(), scan.needsNewline());
      FileSink fileSink = new FileSink(locked);
      Path target = file.toAbsolutePath().normalize();
      List<TrajectorySink> runSinks = new ArrayList<>();
      runSinks.add(fileSink);
      for (TrajectorySink sink : settings.sinks()) {
        boolean sameFile =
            sink instanceof JsonlTrajectorySink jsonl
                && jsonl.fileOf(recorded.runId()).toAbsolutePath().normalize().equals(target);
        if (!sameFile) {
          runSinks.add(sink);
        }
      }
      return new Resumption(
          recorded,
          Run.resuming(settings, recorded, scan.resumes(), file.toString(), runSinks),
          fileSink);
    } catch (IOException | RuntimeException e) {
      locked.close();
      throw e;
    }
  }
}
