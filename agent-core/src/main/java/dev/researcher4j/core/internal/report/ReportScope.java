package dev.researcher4j.core.internal.report;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.SectionProgress;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.Task;
import dev.researcher4j.core.context.TokenEstimator;
import dev.researcher4j.core.internal.cite.SourceRegistry;
import dev.researcher4j.core.internal.loop.BudgetTracker;
import dev.researcher4j.core.internal.port.ModelGateway;
import dev.researcher4j.core.internal.port.Recorder;
import dev.researcher4j.core.internal.port.RunScope;
import dev.researcher4j.core.internal.stage.StageModel;
import java.time.Instant;

/**
 * What the parts of one long report share: its settings, run (id, task, sources shared by all its
 * sections), model gateway and record. Thread-safe.
 */
record ReportScope(
    ReportSettings settings,
    RunScope run,
    ModelGateway gateway,
    ReportRecorder recorder,
    ModelInfo info,
    BudgetTracker.Prices prices) {

  static final TokenEstimator ESTIMATOR = TokenEstimator.ofDefaults();

  String runId() {
    return run.runId();
  }

  Task task() {
    return run.task();
  }

  SourceRegistry sources() {
    return run.sources();
  }

  /** A tracker of {@code budget} from {@code now}. */
  BudgetTracker tracker(Budget budget, Instant now) {
    return new BudgetTracker(budget, prices, now);
  }

  /**
   * A model for one stage of the report, recorded by {@code recorder}, spending from {@code
   * budget}.
   */
  StageModel model(StepKind kind, Recorder recorder, BudgetTracker budget) {
    return new StageModel(
        kind, gateway, recorder, budget, settings.clock().instant(), ESTIMATOR, info);
  }

  /** Tells the listeners where a section stands. */
  void progress(
      Outline.Section section,
      int count,
      SectionProgress.Phase phase,
      String child,
      int words,
      String note) {
    settings
        .listener()
        .onReportSection(
            runId(),
            new SectionProgress(
                section.index(), count, section.title(), phase, child, words, note));
  }
}
