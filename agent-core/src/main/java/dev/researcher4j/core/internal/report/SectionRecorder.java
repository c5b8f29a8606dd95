package dev.researcher4j.core.internal.report;

import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.core.internal.port.Recorder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps one section's steps until the section is done, numbered from 0 in the order they started;
 * the report then {@linkplain ReportRecorder#appendAll appends} them together. Thread-safe.
 */
final class SectionRecorder implements Recorder {

  private final ReportRecorder report;
  private final List<Step> steps = new ArrayList<>();
  private int next;

  SectionRecorder(ReportRecorder report) {
    this.report = report;
  }

  @Override
  public synchronized int begin(StepKind kind) {
    return next++;
  }

  @Override
  public synchronized Step record(Step step) {
    steps.add(step);
    return step;
  }

  /** The report's failure: a section of a report that cannot be recorded stops too. */
  @Override
  public String failure() {
    return report.failure();
  }

  /** The steps so far, in the order they started. */
  synchronized List<Step> steps() {
    List<Step> sorted = new ArrayList<>(steps);
    sorted.sort(Comparator.comparingInt(Step::index));
    return sorted;
  }
}
