package dev.researcher4j.examples.cli;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.api.Usage;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows a run's progress on standard error. Always: one line per step (number, kind, what it did,
 * sources, tokens, cost), one line per failed tool call saying why, retries, budget warnings and
 * compactions. On a terminal, also a status line under them, redrawn in place every second: the
 * step, what is running now (tools, or the model call and how long it has waited), elapsed time,
 * tokens, cost and sources. Costs show as "unknown" when no price is set. A resumed run's counters
 * start from its recorded totals. Only the run it was made for is shown (sub-researchers' events
 * are skipped). Thread-safe.
 */
final class ProgressPrinter implements AgentListener {

  /** Clears the terminal's current line and returns to its start. */
  static final String CLEAR_LINE = "\r\033[2K";

  private final PrintStream err;
  private final boolean terminal;
  private final Clock clock;
  private final boolean priced;
  private final Duration modelTimeout;
  private final String modelServer;
  private final Map<String, String> runningTools = new ConcurrentHashMap<>();
  private volatile String runId;
  private volatile Instant started;
  private volatile Instant modelSince;
  private volatile boolean connectionHinted;
  private volatile ScheduledExecutorService ticker;
  private String status = "";

  // Guarded by this.
  private Usage usage = Usage.ZERO;
  private int sources;
  private int step;
  private Duration before = Duration.ZERO;

  /**
   * @param terminal whether {@code err} is a terminal (a live status line) or not (lines only)
   * @param priced whether the model has a price, so that costs are known
   * @param modelTimeout how long a model call may take, shown while one waits
   * @param modelServer the model server's address, named when it cannot be reached
   */
  ProgressPrinter(
      PrintStream err,
      boolean terminal,
      Clock clock,
      boolean priced,
      Duration modelTimeout,
      String modelServer) {
    this.err = err;
    this.terminal = terminal;
    this.clock = clock;
    this.priced = priced;
    this.modelTimeout = modelTimeout;
    this.modelServer = modelServer;
  }

  /** Counters continue from what {@code recorded} already spent (for a resumed run). */
  synchronized ProgressPrinter continuing(Trajectory recorded) {
    usage = recorded.totals().usage();
    sources = recorded.totals().sources();
    step = recorded.steps().size();
    before = recorded.totals().elapsed();
    return this;
  }

  private boolean mine(String id) {
    return id.equals(runId);
  }

