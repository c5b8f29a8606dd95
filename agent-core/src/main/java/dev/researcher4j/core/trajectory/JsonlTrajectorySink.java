package dev.researcher4j.core.trajectory;

import dev.researcher4j.api.Step;
import dev.researcher4j.api.TrajectoryHeader;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>Thread-safe: runs write to their own files. A file stays open while its run lasts and is
 * closed after the footer.
 */
public final class JsonlTrajectorySink implements TrajectorySink {

  private static final class RunFile {
    final Path path;
    final Writer writer;
    final TrajectoryCodec.Encoder encoder = TrajectoryCodec.newEncoder();

    RunFile(Path path, Writer writer) {
      this.path = path;
      this.writer = writer;
    }

    synchronized void line(String line) {
      try {
        writer.write(line);
        writer.write('\n');
        writer.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write trajectory file " + path, e);
      }
    }
  }

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
    if (firstRunFile != null && firstRunClaimed.compareAndSet(false, true)) {
      named.put(header.runId(), firstRunFile);
    }
    Path path = fileOf(header.runId());
    RunFile file;
    try {
      Files.createDirectories(directory);
      // FileOutputStream rather than Files.newOutputStream: an NIO channel closes itself when the
      // writing thread is interrupted, and a cancelled run still has its footer to write.
      file =
          new RunFile(
              path,
              new BufferedWriter(
                  new OutputStreamWriter(
                      new FileOutputStream(path.toFile(), false), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create trajectory file " + path, e);
    }
    open.put(header.runId(), file);
    file.line(file.encoder.header(header));
  }

  @Override
  public void onStep(String runId, Step step) {
    RunFile file = open.get(runId);
    if (file != null) {
      file.line(file.encoder.step(step));
    }
  }

  @Override
  public void onFooter(String runId, TrajectoryFooter footer) {
    RunFile file = open.remove(runId);
    if (file == null) {
      return;
    }
    try {
      file.line(file.encoder.footer(footer));
    } finally {
      try {
        file.writer.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close trajectory file " + file.path, e);
      }
    }
  }

  @Override
  public Optional<String> location(String runId) {
    return Optional.of(fileOf(runId).toString());
  }
}
