package dev.researcher4j.core.trajectory;

import dev.researcher4j.api.Step;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.core.internal.trajectory.RunFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes each run to its own JSONL file, {@code <directory>/<runId>.jsonl}, in the format of {@link
 * TrajectoryCodec}: the header when the run starts, a line per step as it ends, the footer when it
 * ends. Every line is flushed as it is written, so after a crash the file holds every completed
 * step and {@link TrajectoryReader} can load it. The directory is created when needed.
 *
 * <p>When a run is {@linkplain #onResume resumed}, its file is continued: a half-written last line
 * is cut off, a {@code resume} line marks the place, and later steps are appended, so the file
 * stays one valid trajectory. (When the file is missing or holds something else, it is first
 * replaced atomically by the header and the recorded steps.)
 *
 * <p>Thread-safe: runs write to their own files. A file stays open while its run lasts and is
 * closed after the footer.
 */
public final class JsonlTrajectorySink implements TrajectorySink {

  private final Path directory;
  private final Map<String, RunFile> open = new ConcurrentHashMap<>();
  private final Path firstRunFile;
  private final Map<String, Path> named = new ConcurrentHashMap<>();
  private final AtomicBoolean firstRunClaimed = new AtomicBoolean();

  private JsonlTrajectorySink(Path directory, Path firstRunFile) {
    this.directory = directory;
    this.firstRunFile = firstRunFile;
  }

  /** A sink writing {@code <runId>.jsonl} files into {@code directory}. */
  public static JsonlTrajectorySink inDirectory(Path directory) {
    return new JsonlTrajectorySink(Objects.requireNonNull(directory, "directory"), null);
  }

  /**
   * A sink writing the first run it sees to {@code file} (as a command line does for the run it was
   * asked for); any later run, such as a sub-researcher, goes to {@code <runId>.jsonl} beside it.
   */
  public static JsonlTrajectorySink toFile(Path file) {
    Path absolute = Objects.requireNonNull(file, "file").toAbsolutePath();
    return new JsonlTrajectorySink(absolute.getParent(), absolute);
  }

  /**
   * Checks, before a run, that {@code file} can be written as a run's trajectory: its directory
   * exists or can be created, it is not a directory, it can be opened for writing, and no other run
   * is writing it. Leaves an existing file as it was and no new file behind.
   *
   * @throws TrajectoryLockedException if another run (in this or another process) is writing it
   * @throws TrajectoryWriteException if it cannot be written, saying why
   */
  public static void checkWritable(Path file) {
    Objects.requireNonNull(file, "file");
    if (Files.isDirectory(file)) {
      throw new TrajectoryWriteException(file, "it is a directory", null);
    }
    boolean existed = Files.exists(file);
    RunFile.lock(file).close();
    if (!existed) {
      try {
        Files.deleteIfExists(file);
      } catch (java.io.IOException e) {
        // The empty file stays; the run will write it.
      }
    }
  }

  /** The directory the files go to. */
  public Path directory() {
    return directory;
  }

  /** The file of run {@code runId}. */
  public Path fileOf(String runId) {
    return named.getOrDefault(runId, directory.resolve(runId + ".jsonl"));
  }

  @Override
  public void onHeader(TrajectoryHeader header) {
    claimFirstRunFile(header.runId());
    open.put(header.runId(), RunFile.create(fileOf(header.runId()), header));
  }

  @Override
  public void onResume(TrajectoryHeader header, List<Step> recorded, TrajectoryResume resume) {
    claimFirstRunFile(header.runId());
    open.put(header.runId(), RunFile.resume(fileOf(header.runId()), header, recorded, resume));
  }

  /** For a {@link #toFile} sink, the first run seen goes to the chosen file. */
  private void claimFirstRunFile(String runId) {
    if (firstRunFile != null && firstRunClaimed.compareAndSet(false, true)) {
      named.put(runId, firstRunFile);
    }
  }

  @Override
  public void onStep(String runId, Step step) {
    RunFile file = open.get(runId);
    if (file != null) {
      try {
        file.step(step);
      } catch (RuntimeException e) {
        open.remove(runId);
        throw e;
      }
    }
  }

  @Override
  public void onFooter(String runId, TrajectoryFooter footer) {
    RunFile file = open.remove(runId);
    if (file == null) {
      return;
    }
    try {
      file.footer(footer);
    } finally {
      file.close();
    }
  }

  @Override
  public Optional<String> location(String runId) {
    return Optional.of(fileOf(runId).toString());
  }
}
