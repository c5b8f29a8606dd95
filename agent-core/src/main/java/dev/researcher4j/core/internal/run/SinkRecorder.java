package dev.researcher4j.core.internal.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.core.internal.port.Recorder;
import dev.researcher4j.core.internal.port.Scrubber;
import dev.researcher4j.core.trajectory.TrajectoryFooter;
import dev.researcher4j.core.trajectory.TrajectoryResume;
import dev.researcher4j.core.trajectory.TrajectorySink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final String runId;
  private final List<TrajectorySink> sinks;
  private final List<TrajectorySink> broken = new ArrayList<>();
  private final AgentListener listener;
  private final Scrubber scrubber;
  private final Replay replay;
  private final List<Step> steps = new ArrayList<>();
  private String failure = "";

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
    this.sinks = List.copyOf(sinks);
    this.listener = listener;
    this.scrubber = scrubber;
    this.replay = replay;
  }

  /** Starts the record of a new run; false (and a {@link #failure()}) if a sink refused it. */
  synchronized boolean start(TrajectoryHeader header) {
    each(s -> s.onHeader(header));
    return failure.isEmpty();
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
    each(s -> s.onResume(replay.header(), replay.recordedSteps(), resume));
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
    Step kept = scrubbed(step);
    steps.add(kept);
    each(s -> s.onStep(runId, kept));
    listener.onStepFinished(runId, kept);
    return kept;
  }

  /** Ends the record; the footer goes to every sink that still works. */
  synchronized void finish(TrajectoryFooter footer) {
    if (replay != null && !replay.isLive()) {
      goLive();
    }
    each(s -> s.onFooter(runId, footer));
  }

  @Override
  public synchronized String failure() {
    return failure;
  }

  /** The steps so far. */
  synchronized List<Step> steps() {
    return List.copyOf(steps);
  }

  synchronized int size() {
    return steps.size();
  }

  private void each(Consumer<TrajectorySink> call) {
    for (TrajectorySink sink : sinks) {
      if (broken.contains(sink)) {
        continue;
      }
      try {
        call.accept(sink);
      } catch (RuntimeException e) {
        broken.add(sink);
        String why = scrubber.text(String.valueOf(e.getMessage()));
        LOG.error(
            "run {}: trajectory sink {} failed; the run stops: {}",
            runId,
            sink.getClass().getName(),
            why);
        if (failure.isEmpty()) {
          failure =
              "the trajectory could not be written"
                  + sink.location(runId).map(where -> " to " + where).orElse("")
                  + ": "
                  + why;
        }
      }
    }
  }

  /**
   * {@code step} with its secrets masked in the texts the run did not scrub on entry (error
   * messages, summaries), and its data as it reads back from JSON, so the returned trajectory
   * equals the one read from its file (a long written as 3 reads back as an int node, and nodes of
   * different types are not equal).
   */
  private Step scrubbed(Step step) {
    String summary = scrubber.text(step.summary());
    String error = scrubber.text(step.error());
    JsonNode data = step.data().isNull() ? null : asRead(step.data());
    return new Step(
        step.index(),
        step.kind(),
        step.startedAt(),
        step.endedAt(),
        step.modelCall(),
        step.toolExecutions(),
        step.usage(),
        summary,
        data,
        error);
  }

  private JsonNode asRead(JsonNode data) {
    try {
      return JSON.readTree(scrubber.text(JSON.writeValueAsString(data)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("step data is not serialisable as JSON", e);
    }
  }
}
