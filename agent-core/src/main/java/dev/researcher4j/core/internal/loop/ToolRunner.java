package dev.researcher4j.core.internal.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.researcher4j.api.CircuitOpenException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolExecution.Status;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.core.http.Retrier;
import dev.researcher4j.core.internal.tool.SchemaValidator;
import dev.researcher4j.core.tool.ToolArgumentsException;
import dev.researcher4j.core.tool.ToolFailurePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one run's tool calls: checks each call (known tool, valid arguments, cached), runs the rest
 * in parallel under a cap, each under its tool's timeout, retry and circuit breaker, and turns
 * every outcome, failures included, into an observation for the model. Nothing a tool does escapes
 * as an exception. One per run; {@link #run} is called from the run's thread.
 */
final class ToolRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ToolRunner.class);

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  /** Deadlines longer than this count as none (and keep nanosecond arithmetic from overflowing). */
  private static final Duration FOREVER = Duration.ofDays(365);

  /** Single-source results shorter than this become that source's excerpt. */
  private static final int EXCERPT_FROM_RESULT_CHARS = 4_000;

  /**
   * One call's outcome.
   *
   * @param execution the record for the trajectory (result in full)
   * @param modelText what the model is shown
   * @param detail the full exception, for the step's data, or empty
   */
  record Result(ToolExecution execution, String modelText, String detail) {}

  private record Attempt(ToolResult result, Throwable error, int attempts, boolean circuitOpen) {}

  /** Carries a checked exception through the retrier. */
  private static final class Checked extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Checked(Exception cause) {
      super(cause);
    }
  }

  private final class Pending {
    final int index;
    final ToolCall call;
    final BoundTool bound;
    final RunToolContext context;
    final Instant queuedAt;
    final AtomicBoolean breakerSettled = new AtomicBoolean();
    final AtomicInteger attempts = new AtomicInteger();
    volatile long startedNanos = -1;
    volatile Instant startedAt;
    volatile boolean timedOut;
    volatile boolean budgetTimeout;
    CallTask future;

    Pending(int index, ToolCall call, BoundTool bound) {
      this.index = index;
      this.call = call;
      this.bound = bound;
      this.context = new RunToolContext(run, call.id());
      this.queuedAt = run.clock.instant();
    }
  }

  private final class CallTask extends FutureTask<Attempt> {
    private final Pending pending;
    private final BlockingQueue<Pending> done;

    CallTask(Pending pending, Semaphore permits, BlockingQueue<Pending> done) {
      super(() -> attempt(pending, permits));
      this.pending = pending;
      this.done = done;
    }

    @Override
    protected void done() {
      done.add(pending);
    }
  }

  private final RunScope run;
  private final Map<String, BoundTool> tools;
  private final int maxParallel;
  private final ToolFailurePolicy failures;
  private final Executor executor;
  private final Map<String, ToolExecution> cache = new ConcurrentHashMap<>();

  ToolRunner(
      RunScope run,
      Map<String, BoundTool> tools,
      int maxParallel,
      ToolFailurePolicy failures,
      Executor executor) {
    this.run = run;
    this.tools = tools;
    this.maxParallel = maxParallel;
    this.failures = failures;
    this.executor = executor;
  }

  /**
   * Runs {@code calls} and returns their outcomes in call order. Returns early (with the unfinished
   * calls marked {@link Status#CANCELLED}) when the run is cancelled or the thread interrupted.
   *
   * @param timeLeft time until the run's time budget ends; calls still running then time out
   */
  List<Result> run(List<ToolCall> calls, Duration timeLeft) {
    Result[] results = new Result[calls.size()];
    Map<Integer, Integer> duplicateOf = new HashMap<>();
    Map<String, Integer> firstByKey = new HashMap<>();
    List<Pending> pending = new ArrayList<>();
    BlockingQueue<Pending> done = new LinkedBlockingQueue<>();
    Semaphore permits = new Semaphore(maxParallel);
    for (int i = 0; i < calls.size(); i++) {
      ToolCall call = calls.get(i);
      Instant now = run.clock.instant();
      BoundTool bound = tools.get(call.name());
      if (bound == null) {
        results[i] = failure(call, Status.UNKNOWN_TOOL, unknownTool(call), now, 0, "");
        continue;
      }
      String invalid = invalidArguments(call, bound);
      if (!invalid.isEmpty()) {
        results[i] = failure(call, Status.INVALID_ARGUMENTS, invalid, now, 0, "");
        continue;
      }
      String key = bound.policy.cacheRepeatedCalls() ? cacheKey(call) : "";
      if (!key.isEmpty()) {
        ToolExecution earlier = cache.get(key);
        if (earlier != null) {
          results[i] = cached(call, earlier, now);
          continue;
        }
        Integer first = firstByKey.putIfAbsent(key, i);
        if (first != null) {
          duplicateOf.put(i, first);
          continue;
        }
      }
      Pending p = new Pending(i, call, bound);
      p.future = new CallTask(p, permits, done);
      pending.add(p);
    }
    for (Pending p : pending) {
      if (!run.track(p.future)) {
        continue;
      }
      try {
        executor.execute(p.future);
      } catch (RejectedExecutionException e) {
        p.future.cancel(false);
        LOG.warn("run {}: executor rejected tool call {}", run.runId, p.call.name(), e);
      }
    }
    awaitAll(pending, done, timeLeft);
    for (Pending p : pending) {
      run.untrack(p.future);
      results[p.index] = complete(p);
      if (results[p.index].execution().status() == Status.OK
          && p.bound.policy.cacheRepeatedCalls()) {
        cache.putIfAbsent(cacheKey(p.call), results[p.index].execution());
      }
    }
    for (Map.Entry<Integer, Integer> duplicate : duplicateOf.entrySet()) {
      ToolCall call = calls.get(duplicate.getKey());
      Result original = results[duplicate.getValue()];
      results[duplicate.getKey()] =
          original.execution().status() == Status.OK
              ? cached(call, original.execution(), run.clock.instant())
              : failure(
                  call,
                  original.execution().status(),
                  "Same call as "
                      + original.execution().call().id()
                      + " in this turn: "
                      + original.modelText(),
                  run.clock.instant(),
                  0,
                  "");
    }
    boolean[] announced = new boolean[results.length];
    pending.forEach(p -> announced[p.index] = p.startedAt != null);
    List<Result> ordered = List.of(results);
    for (int i = 0; i < results.length; i++) {
      if (!announced[i]) {
        // Calls answered without running still get a start event, so listeners see pairs.
        run.listener.onToolCallStarted(run.runId, results[i].execution().call());
      }
      run.listener.onToolCallFinished(run.runId, results[i].execution());
    }
    return ordered;
  }

  /**
   * The outcomes of a recorded tools step, for a resumed run: nothing runs; the step's sources are
   * registered again in id order, so they get the ids they had, and its successful calls fill the
   * cache as they did.
   */
  List<Result> replay(Step recorded, Resumption resumption) {
    Map<Integer, Source> byNumber = new java.util.TreeMap<>();
    for (Source source : Resumption.sources(recorded)) {
      if (source.isRegistered()) {
        // A later snapshot of the same source has at least the excerpts of an earlier one.
        byNumber.put(Integer.parseInt(source.id().substring(1)), source);
      }
    }
    for (Source source : byNumber.values()) {
      Source registered = run.register(source).source();
      if (!registered.id().equals(source.id())) {
        throw resumption.diverged(
            "source "
                + source.id()
                + " ("
                + source.url()
                + ") of step "
                + recorded.index()
                + " would now get the id "
                + registered.id());
      }
    }
    List<Result> results = new ArrayList<>();
    for (ToolExecution execution : recorded.toolExecutions()) {
      results.add(
          new Result(
              execution,
              Resumption.shownText(recorded, execution),
              Resumption.detail(recorded, execution)));
      BoundTool bound = tools.get(execution.call().name());
      if (execution.status() == Status.OK && bound != null && bound.policy.cacheRepeatedCalls()) {
        cache.putIfAbsent(cacheKey(execution.call()), execution);
      }
    }
    return results;
  }

  /** Whether a result's status means the run must fail, by the failure policy. */
  boolean failsRun(Result result) {
    Status status = result.execution().status();
    return status.isFailure()
        && status != Status.CANCELLED
        && failures.action(status) == ToolFailurePolicy.Action.FAIL_RUN;
  }

  private void awaitAll(List<Pending> pending, BlockingQueue<Pending> done, Duration timeLeft) {
    List<Pending> waiting = new ArrayList<>(pending);
    long runDeadline = deadline(System.nanoTime(), timeLeft);
    while (!waiting.isEmpty()) {
      if (run.isCancelled()) {
        waiting.forEach(p -> p.future.cancel(true));
        return;
      }
      long now = System.nanoTime();
      long next = runDeadline;
      for (Pending p : waiting) {
        if (p.startedNanos >= 0) {
          next = Math.min(next, deadline(p.startedNanos, p.bound.policy.timeout()));
        }
      }
      Pending finished;
      try {
        // Wake at least every second: a queued call's timeout starts only once it runs.
        finished =
            done.poll(
                Math.max(0, Math.min(next - now, TimeUnit.SECONDS.toNanos(1))),
                TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        run.markInterrupted();
        run.cancel();
        waiting.forEach(p -> p.future.cancel(true));
        return;
      }
      if (finished != null) {
        waiting.remove(finished);
        continue;
      }
      now = System.nanoTime();
      for (Pending p : waiting) {
        boolean overTime =
            p.startedNanos >= 0 && now - deadline(p.startedNanos, p.bound.policy.timeout()) >= 0;
        boolean overBudget = now - runDeadline >= 0;
        if ((overTime || overBudget) && !p.future.isDone()) {
          p.timedOut = true;
          p.budgetTimeout = overBudget && !overTime;
          settleBreaker(p, new TimeoutException("timed out"));
          p.future.cancel(true);
        }
      }
    }
  }

  private Attempt attempt(Pending p, Semaphore permits) throws InterruptedException {
    permits.acquire();
    try {
      p.startedAt = run.clock.instant();
      p.startedNanos = System.nanoTime();
      run.listener.onToolCallStarted(run.runId, p.call);
      if (p.bound.breaker != null && !p.bound.breaker.tryAcquirePermission()) {
        p.breakerSettled.set(true);
        return new Attempt(null, null, 0, true);
      }
      try {
        Retrier.Result<ToolResult> result =
            p.bound.retrier.call(
                () -> invoke(p), retry -> run.listener.onRetry(run.runId, p.call.name(), retry));
        settleBreaker(p, null);
        return new Attempt(result.value(), null, p.attempts.get(), false);
      } catch (Checked e) {
        settleBreaker(p, e.getCause());
        return new Attempt(null, e.getCause(), p.attempts.get(), false);
      } catch (RuntimeException e) {
        settleBreaker(p, e);
        return new Attempt(null, e, p.attempts.get(), false);
      }
    } finally {
      permits.release();
    }
  }

  private ToolResult invoke(Pending p) {
    p.attempts.incrementAndGet();
    try {
      ToolResult result = p.bound.tool.execute(p.call, p.context);
      if (result == null) {
        throw new IllegalStateException(
            "tool " + p.call.name() + " returned null instead of a ToolResult");
      }
      return result;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new Checked(e);
    }
  }

  /** Reports the call's end to the breaker once, whoever (task or timeout) gets there first. */
  private void settleBreaker(Pending p, Throwable error) {
    if (p.bound.breaker == null || !p.breakerSettled.compareAndSet(false, true)) {
      return;
    }
    long took = p.startedNanos < 0 ? 0 : System.nanoTime() - p.startedNanos;
    if (error == null) {
      p.bound.breaker.onSuccess(took, TimeUnit.NANOSECONDS);
    } else {
      p.bound.breaker.onError(took, TimeUnit.NANOSECONDS, error);
    }
  }

  private Result complete(Pending p) {
    Instant startedAt = p.startedAt != null ? p.startedAt : p.queuedAt;
    Duration took = Duration.between(startedAt, run.clock.instant());
    String name = p.call.name();
    if (p.future.isCancelled()) {
      if (p.timedOut) {
        String message =
            p.budgetTimeout
                ? "Error: " + name + " was stopped because the run's time budget is spent."
                : "Error: "
                    + name
                    + " did not finish within its "
                    + human(p.bound.policy.timeout())
                    + " timeout. Try a narrower request or another tool.";
        return failure(
            p.call, Status.TIMEOUT, message, startedAt, Math.max(1, p.attempts.get()), took, "", p);
      }
      return failure(
          p.call,
          Status.CANCELLED,
          "Not run to the end: the run was cancelled.",
          startedAt,
          p.attempts.get(),
          took,
          "",
          p);
    }
    Attempt attempt;
    try {
      attempt = p.future.get();
    } catch (InterruptedException e) {
      run.markInterrupted();
      return failure(
          p.call,
          Status.CANCELLED,
          "Not run to the end: the run was cancelled.",
          startedAt,
          p.attempts.get(),
          took,
          "",
          p);
    } catch (ExecutionException | CancellationException e) {
      // attempt() catches everything but an interrupted permit wait; treat that as cancellation.
      return failure(
          p.call,
          Status.CANCELLED,
          "Not run to the end: the run was cancelled.",
          startedAt,
          0,
          took,
          "",
          p);
    }
    if (attempt.circuitOpen()) {
      return failure(p.call, Status.CIRCUIT_OPEN, circuitOpen(name), startedAt, 0, took, "", p);
    }
    Throwable error = attempt.error();
    if (error != null) {
      String detail = error.getClass().getName() + ": " + error.getMessage();
      if (error instanceof ToolArgumentsException) {
        return failure(
            p.call,
            Status.INVALID_ARGUMENTS,
            "Error: invalid arguments for "
                + name
                + ": "
                + error.getMessage()
                + schemaHint(p.bound),
            startedAt,
            attempt.attempts(),
            took,
            detail,
            p);
      }
      if (run.isCancelled() && isInterruption(error)) {
        return failure(
            p.call,
            Status.CANCELLED,
            "Not run to the end: the run was cancelled.",
            startedAt,
            attempt.attempts(),
            took,
            detail,
            p);
      }
      if (error instanceof CircuitOpenException) {
        return failure(
            p.call,
            Status.CIRCUIT_OPEN,
            circuitOpen(name),
            startedAt,
            attempt.attempts(),
            took,
            detail,
            p);
      }
      if (!(error instanceof ResearchException)) {
        LOG.warn("run {}: tool {} threw", run.runId, name, error);
      }
      String message =
          "Error: "
              + name
              + " failed: "
              + failures.exceptionMessage(error)
              + ". Try different arguments or another tool.";
      return failure(
          p.call, Status.EXCEPTION, message, startedAt, attempt.attempts(), took, detail, p);
    }
    return success(p, attempt, startedAt, took);
  }

  private Result success(Pending p, Attempt attempt, Instant startedAt, Duration took) {
    ToolResult result = attempt.result();
    Map<String, Source> sources = new LinkedHashMap<>();
    p.context.registered().forEach(s -> sources.put(s.id(), s));
    StringBuilder appendix = new StringBuilder();
    boolean useContentAsExcerpt =
        result.sources().size() == 1
            && result.sources().get(0).excerpts().isEmpty()
            && !result.error()
            && !result.content().isBlank();
    for (Source source : result.sources()) {
      Source toRegister =
          useContentAsExcerpt
              ? source.withExcerpt(cut(result.content(), EXCERPT_FROM_RESULT_CHARS))
              : source;
      Source registered = run.register(toRegister).source();
      sources.remove(registered.id());
      sources.put(registered.id(), registered);
      if (!source.isRegistered()) {
        appendix.append("\n[").append(registered.id()).append("] ");
        if (!registered.title().isBlank()) {
          appendix.append(registered.title()).append(" — ");
        }
        appendix.append(registered.url());
      }
    }
    String full =
        appendix.length() == 0 ? result.content() : result.content() + "\n\nSources:" + appendix;
    String shown = full;
    boolean truncated = false;
    int max = p.bound.policy.maxResultChars();
    if (full.length() > max) {
      truncated = true;
      String tail =
          "\n\n[Result truncated: showing the first "
              + max
              + " of "
              + full.length()
              + " characters. Ask for a specific part (a page, a section, a narrower query) if you"
              + " need more.]"
              + (appendix.length() == 0 ? "" : "\n\nSources:" + appendix);
      int head = Math.max(0, max - tail.length());
      shown = result.content().substring(0, Math.min(head, result.content().length())) + tail;
    }
    ToolExecution execution =
        new ToolExecution(
            p.call,
            new ToolResult(full, List.copyOf(sources.values()), result.error()),
            result.error() ? Status.ERROR : Status.OK,
            List.copyOf(sources.keySet()),
            startedAt,
            took,
            attempt.attempts(),
            truncated,
            p.context.childRuns());
    return new Result(execution, shown, "");
  }

  private Result failure(
      ToolCall call, Status status, String message, Instant at, int attempts, String detail) {
    return new Result(
        new ToolExecution(
            call,
            ToolResult.error(message),
            status,
            List.of(),
            at,
            Duration.ZERO,
            attempts,
            false,
            List.of()),
        message,
        detail);
  }

  private Result failure(
      ToolCall call,
      Status status,
      String message,
      Instant at,
      int attempts,
      Duration took,
      String detail,
      Pending p) {
    List<Source> registered = p.context.registered();
    return new Result(
        new ToolExecution(
            call,
            new ToolResult(message, registered, true),
            status,
            registered.stream().map(Source::id).toList(),
            at,
            took,
            attempts,
            false,
            p.context.childRuns()),
        message,
        detail);
  }

  private Result cached(ToolCall call, ToolExecution earlier, Instant now) {
    String note =
        "[Note: this exact call ("
            + call.name()
            + " with the same arguments) was already made in this run; here is the earlier"
            + " result again. Do not repeat calls: vary the query or read one of the sources.]\n\n";
    String content = note + earlier.result().content();
    ToolExecution execution =
        new ToolExecution(
            call,
            new ToolResult(content, earlier.result().sources(), false),
            Status.CACHED,
            earlier.sourceIds(),
            now,
            Duration.ZERO,
            0,
            false,
            List.of());
    return new Result(execution, cut(content, tools.get(call.name()).policy.maxResultChars()), "");
  }

  private String unknownTool(ToolCall call) {
    if (tools.isEmpty()) {
      return "Error: this run has no tools, so '"
          + call.name()
          + "' cannot be called. Answer from what you know, in the required format, and say"
          + " that it could not be checked against sources.";
    }
    return "Error: there is no tool named '"
        + call.name()
        + "'. The available tools are: "
        + String.join(", ", tools.keySet())
        + ". Call one of them by its exact name.";
  }

  private static String invalidArguments(ToolCall call, BoundTool bound) {
    String error = call.argumentsError();
    if (error.isEmpty()) {
      List<String> problems =
          SchemaValidator.validate(call.parsedArguments(), bound.spec.parameters());
      if (problems.isEmpty()) {
        return "";
      }
      error = String.join("; ", problems);
    }
    return "Error: invalid arguments for " + call.name() + ": " + error + "." + schemaHint(bound);
  }

  private static String schemaHint(BoundTool bound) {
    return " The arguments must be a JSON object matching this schema: "
        + cut(bound.spec.parameters().toString(), 1_500);
  }

  private static String circuitOpen(String name) {
    return "Error: "
        + name
        + " is temporarily unavailable after repeated failures and is not being called for a"
        + " while. Use another tool, or go on with what you have.";
  }

  private static boolean isInterruption(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException
          || t instanceof CancellationException
          || t instanceof java.io.InterruptedIOException) {
        return true;
      }
    }
    return false;
  }

  static String cacheKey(ToolCall call) {
    try {
      JsonNode arguments = call.parsedArguments();
      Object canonical = CANONICAL.treeToValue(arguments, Object.class);
      return call.name() + "\u0000" + CANONICAL.writeValueAsString(canonical);
    } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
      return call.name() + "\u0000" + call.arguments();
    }
  }

  private static long deadline(long fromNanos, Duration duration) {
    if (duration.compareTo(FOREVER) > 0) {
      return fromNanos + FOREVER.toNanos();
    }
    return fromNanos + duration.toNanos();
  }

  private static String human(Duration duration) {
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }
}
