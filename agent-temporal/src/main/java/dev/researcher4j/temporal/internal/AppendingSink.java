package dev.researcher4j.temporal.internal;

import dev.researcher4j.api.Step;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.core.trajectory.TrajectoryCodec;
import dev.researcher4j.core.trajectory.TrajectoryFooter;
import dev.researcher4j.core.trajectory.TrajectoryResume;
import dev.researcher4j.core.trajectory.TrajectorySink;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Optional;

/**
 * A run's trajectory sink in workflow code: each line — header, step, resume, footer — is encoded
 * here (the same encoder a local run's file uses, so it is the same v1 file) and written by a local
 * activity at the place the run knows the file ends. Appends run outside the run's cancellation
 * scope, so a cancelled run still records how it ended. An append that keeps failing throws, and
 * the run stops as a run whose record cannot be written does.
 */
final class AppendingSink implements TrajectorySink {

  private final TrajectoryActivities files;
  private final String file;
  private final TrajectoryCodec.Encoder encoder = TrajectoryCodec.newEncoder();
  private long offset;

  AppendingSink(TrajectoryActivities files, String file, long offset) {
    this.files = files;
    this.file = file;
    this.offset = offset;
  }

  /** The file's length after the last append. */
  long offset() {
    return offset;
  }

  @Override
  public void onHeader(TrajectoryHeader header) {
    write(List.of(encoder.header(header)));
  }

  @Override
  public void onResume(TrajectoryHeader header, List<Step> recorded, TrajectoryResume resume) {
    encoder.continueAfter(header, recorded);
    write(List.of(encoder.resume(resume)));
  }

  @Override
  public void onStep(String runId, Step step) {
    write(List.of(encoder.step(step)));
  }

  @Override
  public void onFooter(String runId, TrajectoryFooter footer) {
    write(List.of(encoder.footer(footer)));
  }

  @Override
  public Optional<String> location(String runId) {
    return Optional.of(file);
  }

  private void write(List<String> lines) {
    long[] written = new long[1];
    Workflow.newDetachedCancellationScope(
            () -> written[0] = files.append(new TrajectoryActivities.Append(file, offset, lines)))
        .run();
    offset = written[0];
  }
}
