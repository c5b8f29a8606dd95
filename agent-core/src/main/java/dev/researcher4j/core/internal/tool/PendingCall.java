package dev.researcher4j.core.internal.tool;

import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.core.http.Retrier;
import dev.researcher4j.core.internal.port.RunScope;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One tool call of a batch, from queued to done: it waits for a permit (the batch's parallelism
 * cap), asks the tool's circuit breaker, runs the tool under its retry policy, and reports the end
 * to the breaker exactly once, whoever gets there first (the call, or the batch timing it out).
 */
final class PendingCall {

  /** How the call's attempts ended. */
  record Attempt(ToolResult result, Throwable error, int attempts, boolean circuitOpen) {}

  /** Carries a checked exception through the retrier. */
  private static final class Checked extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Checked(Exception cause) {
      super(cause);
    }
  }

  final int index;
  final ToolCall call;
  final BoundTool bound;
  final RunToolContext context;
  final Instant queuedAt;
  final AtomicInteger attempts = new AtomicInteger();
  final FutureTask<Attempt> future;
  private final RunScope run;
  private final AtomicBoolean breakerSettled = new AtomicBoolean();
  volatile long startedNanos = -1;
  volatile Instant startedAt;
  volatile boolean timedOut;
  volatile boolean budgetTimeout;

  PendingCall(
      RunScope run,
      int index,
      ToolCall call,
      BoundTool bound,
      Semaphore permits,
      BlockingQueue<PendingCall> done) {
    this.run = run;
    this.index = index;
    this.call = call;
    this.bound = bound;
    this.context = new RunToolContext(run, call.id());
    this.queuedAt = run.clock().instant();
    this.future =
        new FutureTask<>(() -> attempt(permits)) {
          @Override
          protected void done() {
            done.add(PendingCall.this);
          }
        };
  }

  private Attempt attempt(Semaphore permits) throws InterruptedException {
    permits.acquire();
    try {
      startedAt = run.clock().instant();
      startedNanos = System.nanoTime();
      run.listener().onToolCallStarted(run.runId(), call);
      if (bound.breaker != null && !bound.breaker.tryAcquirePermission()) {
        breakerSettled.set(true);
        return new Attempt(null, null, 0, true);
      }
      try {
        Retrier.Result<ToolResult> result =
            bound.retrier.call(
                this::invoke, retry -> run.listener().onRetry(run.runId(), call.name(), retry));
        settleBreaker(null);
        return new Attempt(result.value(), null, attempts.get(), false);
      } catch (Checked e) {
        settleBreaker(e.getCause());
        return new Attempt(null, e.getCause(), attempts.get(), false);
      } catch (RuntimeException e) {
        settleBreaker(e);
        return new Attempt(null, e, attempts.get(), false);
      }
    } finally {
      permits.release();
    }
  }

  private ToolResult invoke() {
    attempts.incrementAndGet();
    try {
      ToolResult result = bound.tool.execute(call, context);
      if (result == null) {
        throw new IllegalStateException(
            "tool " + call.name() + " returned null instead of a ToolResult");
      }
      return result;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new Checked(e);
    }
  }

  /** Reports the call's end to the breaker once, whoever (task or timeout) gets there first. */
  void settleBreaker(Throwable error) {
    if (bound.breaker == null || !breakerSettled.compareAndSet(false, true)) {
      return;
    }
    long took = startedNanos < 0 ? 0 : System.nanoTime() - startedNanos;
    if (error == null) {
      bound.breaker.onSuccess(took, TimeUnit.NANOSECONDS);
    } else {
      bound.breaker.onError(took, TimeUnit.NANOSECONDS, error);
    }
  }
}
