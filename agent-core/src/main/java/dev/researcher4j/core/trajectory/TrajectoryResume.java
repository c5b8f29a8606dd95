package dev.researcher4j.core.trajectory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Marks where a run whose process died was resumed ({@code ResearchAgent.resume}): the first {@code
 * stepsKept} steps were recorded before, the rest by the resuming process. Written as a {@code
 * resume} line of the trajectory file.
 *
 * @param at when the run was resumed
 * @param stepsKept how many recorded steps were kept (the next step has this index)
 * @param downtime time from the last recorded step (or the start) to the resume, which the time
 *     budget does not count
 * @param sdkVersion the researcher4j version that resumed the run
 */
public record TrajectoryResume(Instant at, int stepsKept, Duration downtime, String sdkVersion) {

  /** Checks the fields. */
  public TrajectoryResume {
    Objects.requireNonNull(at, "at is required, but was null");
    if (stepsKept < 0) {
      throw new IllegalArgumentException("stepsKept must be >= 0, but was " + stepsKept);
    }
    downtime = downtime == null || downtime.isNegative() ? Duration.ZERO : downtime;
    sdkVersion = sdkVersion == null ? "" : sdkVersion;
  }
}
