package dev.researcher4j.temporal.internal;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Trajectory files as the worker running a run's workflow writes them: lines placed at the offset
 * the run knows, under a file lock, and forced to disk before the run goes on. Thread-safe.
 */
public final class TrajectoryFiles implements TrajectoryActivities {

  /** A failure type Temporal does not retry: the file no longer matches what the run wrote. */
  static final String CHANGED = "TrajectoryFileChanged";

  @Override
  public long append(Append append) {
    Path file = Path.of(append.file());
    StringBuilder text = new StringBuilder();
    append.lines().forEach(line -> text.append(line).append('\n'));
    ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = channel.lock();
        try {
          long size = channel.size();
          if (size < append.offset()) {
            throw ApplicationFailure.newNonRetryableFailure(
                file
                    + " holds "
                    + size
                    + " bytes, fewer than the "
                    + append.offset()
                    + " the run wrote: it was changed outside the run",
                CHANGED);
          }
          // Cut what an earlier attempt of this append (or of a later one, replayed) left behind.
          channel.truncate(append.offset());
          channel.position(append.offset());
          while (bytes.hasRemaining()) {
            channel.write(bytes);
          }
          channel.force(false);
          return append.offset() + text.toString().getBytes(StandardCharsets.UTF_8).length;
        } finally {
          lock.release();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Contents read(String file) {
    Path path = Path.of(file);
    try {
      byte[] bytes = Files.readAllBytes(path);
      String text = new String(bytes, StandardCharsets.UTF_8);
      // Appends write whole lines only; anything after the last newline is not part of the run.
      int end = text.lastIndexOf('\n') + 1;
      List<String> lines = text.substring(0, end).lines().toList();
      return new Contents(lines, text.substring(0, end).getBytes(StandardCharsets.UTF_8).length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