  @Override
  public void onRunStarted(TrajectoryHeader header) {
    if (runId != null || !header.parentRunId().isEmpty()) {
      return;
    }
    runId = header.runId();
    started = clock.instant();
    line(
        String.format(
            Locale.ROOT,
            "researching with %s (%d tools), run %s",
            header.model().model(),
            header.tools().size(),
            header.runId()));
    if (terminal) {
      CliLogging.sendTo(this::line);
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "researcher-status");
                t.setDaemon(true);
                return t;
              });
      ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
    }
  }

  @Override
  public void onRunFinished(Trajectory trajectory) {
    if (!mine(trajectory.runId())) {
      return;
    }
    if (ticker != null) {
      ticker.shutdownNow();
      CliLogging.sendTo(err::println);
    }
    synchronized (this) {
      if (terminal && !status.isEmpty()) {
        err.print(CLEAR_LINE);
        err.flush();
      }
      status = "";
    }
  }

  @Override
  public void onModelCall(String id, ChatRequest request) {
    if (mine(id)) {
      modelSince = clock.instant();
      redraw();
    }
  }

  @Override
  public void onToolCallStarted(String id, ToolCall call) {
    if (mine(id)) {
      runningTools.put(call.id(), call.name());
      redraw();
    }
  }

  @Override
  public void onToolCallFinished(String id, ToolExecution execution) {
    if (!mine(id)) {
      return;
    }
    runningTools.remove(execution.call().id());
    if (execution.status().isFailure()) {
      line("  ! " + execution.call().name() + " failed: " + why(execution));
    }
    redraw();
  }

  @Override
  public void onSourceAdded(String id, Source source) {
    if (mine(id)) {
      synchronized (this) {
        sources++;
      }
    }
  }

  @Override
  public void onRetry(String id, String target, RetryAttempt retry) {
    if (!mine(id)) {
      return;
    }
    line(
        String.format(
            Locale.ROOT,
            "  ! %s attempt %d failed (%s); retrying in %.1f s",
            target,
            retry.attempt(),
            abbreviate(retry.error(), 120),
            retry.delay().toMillis() / 1000.0));
    if ("model".equals(target) && !connectionHinted && unreachable(retry.error())) {
      connectionHinted = true;
      line(
          "  ! cannot reach the model server at "
              + modelServer
              + "; is it running? OPENAI_BASE_URL sets the address");
    }
  }

  /** Whether an error says the server could not be connected to at all. */
  static boolean unreachable(String error) {
    return error.contains("ConnectException")
        || error.contains("UnknownHostException")
        || error.contains("NoRouteToHostException");
  }

  @Override
  public void onBudgetWarning(String id, String budget, double fractionUsed) {
    if (mine(id)) {
      line(
          String.format(
              Locale.ROOT,
              "  ! %.0f%% of the %s budget used: asking for the final answer",
              fractionUsed * 100,
              budget));
    }
  }

  @Override
  public void onCompaction(String id, long tokensBefore, long tokensAfter) {
    if (mine(id)) {
      line(
          String.format(
              Locale.ROOT, "  ~ history compacted: %,d → %,d tokens", tokensBefore, tokensAfter));
    }
  }

  @Override
  public void onStepFinished(String id, Step finished) {
    if (!mine(id)) {
      return;
    }
    String text;
    synchronized (this) {
      usage = usage.plus(finished.usage());
      step = finished.index() + 1;
      if (finished.modelCall() != null) {
        modelSince = null;
      }
      text =
          String.format(
              Locale.ROOT,
              "[step %d] %-10s %s · %d sources · %s tokens · %s",
              finished.index() + 1,
              finished.kind().name().toLowerCase(Locale.ROOT),
              describe(finished),
              sources,
              tokens(usage.totalTokens()),
              cost());
    }
    line(text);
  }

  /** The cost so far: dollars when the model has a price, else "cost unknown". */
  private synchronized String cost() {
    return priced ? String.format(Locale.ROOT, "$%.4f", usage.costUsd()) : "cost unknown";
  }

  /** Prints a line above the status line (which is redrawn under it). */
  synchronized void line(String text) {
    if (terminal && !status.isEmpty()) {
      err.print(CLEAR_LINE);
    }
    err.println(text);
    if (terminal && !status.isEmpty()) {
      err.print(status);
    }
    err.flush();
  }

  /** Redraws the status line (terminal only). */
  synchronized void redraw() {
    if (!terminal || runId == null) {
      return;
    }
    status = statusLine();
    err.print(CLEAR_LINE + status);
    err.flush();
  }

  /** The status line's text: step, what runs, elapsed, tokens, cost, sources. */
  synchronized String statusLine() {
    Instant now = clock.instant();
    Duration elapsed =
        before.plus(started == null ? Duration.ZERO : Duration.between(started, now));
    return String.format(
        Locale.ROOT,
        "  step %d · %s · %s · %s tokens · %s · %d sources",
        step + 1,
        running(now),
        human(elapsed),
        tokens(usage.totalTokens()),
        cost(),
        sources);
  }

  private String running(Instant now) {
    if (!runningTools.isEmpty()) {
      Map<String, Integer> counts = new TreeMap<>();
      runningTools.values().forEach(name -> counts.merge(name, 1, Integer::sum));
      List<String> parts = new ArrayList<>();
      counts.forEach((name, n) -> parts.add(name + (n > 1 ? " ×" + n : "")));
      return "running " + String.join(", ", parts);
    }
    Instant since = modelSince;
    if (since != null) {
      return "waiting for the model "
          + human(Duration.between(since, now))
          + (modelTimeout.isZero() ? "" : " (timeout " + human(modelTimeout) + ")");
    }
    return "working";
  }

  private static String why(ToolExecution execution) {
    String text = execution.result().content().strip();
    int end = text.indexOf('\n');
    String first = end < 0 ? text : text.substring(0, end);
    String name = execution.call().name();
    // Tool errors often start with their own "Error: <name> failed:"; say it once.
    for (String prefix : List.of("Error: " + name + " failed: ", name + " failed: ", "Error: ")) {
      if (first.startsWith(prefix)) {
        first = first.substring(prefix.length());
        break;
      }
    }
    return abbreviate(first.isEmpty() ? execution.status().name() : first, 140);
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

  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return s >= 60
        ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
        : String.format(Locale.ROOT, "%ds", s);
  }

  private static String tokens(long n) {
    return n < 1000 ? Long.toString(n) : String.format(Locale.ROOT, "%.1fk", n / 1000.0);
  }

  private static String abbreviate(String text, int max) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
  }
}
