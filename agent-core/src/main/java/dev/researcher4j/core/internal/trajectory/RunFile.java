package dev.researcher4j.core.internal.trajectory;

import dev.researcher4j.api.Step;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.core.trajectory.TrajectoryCodec;
import dev.researcher4j.core.trajectory.TrajectoryFooter;
import dev.researcher4j.core.trajectory.TrajectoryResume;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * One run's trajectory file, open for writing: each line is written and flushed at once, so a crash
 * loses at most the line being written. Thread-safe.
 */
public final class RunFile implements Closeable {

  private final Path path;
  private final Writer writer;
  private final TrajectoryCodec.Encoder encoder;

  private RunFile(Path path, Writer writer, TrajectoryCodec.Encoder encoder) {
    this.path = path;
    this.writer = writer;
    this.encoder = encoder;
  }

  /** Creates (or empties) {@code path} and writes the header. */
  public static RunFile create(Path path, TrajectoryHeader header) {
    RunFile file = new RunFile(path, open(path, false), TrajectoryCodec.newEncoder());
    file.line(file.encoder.header(header));
    return file;
  }

  /**
   * Opens {@code path} to continue a resumed run and writes the resume line. When the file holds
   * exactly this run's header and {@code recorded} steps, a half-written last line is cut off and
   * the file is appended to, so its recorded bytes stay as they were; otherwise (no file, another
   * run, other steps) it is replaced, atomically, by the header and {@code recorded}.
   */
  public static RunFile resume(
      Path path, TrajectoryHeader header, List<Step> recorded, TrajectoryResume resume) {
    TrajectoryCodec.Encoder encoder = TrajectoryCodec.newEncoder();
    try {
      Optional<TrajectoryScan.Result> existing = existing(path, header, recorded);
      if (existing.isPresent()) {
        repair(path, existing.get().keepBytes(), existing.get().needsNewline());
        encoder.continueAfter(header, recorded);
      } else {
        rewrite(path, header, recorded, encoder);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reopen trajectory file " + path, e);
    }
    RunFile file = new RunFile(path, open(path, true), encoder);
    file.line(encoder.resume(resume));
    return file;
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /** Writes a step line. */
  public void step(Step step) {
    synchronized (this) {
      line(encoder.step(step));
    }
  }

  /** Writes the footer line; the file should be closed next. */
  public void footer(TrajectoryFooter footer) {
    synchronized (this) {
      line(encoder.footer(footer));
    }
  }

  private synchronized void line(String line) {
    try {
      writer.write(line);
      writer.write('\n');
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trajectory file " + path, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close trajectory file " + path, e);
    }
  }

  private static Writer open(Path path, boolean append) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      // FileOutputStream rather than Files.newOutputStream: an NIO channel closes itself when the
      // writing thread is interrupted, and a cancelled run still has its footer to write.
      return new BufferedWriter(
          new OutputStreamWriter(
              new FileOutputStream(path.toFile(), append), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open trajectory file " + path, e);
    }
  }

  private static Optional<TrajectoryScan.Result> existing(
      Path path, TrajectoryHeader header, List<Step> recorded) throws IOException {
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    TrajectoryScan.Result scan = TrajectoryScan.scan(Files.readAllBytes(path));
    Optional<Trajectory> read = scan.trajectory();
    boolean same =
        scan.isValid()
            && read.isPresent()
            && !read.get().isFinished()
            && read.get().runId().equals(header.runId())
            && read.get().steps().size() == recorded.size();
    return same ? Optional.of(scan) : Optional.empty();
  }

  /**
   * Cuts the file to {@code keep} bytes (dropping a half-written last line), adding the last line's
   * missing line break if needed.
   */
  public static void repair(Path path, long keep, boolean needsNewline) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
      if (file.length() != keep) {
        file.setLength(keep);
      }
      if (needsNewline) {
        file.seek(keep);
        file.write('\n');
      }
    }
  }

  private static void rewrite(
      Path path, TrajectoryHeader header, List<Step> recorded, TrajectoryCodec.Encoder encoder)
      throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, ".resume-", ".jsonl");
    try {
      StringBuilder text = new StringBuilder(encoder.header(header)).append('\n');
      for (Step step : recorded) {
        text.append(encoder.step(step)).append('\n');
      }
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
