package dev.researcher4j.core.internal.report;

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
 * Records a long report's own steps (outline, each section's research, writing and check, the
 * assembly) to its sinks and listener. The outline and the assembly record step by step; a section,
 * which runs beside others, records into a {@link SectionRecorder} and its steps are {@linkplain
 * #appendAll appended} together when it is done, so that the record stays in index order and each
 * section's steps stand side by side. A resumed report continues after the steps its file kept. A
 * sink that throws is skipped from then on and {@link #failure()} says what happened, so the report
 * stops rather than go on unrecorded. Thread-safe.
 */
final class ReportRecorder implements Recorder {

  private static final Logger LOG = LoggerFactory.getLogger(ReportRecorder.class);
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final String runId;
  private final List<TrajectorySink> sinks;
  private final List<TrajectorySink> broken = new ArrayList<>();
  private final AgentListener listener;
  private final Scrubber scrubber;
  private final List<Step> steps = new ArrayList<>();
  private int next;
  private String failure = "";

  ReportRecorder(
      String runId, List<TrajectorySink> sinks, AgentListener listener, Scrubber scrubber) {
    this.runId = runId;
    this.sinks = List.copyOf(sinks);
    this.listener = listener;
    this.scrubber = scrubber;
  }

  /** Starts the record of a new report; false (and a {@link #failure()}) if a sink refused it. */
  synchronized boolean start(TrajectoryHeader header) {
    each(sink -> sink.onHeader(header));
    return failure.isEmpty();
  }

  /** Continues the record of a report after the steps {@code recorded} kept. */
  synchronized boolean resume(
      TrajectoryHeader header, List<Step> recorded, TrajectoryResume resume) {
    steps.addAll(recorded);
    next = recorded.size();
    each(sink -> sink.onResume(header, recorded, resume));
    return failure.isEmpty();
  }

  @Override
  public synchronized int begin(StepKind kind) {
    int index = next++;
    listener.onStepStarted(runId, index, kind);
    return index;
  }

  @Override
  public synchronized Step record(Step step) {
    Step kept = scrubbed(step);
    steps.add(kept);
    each(sink -> sink.onStep(runId, kept));
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
    each(sink -> sink.onFooter(runId, footer));
  }

  @Override
  public synchronized String failure() {
    return failure;
  }

  /** The steps so far, in index order. */
  synchronized List<Step> steps() {
    return List.copyOf(steps);
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
            "report {}: trajectory sink {} failed: {}", runId, sink.getClass().getName(), why);
        if (failure.isEmpty()) {
          failure =
              "the report's trajectory could not be written"
                  + sink.location(runId).map(where -> " to " + where).orElse("")
                  + ": "
                  + why;
        }
      }
    }
  }

  private Step scrubbed(Step step) {
    JsonNode data = step.data();
    if (!data.isNull()) {
      try {
        data = JSON.readTree(scrubber.text(JSON.writeValueAsString(data)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("step data is not serialisable as JSON", e);
      }
    }
    return new Step(
        step.index(),
        step.kind(),
        step.startedAt(),
        step.endedAt(),
        step.modelCall(),
        step.toolExecutions(),
        step.usage(),
        scrubber.text(step.summary()),
        data.isNull() ? null : data,
        scrubber.text(step.error()));
  }
}
