package dev.researcher4j.core.internal.run;

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
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls every listener in turn; a listener that throws is logged and ignored, so observers can
 * never break a run.
 */
public final class SafeListener implements AgentListener {

  private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);

  private final List<AgentListener> listeners;

  /** Forwards to {@code listeners}, in order. */
  public SafeListener(List<AgentListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  private void each(String event, Consumer<AgentListener> call) {
    for (AgentListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException | AssertionError e) {
        // AssertionError too: test listeners assert, and a failed assertion must not kill the run.
        LOG.warn("listener {} threw from {}; ignored", listener.getClass().getName(), event, e);
      }
    }
  }

  @Override
  public void onRunStarted(TrajectoryHeader header) {
    each("onRunStarted", l -> l.onRunStarted(header));
  }

  @Override
  public void onStepStarted(String runId, int index, StepKind kind) {
    each("onStepStarted", l -> l.onStepStarted(runId, index, kind));
  }

  @Override
  public void onStepFinished(String runId, Step step) {
    each("onStepFinished", l -> l.onStepFinished(runId, step));
  }

  @Override
  public void onModelCall(String runId, ChatRequest request) {
    each("onModelCall", l -> l.onModelCall(runId, request));
  }

  @Override
  public void onModelDelta(String runId, String textDelta) {
    each("onModelDelta", l -> l.onModelDelta(runId, textDelta));
  }

  @Override
  public void onToolCallStarted(String runId, ToolCall call) {
    each("onToolCallStarted", l -> l.onToolCallStarted(runId, call));
  }

  @Override
  public void onToolCallFinished(String runId, ToolExecution execution) {
    each("onToolCallFinished", l -> l.onToolCallFinished(runId, execution));
  }

  @Override
  public void onRetry(String runId, String target, RetryAttempt retry) {
    each("onRetry", l -> l.onRetry(runId, target, retry));
  }

  @Override
  public void onSourceAdded(String runId, Source source) {
    each("onSourceAdded", l -> l.onSourceAdded(runId, source));
  }

  @Override
  public void onBudgetWarning(String runId, String budget, double fractionUsed) {
    each("onBudgetWarning", l -> l.onBudgetWarning(runId, budget, fractionUsed));
  }

  @Override
  public void onCompaction(String runId, long tokensBefore, long tokensAfter) {
    each("onCompaction", l -> l.onCompaction(runId, tokensBefore, tokensAfter));
  }

  @Override
  public void onReportSection(String runId, SectionProgress progress) {
    each("onReportSection", l -> l.onReportSection(runId, progress));
  }

  @Override
  public void onRunFinished(Trajectory trajectory) {
    each("onRunFinished", l -> l.onRunFinished(trajectory));
  }
}
