package dev.researcher4j.core.trajectory;

import java.nio.file.Path;

/**
 * A trajectory file is being written by another run — in another process, or in this one — so it
 * cannot be written or resumed now: two writers would repeat the run's calls and corrupt its file.
 * The lock is the operating system's and dies with the process that holds it, so the file of a run
 * whose process died can always be resumed.
 */
public final class TrajectoryLockedException extends TrajectoryWriteException {

  private static final long serialVersionUID = 1L;

  /** {@code path} is locked by another writer. */
  public TrajectoryLockedException(Path path) {
    super(
        path,
        "another run is writing it (a run or resume still going, in this or another process);"
            + " wait for it to finish, or stop it first",
        null);
  }
}
