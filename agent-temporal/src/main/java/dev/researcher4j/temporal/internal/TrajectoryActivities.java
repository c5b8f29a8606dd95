package dev.researcher4j.temporal.internal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * A run's trajectory file, written by the worker that runs the workflow (local activities: their
 * inputs never enter the workflow's history, so large tool results do not either).
 */
@ActivityInterface
public interface TrajectoryActivities {

  /**
   * Lines to write at a known place in a file.
   *
   * @param file the file
   * @param offset the file's length after the last append the run saw complete
   * @param lines the lines, without newlines
   */
  record Append(String file, long offset, List<String> lines) {}

  /** A file's complete lines and its length. */
  record Contents(List<String> lines, long length) {}

  /**
   * Writes {@code lines} at {@code offset}, first cutting the file there: an attempt that died
   * half-way (or wrote and died before it could report) leaves nothing behind once retried. Returns
   * the file's new length.
   */
  @ActivityMethod(name = "ResearchTrajectoryAppend")
  long append(Append append);

  /** The file's lines, to continue its run from. */
  @ActivityMethod(name = "ResearchTrajectoryRead")
  Contents read(String file);
}
