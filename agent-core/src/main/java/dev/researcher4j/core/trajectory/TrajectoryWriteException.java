package dev.researcher4j.core.trajectory;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A trajectory file could not be written: its directory cannot be created, the path is not a file,
 * the disk is full, or another process is writing it ({@link TrajectoryLockedException}). A run
 * whose record cannot be written stops with stop reason {@code FAILED} and this message, rather
 * than carry on unrecorded. The message names the file and what is wrong; it holds no secrets.
 */
public class TrajectoryWriteException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path path;

  /** A failure to write {@code path}, for the reason {@code reason} (a phrase). */
  public TrajectoryWriteException(Path path, String reason, Throwable cause) {
    super("the trajectory file " + path + " cannot be written: " + reason, cause);
    this.path = Objects.requireNonNull(path, "path");
  }

  /** The file. */
  public Path path() {
    return path;
  }
}
