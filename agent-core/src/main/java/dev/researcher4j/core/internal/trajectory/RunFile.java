package dev.researcher4j.core.internal.trajectory;

import dev.researcher4j.api.Step;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.core.trajectory.TrajectoryCodec;
import dev.researcher4j.core.trajectory.TrajectoryFooter;
import dev.researcher4j.core.trajectory.TrajectoryLockedException;
import dev.researcher4j.core.trajectory.TrajectoryResume;
import dev.researcher4j.core.trajectory.TrajectoryWriteException;
import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * One run's trajectory file, open for writing and locked while it is: each line is written at once,
 * so a crash loses at most the line being written, and a second writer (a {@code resume} started
 * while the run's process is alive, two runs given the same file) is refused.
 *
 * <p>The lock is the operating system's, held on the file itself and released when the file is
 * closed or its process dies, so a dead run never blocks its resume. All access to the file goes
 * through one descriptor: on POSIX systems closing any other descriptor of the file in this process
 * would drop the lock. Thread-safe.
 */
public final class RunFile implements Closeable {

  private final Path path;
  private final RandomAccessFile file;
  private final FileLock lock;
  private TrajectoryCodec.Encoder encoder;

  private RunFile(Path path, RandomAccessFile file, FileLock lock) {
    this.path = path;
    this.file = file;
    this.lock = lock;
  }

  /**
   * Opens {@code path} for writing and locks it, creating it (and its directory) when missing.
   *
   * @throws TrajectoryLockedException if another writer holds it
   * @throws TrajectoryWriteException if it cannot be opened
   */
  public static RunFile lock(Path path) {
    RandomAccessFile file;
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        Files.createDirectories(parent);
      }
      file = new RandomAccessFile(path.toFile(), "rw");
    } catch (IOException e) {
      throw new TrajectoryWriteException(path, reason(e), e);
    }
    FileLock lock;
    try {
      lock = file.getChannel().tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      // Some files (devices, some network file systems) cannot be locked; write them unlocked.
      lock = null;
      if (Files.isRegularFile(path)) {
        closeQuietly(file);
        throw new TrajectoryWriteException(path, "it cannot be locked: " + reason(e), e);
      }
    }
    if (lock == null && Files.isRegularFile(path)) {
      closeQuietly(file);
      throw new TrajectoryLockedException(path);
    }
    return new RunFile(path, file, lock);
  }

  /** Creates (or empties) {@code path}, locked, and writes the header. */
  public static RunFile create(Path path, TrajectoryHeader header) {
    RunFile run = lock(path);
    try {
      if (Files.isRegularFile(path)) {
        run.file.setLength(0);
      }
    } catch (IOException e) {
      run.close();
      throw new TrajectoryWriteException(path, reason(e), e);
    }
    run.encoder = TrajectoryCodec.newEncoder();
    run.line(run.encoder.header(header));
    return run;
  }

  /**
   * Opens {@code path}, locked, to continue a resumed run and writes the resume line. When the file
   * holds exactly this run's header and {@code recorded} steps, a half-written last line is cut off
   * and the file is appended to, so its recorded bytes stay as they were; otherwise (no file,
   * another run, other steps) it is replaced by the header and {@code recorded}.
   */
  public static RunFile resume(
      Path path, TrajectoryHeader header, List<Step> recorded, TrajectoryResume resume) {
    RunFile run = lock(path);
    try {
      Optional<TrajectoryScan.Result> existing = run.existing(header, recorded);
      if (existing.isPresent()) {
        run.repair(existing.get().keepBytes(), existing.get().needsNewline());
        run.continueAfter(header, recorded);
      } else {
        run.close();
        rewrite(path, header, recorded);
        run = lock(path);
        run.file.seek(run.file.length());
        run.continueAfter(header, recorded);
      }
    } catch (IOException e) {
      run.close();
      throw new TrajectoryWriteException(path, reason(e), e);
    }
    run.line(run.encoder.resume(resume));
    return run;
  }

  /** The file's bytes as they are now. */
  public synchronized byte[] readAll() throws IOException {
    long length = file.length();
    if (length > Integer.MAX_VALUE - 16) {
      throw new IOException("the file is too large to read: " + length + " bytes");
    }
    byte[] bytes = new byte[(int) length];
    file.seek(0);
    file.readFully(bytes);
    return bytes;
  }

  /**
   * Cuts the file to {@code keep} bytes (dropping a half-written last line), adding the last line's
   * missing line break if needed, and leaves the file positioned at its end.
   */
  public synchronized void repair(long keep, boolean needsNewline) throws IOException {
    if (file.length() != keep) {
      file.setLength(keep);
    }
    file.seek(keep);
    if (needsNewline) {
      file.write('\n');
    }
  }

  /** Prepares to append the steps of a resumed run after {@code recorded}. */
  public synchronized void continueAfter(TrajectoryHeader header, List<Step> recorded) {
    encoder = TrajectoryCodec.newEncoder();
    encoder.continueAfter(header, recorded);
  }

  /** Writes a resume line (after {@link #continueAfter}). */
  public void resumeLine(TrajectoryResume resume) {
    line(encoder.resume(resume));
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
      file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // A file that cannot be written is given up at once, so its lock does not outlive the run.
      close();
      throw new TrajectoryWriteException(path, reason(e), e);
    }
  }

  /** Releases the lock and closes the file. */
  @Override
  public synchronized void close() {
    try {
      if (lock != null && lock.isValid()) {
        lock.release();
      }
    } catch (IOException e) {
      // Closing the file below releases the lock all the same.
    } finally {
      closeQuietly(file);
    }
  }

  private Optional<TrajectoryScan.Result> existing(TrajectoryHeader header, List<Step> recorded)
      throws IOException {
    if (!Files.isRegularFile(path) || file.length() == 0) {
      return Optional.empty();
    }
    TrajectoryScan.Result scan = TrajectoryScan.scan(readAll());
    Optional<Trajectory> read = scan.trajectory();
    boolean same =
        scan.isValid()
            && read.isPresent()
            && !read.get().isFinished()
            && read.get().runId().equals(header.runId())
            && read.get().steps().size() == recorded.size();
    return same ? Optional.of(scan) : Optional.empty();
  }

  private static void rewrite(Path path, TrajectoryHeader header, List<Step> recorded)
      throws IOException {
    TrajectoryCodec.Encoder encoder = TrajectoryCodec.newEncoder();
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

  /** The reason an I/O operation failed, in words ("No space left on device"). */
  private static String reason(IOException e) {
    String message = e.getMessage();
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      message = fs.getReason();
    } else if (e instanceof java.nio.file.FileAlreadyExistsException) {
      message = "a file is in the way of its directory";
    }
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static void closeQuietly(RandomAccessFile file) {
    try {
      file.close();
    } catch (IOException e) {
      // nothing more to do: the file is going away
    }
  }
}
