package dev.researcher4j.core.internal.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.researcher4j.api.CircuitOpenException;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolExecution.Status;
import dev.researcher4j.core.internal.port.Approver;
import dev.researcher4j.core.internal.port.RunScope;
import dev.researcher4j.core.internal.port.ToolBatch;
import dev.researcher4j.core.internal.port.ToolExecutor;
import dev.researcher4j.core.internal.port.ToolOutcome;
import dev.researcher4j.core.tool.ToolArgumentsException;
import dev.researcher4j.core.tool.ToolFailurePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one run's tool batches: checks each call (known tool, valid arguments, repeated), runs the
 * rest in parallel under a cap, each under its tool's timeout, retries and circuit breaker, and
 * turns every outcome, failures included, into an observation for the model (secrets masked).
 * Nothing a tool does escapes as an exception. One per run; {@link #run} is called from the run's
 * thread.
 */
public final class ParallelToolExecutor implements ToolExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(ParallelToolExecutor.class);

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  /** Deadlines longer than this count as none (and keep nanosecond arithmetic from overflowing). */
  private static final Duration FOREVER = Duration.ofDays(365);

  private final RunScope run;
  private final Map<String, BoundTool> tools;
  private final int maxParallel;
  private final ToolFailurePolicy failures;
  private final Executor executor;
  private final Approver approver;
  private final Map<String, ToolExecution> cache = new ConcurrentHashMap<>();

  /**
   * An executor for the run of {@code run}.
   *
   * @param approver asks for approvals of calls whose tool needs them, or {@code null} when no tool
   *     does
   */
  public ParallelToolExecutor(
      RunScope run,
      Map<String, BoundTool> tools,
      int maxParallel,
      ToolFailurePolicy failures,
      Executor executor,
      Approver approver) {
    this.run = run;
    this.approver = approver;
    this.tools = tools;
    this.maxParallel = maxParallel;
    this.failures = failures;
    this.executor = executor;
  }

  @Override
  public ToolBatch run(int stepIndex, List<ToolCall> calls, Duration timeLeft) {
    Instant startedAt = run.clock().instant();
    ToolOutcome[] outcomes = new ToolOutcome[calls.size()];
    Map<Integer, Integer> duplicateOf = new HashMap<>();
    Map<String, Integer> firstByKey = new HashMap<>();
    String[] keys = new String[calls.size()];
    List<PendingCall> pending = new ArrayList<>();
    BlockingQueue<PendingCall> done = new LinkedBlockingQueue<>();
    Semaphore permits = new Semaphore(maxParallel);
    for (int i = 0; i < calls.size(); i++) {
      ToolCall call = calls.get(i);
      Instant now = run.clock().instant();
      BoundTool bound = tools.get(call.name());
      if (bound == null) {
        outcomes[i] =
            Observations.rejected(
                call, Status.UNKNOWN_TOOL, Observations.unknownTool(call, tools.keySet()), now);
        continue;
      }
      String invalid = invalidArguments(call, bound);
      if (!invalid.isEmpty()) {
        outcomes[i] = Observations.rejected(call, Status.INVALID_ARGUMENTS, invalid, now);
        continue;
      }
      String key = bound.policy.cacheRepeatedCalls() ? cacheKey(call) : "";
      keys[i] = key;
      if (!key.isEmpty()) {
        ToolExecution earlier = cache.get(key);
        if (earlier != null) {
          outcomes[i] = Observations.cached(call, earlier, now, bound.policy.maxResultChars());
          continue;
        }
        Integer first = firstByKey.putIfAbsent(key, i);
        if (first != null) {
          duplicateOf.put(i, first);
          continue;
        }
      }
      pending.add(new PendingCall(run, approver, i, call, bound, permits, done));
    }
    for (PendingCall p : pending) {
      if (!run.track(p.future)) {
        continue;
      }
      try {
        executor.execute(p.future);
      } catch (RejectedExecutionException e) {
        p.future.cancel(false);
        LOG.warn("run {}: executor rejected tool call {}", run.runId(), p.call.name());
      }
    }
    awaitAll(pending, done, timeLeft);
    for (PendingCall p : pending) {
      run.untrack(p.future);
      outcomes[p.index] = withApproval(complete(p), p);
      if (outcomes[p.index].execution().status() == Status.OK
          && p.bound.policy.cacheRepeatedCalls()) {
        cache.putIfAbsent(keys[p.index], outcomes[p.index].execution());
      }
    }
    for (Map.Entry<Integer, Integer> duplicate : duplicateOf.entrySet()) {
      ToolCall call = calls.get(duplicate.getKey());
      ToolOutcome original = outcomes[duplicate.getValue()];
      Instant now = run.clock().instant();
      outcomes[duplicate.getKey()] =
          original.execution().status() == Status.OK
              ? Observations.cached(
                  call, original.execution(), now, tools.get(call.name()).policy.maxResultChars())
              : Observations.rejected(
                  call,
                  original.execution().status(),
                  "Same call as "
                      + original.execution().call().id()
                      + " in this turn: "
                      + original.modelText(),
                  now);
    }
    boolean[] announced = new boolean[outcomes.length];
    pending.forEach(p -> announced[p.index] = p.startedAt != null);
    List<ToolOutcome> ordered = new ArrayList<>();
    for (int i = 0; i < outcomes.length; i++) {
      ToolOutcome outcome = run.scrubber().toolOutcome(outcomes[i]);
      ordered.add(outcome);
      if (!announced[i]) {
        // Calls answered without running still get a start event, so listeners see pairs.
        run.listener().onToolCallStarted(run.runId(), outcome.execution().call());
      }
      run.listener().onToolCallFinished(run.runId(), outcome.execution());
    }
    return new ToolBatch(ordered, startedAt, run.clock().instant());
  }

  /**
   * Remembers a recorded execution, as a resumed run replays it: a successful call of a tool that
   * caches repeated calls answers its repeats again.
   */
  public void remember(ToolExecution execution) {
    BoundTool bound = tools.get(execution.call().name());
    if (execution.status() == Status.OK && bound != null && bound.policy.cacheRepeatedCalls()) {
      cache.putIfAbsent(cacheKey(execution.call()), execution);
    }
  }

  private void awaitAll(
      List<PendingCall> pending, BlockingQueue<PendingCall> done, Duration timeLeft) {
    List<PendingCall> waiting = new ArrayList<>(pending);
    long runDeadline = deadline(System.nanoTime(), timeLeft);
    while (!waiting.isEmpty()) {
      if (run.isCancelled()) {
        waiting.forEach(p -> p.future.cancel(true));
        return;
      }
      long now = System.nanoTime();
      long next = runDeadline;
      for (PendingCall p : waiting) {
        if (p.startedNanos >= 0) {
          next = Math.min(next, deadline(p.startedNanos, p.bound.policy.timeout()));
        }
      }
      PendingCall finished;
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
      for (PendingCall p : waiting) {
        boolean overTime =
            p.startedNanos >= 0 && now - deadline(p.startedNanos, p.bound.policy.timeout()) >= 0;
        boolean overBudget = now - runDeadline >= 0;
        if ((overTime || overBudget) && !p.future.isDone()) {
          p.timedOut = true;
          p.budgetTimeout = overBudget && !overTime;
          p.settleBreaker(new java.util.concurrent.TimeoutException("timed out"));
          p.future.cancel(true);
        }
      }
    }
  }

  private ToolOutcome complete(PendingCall p) {
    Instant startedAt = p.startedAt != null ? p.startedAt : p.queuedAt;
    Duration took = Duration.between(startedAt, run.clock().instant());
    String name = p.call.name();
    int attempts = p.attempts.get();
    if (p.future.isCancelled()) {
      if (p.timedOut) {
        return Observations.failed(
            p.call,
            Status.TIMEOUT,
            Observations.timedOut(name, p.bound.policy.timeout(), p.budgetTimeout),
            startedAt,
            Math.max(1, attempts),
            took,
            "",
            p.context);
      }
      return cancelled(p, startedAt, attempts, took, "");
    }
    PendingCall.Attempt attempt;
    try {
      attempt = p.future.get();
    } catch (InterruptedException e) {
      run.markInterrupted();
      return cancelled(p, startedAt, attempts, took, "");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        // An Error (out of memory, a stack overflow) is the tool failing, never a cancellation.
        LOG.error("run {}: tool {} failed with {}", run.runId(), name, error.toString());
        return Observations.failed(
            p.call,
            Status.EXCEPTION,
            Observations.threw(name, describeError(error)),
            startedAt,
            Math.max(1, attempts),
            took,
            error.toString(),
            p.context);
      }
      // The attempt catches every exception but an interrupted permit wait: a cancellation.
      return cancelled(p, startedAt, 0, took, "");
    } catch (CancellationException e) {
      return cancelled(p, startedAt, 0, took, "");
    }
    if (attempt.refused()) {
      return Observations.notApproved(p.call, attempt.approval(), startedAt);
    }
    if (attempt.circuitOpen()) {
      return Observations.failed(
          p.call,
          Status.CIRCUIT_OPEN,
          Observations.circuitOpen(name),
          startedAt,
          0,
          took,
          "",
          p.context);
    }
    Throwable error = attempt.error();
    if (error == null) {
      return Observations.success(
          run,
          p.call,
          attempt.result(),
          p.context,
          startedAt,
          took,
          attempt.attempts(),
          p.bound.policy.maxResultChars());
    }
    String detail = error.getClass().getName() + ": " + error.getMessage();
    if (error instanceof ToolArgumentsException) {
      return Observations.failed(
          p.call,
          Status.INVALID_ARGUMENTS,
          Observations.rejectedArguments(name, error.getMessage(), p.bound),
          startedAt,
          attempt.attempts(),
          took,
          detail,
          p.context);
    }
    if (run.isCancelled() && isInterruption(error)) {
      return cancelled(p, startedAt, attempt.attempts(), took, detail);
    }
    if (error instanceof CircuitOpenException) {
      return Observations.failed(
          p.call,
          Status.CIRCUIT_OPEN,
          Observations.circuitOpen(name),
          startedAt,
          attempt.attempts(),
          took,
          detail,
          p.context);
    }
    if (!(error instanceof ResearchException)) {
      LOG.warn(
          "run {}: tool {} threw {}",
          run.runId(),
          name,
          run.scrubber().text(String.valueOf(error)));
    }
    return Observations.failed(
        p.call,
        Status.EXCEPTION,
        Observations.threw(name, failures.exceptionMessage(error)),
        startedAt,
        attempt.attempts(),
        took,
        detail,
        p.context);
  }

  /** The outcome with the person's decision recorded, when the call needed one. */
  private static ToolOutcome withApproval(ToolOutcome outcome, PendingCall p) {
    if (outcome.approval() != null || !p.future.isDone() || p.future.isCancelled()) {
      return outcome;
    }
    try {
      PendingCall.Attempt attempt = p.future.get();
      return attempt.approval() == null ? outcome : outcome.withApproval(attempt.approval());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return outcome;
    } catch (ExecutionException | CancellationException e) {
      return outcome;
    }
  }

  private static ToolOutcome cancelled(
      PendingCall p, Instant startedAt, int attempts, Duration took, String detail) {
    return Observations.failed(
        p.call,
        Status.CANCELLED,
        Observations.CANCELLED,
        startedAt,
        attempts,
        took,
        detail,
        p.context);
  }

  private static String describeError(Error error) {
    return error instanceof OutOfMemoryError
        ? "it ran out of memory (the result was too large)"
        : error instanceof StackOverflowError
            ? "it ran out of stack (a structure nested too deeply)"
            : "it hit a fatal error (" + error.getClass().getSimpleName() + ")";
  }

  private static String invalidArguments(ToolCall call, BoundTool bound) {
    String error;
    try {
      List<String> problems = bound.argumentProblems(call.parsedArguments());
      if (problems.isEmpty()) {
        return "";
      }
      error = String.join("; ", problems);
    } catch (InvalidRequestException notAnObject) {
      error = call.argumentsError();
    }
    return Observations.invalidArguments(call.name(), error, bound);
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
}
