package dev.researcher4j.testing;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.SectionProgress;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link AgentListener} that records every event, for tests and debugging. Thread-safe; events
 * of concurrent runs are recorded in arrival order.
 */
public final class RecordingListener implements AgentListener {

  /** One recorded event: its name ({@code onStepStarted}, …), run id and a short detail. */
  public record Event(String name, String runId, String detail) {}

  /** A recorded budget warning. */
  public record BudgetWarning(String runId, String budget, double fractionUsed) {}

  /** A recorded compaction. */
  public record Compaction(String runId, long tokensBefore, long tokensAfter) {}

  /** A recorded retry. */
  public record Retry(String runId, String target, RetryAttempt attempt) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition finishedChanged = lock.newCondition();
  private final List<Event> events = new ArrayList<>();
  private final List<TrajectoryHeader> started = new ArrayList<>();
  private final List<Step> steps = new ArrayList<>();
  private final List<ChatRequest> modelCalls = new ArrayList<>();
  private final List<ToolCall> toolCallsStarted = new ArrayList<>();
  private final List<ToolExecution> toolCallsFinished = new ArrayList<>();
  private final List<Retry> retries = new ArrayList<>();
  private final List<Source> sourcesAdded = new ArrayList<>();
  private final List<BudgetWarning> budgetWarnings = new ArrayList<>();
  private final List<Compaction> compactions = new ArrayList<>();
  private final List<Trajectory> finished = new ArrayList<>();
  private final List<SectionProgress> sections = new ArrayList<>();
  private final StringBuilder deltas = new StringBuilder();

  @Override
  public void onRunStarted(TrajectoryHeader header) {
    record("onRunStarted", header.runId(), header.task().question(), () -> started.add(header));
  }

  @Override
  public void onStepStarted(String runId, int index, StepKind kind) {
    record("onStepStarted", runId, index + " " + kind, () -> {});
  }

  @Override
  public void onStepFinished(String runId, Step step) {
    record("onStepFinished", runId, step.index() + " " + step.kind(), () -> steps.add(step));
  }

  @Override
  public void onModelCall(String runId, ChatRequest request) {
    record(
        "onModelCall",
        runId,
        request.messages().size() + " messages",
        () -> modelCalls.add(request));
  }

  @Override
  public void onModelDelta(String runId, String textDelta) {
    record("onModelDelta", runId, textDelta, () -> deltas.append(textDelta));
  }

  @Override
  public void onToolCallStarted(String runId, ToolCall call) {
    record("onToolCallStarted", runId, call.name(), () -> toolCallsStarted.add(call));
  }

  @Override
  public void onToolCallFinished(String runId, ToolExecution execution) {
    record(
        "onToolCallFinished",
        runId,
        execution.call().name() + " " + execution.status(),
        () -> toolCallsFinished.add(execution));
  }

  @Override
  public void onRetry(String runId, String target, RetryAttempt retry) {
    record(
        "onRetry",
        runId,
        target + " #" + retry.attempt(),
        () -> retries.add(new Retry(runId, target, retry)));
  }

  @Override
  public void onSourceAdded(String runId, Source source) {
    record(
        "onSourceAdded", runId, source.id() + " " + source.url(), () -> sourcesAdded.add(source));
  }

  @Override
  public void onBudgetWarning(String runId, String budget, double fractionUsed) {
    record(
        "onBudgetWarning",
        runId,
        budget,
        () -> budgetWarnings.add(new BudgetWarning(runId, budget, fractionUsed)));
  }

  @Override
  public void onCompaction(String runId, long tokensBefore, long tokensAfter) {
    record(
        "onCompaction",
        runId,
        tokensBefore + " -> " + tokensAfter,
        () -> compactions.add(new Compaction(runId, tokensBefore, tokensAfter)));
  }

  @Override
  public void onReportSection(String runId, SectionProgress progress) {
    record(
        "onReportSection",
        runId,
        progress.index() + " " + progress.phase(),
        () -> sections.add(progress));
  }

  @Override
  public void onRunFinished(Trajectory trajectory) {
    record(
        "onRunFinished",
        trajectory.runId(),
        trajectory.outcome() == null ? "" : trajectory.outcome().stopReason().name(),
        () -> {
          finished.add(trajectory);
          finishedChanged.signalAll();
        });
  }

  /**
   * Waits until {@code runs} runs have finished, or {@code timeout} passes.
   *
   * @return whether they finished in time
   */
  public boolean awaitFinishedRuns(int runs, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (finished.size() < runs) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        finishedChanged.await(left, TimeUnit.NANOSECONDS);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Every event, in order. */
  public List<Event> events() {
    return locked(() -> List.copyOf(events));
  }

  /** The names of every event of {@code runId}, in order. */
  public List<String> eventNames(String runId) {
    return locked(
        () -> events.stream().filter(e -> e.runId().equals(runId)).map(Event::name).toList());
  }

  /** Headers of started runs. */
  public List<TrajectoryHeader> startedRuns() {
    return locked(() -> List.copyOf(started));
  }

  /** Finished steps. */
  public List<Step> steps() {
    return locked(() -> List.copyOf(steps));
  }

  /** Model requests sent. */
  public List<ChatRequest> modelCalls() {
    return locked(() -> List.copyOf(modelCalls));
  }

  /** Tool calls started. */
  public List<ToolCall> toolCallsStarted() {
    return locked(() -> List.copyOf(toolCallsStarted));
  }

  /** Tool calls finished. */
  public List<ToolExecution> toolCallsFinished() {
    return locked(() -> List.copyOf(toolCallsFinished));
  }

  /** Retries. */
  public List<Retry> retries() {
    return locked(() -> List.copyOf(retries));
  }

  /** Sources added. */
  public List<Source> sourcesAdded() {
    return locked(() -> List.copyOf(sourcesAdded));
  }

  /** Budget warnings. */
  public List<BudgetWarning> budgetWarnings() {
    return locked(() -> List.copyOf(budgetWarnings));
  }

  /** Compactions. */
  public List<Compaction> compactions() {
    return locked(() -> List.copyOf(compactions));
  }

  /** Progress of long reports' sections, in order. */
  public List<SectionProgress> reportSections() {
    return locked(() -> List.copyOf(sections));
  }

  /** Trajectories of finished runs, in the order they finished. */
  public List<Trajectory> finishedRuns() {
    return locked(() -> List.copyOf(finished));
  }

  /** All streamed answer text, concatenated. */
  public String streamedText() {
    return locked(deltas::toString);
  }

  private void record(String name, String runId, String detail, Runnable also) {
    lock.lock();
    try {
      events.add(new Event(name, runId, detail));
      also.run();
    } finally {
      lock.unlock();
    }
  }

  private <T> T locked(java.util.function.Supplier<T> read) {
    lock.lock();
    try {
      return read.get();
    } finally {
      lock.unlock();
    }
  }
}
