package dev.researcher4j.core.internal.report;

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

/**
 * Records a long report's own steps (outline, each section's research, writing and check, the
 * assembly) to its sinks and listener. The outline and the assembly record step by step; a section,
 * which runs beside others, records into a {@link SectionRecorder} and its steps are {@linkplain
 * #appendAll appended} together when it is done, so that the record stays in index order and each
 * section's steps stand side by side. A resumed report continues after the steps its file kept. A
 * sink that throws is skipped from then on and {@link #failure()} says what happened, so the report
 * stops rather than go on unrecorded. Thread-safe.
 */
final class ReportRecorder implements Recorder {

  private final String runId;
  private final SinkFanOut sinks;
  private final AgentListener listener;
  private final Scrubber scrubber;
  private final List<Step> steps = new ArrayList<>();
  private int next;

  ReportRecorder(
      String runId, List<TrajectorySink> sinks, AgentListener listener, Scrubber scrubber) {
    this.runId = runId;
    this.sinks = new SinkFanOut(runId, "report", sinks, scrubber);
    this.listener = listener;
    this.scrubber = scrubber;
  }

  /** Starts the record of a new report; false (and a {@link #failure()}) if a sink refused it. */
  synchronized boolean start(TrajectoryHeader header) {
    sinks.each(sink -> sink.onHeader(header));
    return sinks.failure().isEmpty();
  }

  /** Continues the record of a report after the steps {@code recorded} kept. */
  synchronized boolean resume(
      TrajectoryHeader header, List<Step> recorded, TrajectoryResume resume) {
    steps.addAll(recorded);
    next = recorded.size();
    sinks.each(sink -> sink.onResume(header, recorded, resume));
    return sinks.failure().isEmpty();
  }

  @Override
  public synchronized int begin(StepKind kind) {
    int index = next++;
    listener.onStepStarted(runId, index, kind);
    return index;
  }

  @Override
  public synchronized Step record(Step step) {
    Step kept = scrubber.step(step);
    steps.add(kept);
    sinks.each(sink -> sink.onStep(runId, kept));
    listener.onStepFinished(runId, kept);
    return kept;
  }

  /**
   * Records {@code section}'s steps, numbered from 0 in the order they happened, one after the
   * other as the next steps of the report; returns them as recorded.
   */
  synchronized List<Step> appendAll(List<Step> section) {
    List<Step> kept = new ArrayList<>();
    for (Step step : section) {
      int index = next++;
      listener.onStepStarted(runId, index, step.kind());
      kept.add(record(renumbered(step, index)));
    }
    return kept;
  }

  private static Step renumbered(Step step, int index) {
    return new Step(
        index,
        step.kind(),
        step.startedAt(),
        step.endedAt(),
        step.modelCall(),
        step.toolExecutions(),
        step.usage(),
        step.summary(),
        step.data().isNull() ? null : step.data(),
        step.error());
  }

  /** Ends the record. */
  synchronized void finish(TrajectoryFooter footer) {
    sinks.each(sink -> sink.onFooter(runId, footer));
  }

  @Override
  public synchronized String failure() {
    return sinks.failure();
  }

  /** The steps so far, in index order. */
  synchronized List<Step> steps() {
    return List.copyOf(steps);
  }
}
