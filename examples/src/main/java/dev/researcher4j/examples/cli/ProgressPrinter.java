package dev.researcher4j.examples.cli;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.api.Usage;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shows a run's progress on standard error: one line per step always; on a terminal also what the
 * agent is doing between steps (tool calls as they start, retries, budget warnings, compaction).
 * Only the run it was made for is shown (sub-researchers' events are skipped). Thread-safe.
 */
final class ProgressPrinter implements AgentListener {

  private final PrintStream err;
  private final boolean live;
  private final AtomicInteger sources = new AtomicInteger();
  private volatile String runId;
  private Usage usage = Usage.ZERO;

  ProgressPrinter(PrintStream err, boolean live) {
    this.err = err;
    this.live = live;
  }

  private boolean mine(String id) {
    return id.equals(runId);
  }

  @Override
  public void onRunStarted(TrajectoryHeader header) {
    if (runId == null && header.parentRunId().isEmpty()) {
      runId = header.runId();
      err.printf(
          Locale.ROOT,
          "researching with %s (%d tools), run %s%n",
          header.model().model(),
          header.tools().size(),
          header.runId());
    }
  }

  @Override
  public void onToolCallStarted(String id, ToolCall call) {
    if (live && mine(id)) {
      err.println("  → " + call.name() + " " + abbreviate(call.arguments(), 100));
    }
  }

  @Override
  public void onSourceAdded(String id, Source source) {
    if (mine(id)) {
      sources.incrementAndGet();
    }
  }

  @Override
  public void onRetry(String id, String target, RetryAttempt retry) {
    if (live && mine(id)) {
      err.printf(
          Locale.ROOT,
          "  ! %s attempt %d failed (%s); retrying in %.1f s%n",
          target,
          retry.attempt(),
          abbreviate(retry.error(), 120),
          retry.delay().toMillis() / 1000.0);
    }
  }

  @Override
  public void onBudgetWarning(String id, String budget, double fractionUsed) {
    if (live && mine(id)) {
      err.printf(
          Locale.ROOT,
          "  ! %.0f%% of the %s budget used: asking for the final answer%n",
          fractionUsed * 100,
          budget);
    }
  }

  @Override
  public void onCompaction(String id, long tokensBefore, long tokensAfter) {
    if (live && mine(id)) {
      err.printf(
          Locale.ROOT, "  ~ history compacted: %,d → %,d tokens%n", tokensBefore, tokensAfter);
    }
  }

  @Override
  public void onStepFinished(String id, Step step) {
    if (!mine(id)) {
      return;
    }
    Usage total;
    synchronized (this) {
      usage = usage.plus(step.usage());
      total = usage;
    }
    err.printf(
        Locale.ROOT,
        "[step %d] %-10s %s · %d sources · %s tokens · $%.4f%n",
        step.index() + 1,
        step.kind().name().toLowerCase(Locale.ROOT),
        describe(step),
        sources.get(),
        tokens(total.totalTokens()),
        total.costUsd());
  }

  private static String describe(Step step) {
    if (step.kind() == StepKind.TOOLS && !step.toolExecutions().isEmpty()) {
      Map<String, Integer> counts = new TreeMap<>();
      int failed = 0;
      for (ToolExecution execution : step.toolExecutions()) {
        counts.merge(execution.call().name(), 1, Integer::sum);
        if (execution.status().isFailure()) {
          failed++;
        }
      }
      StringBuilder text = new StringBuilder();
      counts.forEach(
          (name, n) ->
              text.append(text.length() == 0 ? "" : ", ")
                  .append(name)
                  .append(n > 1 ? "×" + n : ""));
      return text + (failed > 0 ? " (" + failed + " failed)" : "");
    }
    String summary = step.error().isEmpty() ? step.summary() : "error: " + step.error();
    return abbreviate(summary.isEmpty() ? "—" : summary, 80);
  }

  private static String tokens(long n) {
    return n < 1000 ? Long.toString(n) : String.format(Locale.ROOT, "%.1fk", n / 1000.0);
  }

  private static String abbreviate(String text, int max) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
  }
}
