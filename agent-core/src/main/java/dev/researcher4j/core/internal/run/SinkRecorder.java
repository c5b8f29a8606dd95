package dev.researcher4j.core.internal.run;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.core.internal.port.Recorder;
import dev.researcher4j.core.internal.port.Scrubber;
import dev.researcher4j.core.internal.trajectory.SinkFanOut;
import dev.researcher4j.core.trajectory.TrajectoryFooter;
import dev.researcher4j.core.trajectory.TrajectoryResume;
import dev.researcher4j.core.trajectory.TrajectorySink;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one run's steps: numbers them, sends each to the trajectory sinks and the listener as it
 * ends, and keeps them for the returned trajectory. A resumed run's recorder first retraces the
 * record ({@link Replay}): those steps are kept as recorded, not written again and not shown to
 * listeners, and the sinks learn of the resume when the run goes live.
 *
 * <p>A sink that throws is not ignored: it is skipped from then on and {@link #failure()} says what
 * happened, so that the run stops rather than carry on without its record.
 */
final class SinkRecorder implements Recorder {

  private static final Logger LOG = LoggerFactory.getLogger(SinkRecorder.class);

  private final String runId;
  private final SinkFanOut sinks;
  private final AgentListener listener;
  private final Scrubber scrubber;
  private final Replay replay;
  private final List<Step> steps = new ArrayList<>();

  /**
   * A recorder of run {@code runId}.
   *
   * @param replay the record a resumed run retraces, or {@code null} for a new run
   */
  SinkRecorder(
      String runId,
      List<TrajectorySink> sinks,
      AgentListener listener,
      Scrubber scrubber,
      Replay replay) {
    this.runId = runId;
    this.sinks = new SinkFanOut(runId, "run", sinks, scrubber);
    this.listener = listener;
    this.scrubber = scrubber;
    this.replay = replay;
  }

  /** Starts the record of a new run; false (and a {@link #failure()}) if a sink refused it. */
  synchronized boolean start(TrajectoryHeader header) {
    sinks.each(s -> s.onHeader(header));
    return sinks.failure().isEmpty();
  }

  @Override
  public synchronized int begin(StepKind kind) {
    int index = steps.size();
    if (replay != null && !replay.isLive()) {
      if (replay.replays(index)) {
        replay.stepStarts(index);
        return index;
      }
      goLive();
    }
    listener.onStepStarted(runId, index, kind);
    return index;
  }

  /**
   * A resumed run caught up with its record: from now on it runs live, and the sinks learn of the
   * resume (the file sink continues the file after its recorded steps).
   */
  private void goLive() {
    TrajectoryResume resume = replay.goLive();
    sinks.each(s -> s.onResume(replay.header(), replay.recordedSteps(), resume));
    LOG.info("run {}: resumed after {} recorded steps", runId, resume.stepsKept());
  }

  @Override
  public synchronized Step record(Step step) {
    if (replay != null && replay.replays(step.index())) {
      Step recorded = replay.expect(step.index(), step.kind(), step.kind() == StepKind.ERROR);
      steps.add(recorded);
      replay.stepEnds(recorded);
      return recorded;
    }
    Step kept = scrubber.step(step);
    steps.add(kept);
    sinks.each(s -> s.onStep(runId, kept));
    listener.onStepFinished(runId, kept);
    return kept;
  }

  /** Ends the record; the footer goes to every sink that still works. */
  synchronized void finish(TrajectoryFooter footer) {
    if (replay != null && !replay.isLive()) {
      goLive();
    }
    sinks.each(s -> s.onFooter(runId, footer));
  }

  @Override
  public synchronized String failure() {
    return sinks.failure();
  }

  /** The steps so far. */
  synchronized List<Step> steps() {
    return List.copyOf(steps);
  }

  synchronized int size() {
    return steps.size();
  }
}
