package dev.researcher4j.core.internal.tool;

import dev.researcher4j.api.CircuitOpenException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.ToolExecution.Status;
import dev.researcher4j.core.internal.port.Approver;
import dev.researcher4j.core.internal.port.RunScope;
import dev.researcher4j.core.internal.port.ToolOutcome;
import dev.researcher4j.core.tool.ToolArgumentsException;
import dev.researcher4j.core.tool.ToolFailurePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a batch's admitted calls in this process: in parallel on the run's executor under a cap,
 * each under its tool's timeout, retries and circuit breaker (and a person's approval, for tools
 * that need one), every ending — failures, timeouts, cancellation, refusal — turned into an
 * outcome. One per run; {@link #run} is called from the run's thread.
 */
public final class LocalCalls implements CallRunner {

  private static final Logger LOG = LoggerFactory.getLogger(LocalCalls.class);

  /** Deadlines longer than this count as none (and keep nanosecond arithmetic from overflowing). */
  private static final Duration FOREVER = Duration.ofDays(365);

  private final RunScope run;
  private final int maxParallel;
  private final ToolFailurePolicy failures;
  private final Executor executor;
  private final Approver approver;

  /**
   * Runs the calls of {@code run}, at most {@code maxParallel} at once, on {@code executor}.
   *
   * @param approver asks for approvals of calls whose tool needs them, or {@code null} when no tool
   *     does
   */
  public LocalCalls(
      RunScope run,
      int maxParallel,
      ToolFailurePolicy failures,
      Executor executor,
      Approver approver) {
    this.run = run;
    this.maxParallel = maxParallel;
    this.failures = failures;
    this.executor = executor;
    this.approver = approver;
  }

  @Override
  public List<Ran> run(int stepIndex, List<Admitted> calls, Duration timeLeft) {
    BlockingQueue<PendingCall> done = new LinkedBlockingQueue<>();
    Semaphore permits = new Semaphore(maxParallel);
    List<PendingCall> pending = new ArrayList<>();
    for (Admitted admitted : calls) {
      pending.add(
          new PendingCall(
              run, approver, admitted.index(), admitted.call(), admitted.tool(), permits, done));
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
    List<Ran> ran = new ArrayList<>();
    for (PendingCall p : pending) {
      run.untrack(p.future);
      ran.add(new Ran(withApproval(complete(p), p), p.startedAt != null));
    }
    return ran;
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

  private static long deadline(long fromNanos, Duration duration) {
    if (duration.compareTo(FOREVER) > 0) {
      return fromNanos + FOREVER.toNanos();
    }
    return fromNanos + duration.toNanos();
  }
}
