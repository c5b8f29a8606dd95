package dev.researcher4j.core.internal.tool;

import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.core.http.Retrier;
import dev.researcher4j.core.internal.port.Approver;
import dev.researcher4j.core.internal.port.RunScope;
import dev.researcher4j.core.internal.port.ToolOutcome;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One tool call of a batch, from queued to done: it waits for a permit (the batch's parallelism
 * cap), asks the tool's circuit breaker, runs the tool under its retry policy, and reports the end
 * to the breaker exactly once, whoever gets there first (the call, or the batch timing it out).
 */
final class PendingCall {

  /**
   * How the call's attempts ended.
   *
   * @param approval the person's decision when the call needed one, else {@code null}; a call not
   *     approved was never made
   */
  record Attempt(
      ToolResult result,
      Throwable error,
      int attempts,
      boolean circuitOpen,
      ToolOutcome.Approval approval) {

    boolean refused() {
      return approval != null && !approval.approved();
    }
  }

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
  private final Approver approver;
  private final AtomicBoolean breakerSettled = new AtomicBoolean();
  volatile long startedNanos = -1;
  volatile Instant startedAt;
  volatile boolean timedOut;
  volatile boolean budgetTimeout;

  PendingCall(
      RunScope run,
      Approver approver,
      int index,
      ToolCall call,
      BoundTool bound,
      Semaphore permits,
      BlockingQueue<PendingCall> done) {
    this.run = run;
    this.approver = approver;
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
    // Asked before taking a permit: a person's answer may take minutes, and neither it nor the
    // wait for it counts against the tool's own timeout.
    ToolOutcome.Approval approval = bound.policy.requiresApproval() ? askApproval() : null;
    if (approval != null && !approval.approved()) {
      startedAt = run.clock().instant();
      run.listener().onToolCallStarted(run.runId(), call);
      return new Attempt(null, null, 0, false, approval);
    }
    permits.acquire();
    try {
      startedAt = run.clock().instant();
      startedNanos = System.nanoTime();
      run.listener().onToolCallStarted(run.runId(), call);
      if (bound.breaker != null && !bound.breaker.tryAcquirePermission()) {
        breakerSettled.set(true);
        return new Attempt(null, null, 0, true, approval);
      }
      try {
        Retrier.Result<ToolResult> result =
            bound.retrier.call(
                this::invoke, retry -> run.listener().onRetry(run.runId(), call.name(), retry));
        settleBreaker(null);
        return new Attempt(result.value(), null, attempts.get(), false, approval);
      } catch (Checked e) {
        settleBreaker(e.getCause());
        return new Attempt(null, e.getCause(), attempts.get(), false, approval);
      } catch (RuntimeException e) {
        settleBreaker(e);
        return new Attempt(null, e, attempts.get(), false, approval);
      }
    } finally {
      permits.release();
    }
  }

  /**
   * Asks the person through the run's channel, waiting at most the policy's approval timeout; no
   * answer in time, or a channel that fails, counts as a refusal (the call is not made).
   */
  private ToolOutcome.Approval askApproval() throws InterruptedException {
    CompletableFuture<ToolOutcome.Approval> decision = null;
    try {
      decision = approver.decide(call, bound.policy.approvalReason(), run.clock().instant());
      return decision.get(bound.policy.approvalTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      decision.cancel(true);
      return new ToolOutcome.Approval(
          false,
          "no answer within "
              + bound.policy.approvalTimeout().toString().substring(2).toLowerCase(Locale.ROOT));
    } catch (ExecutionException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      return new ToolOutcome.Approval(
          false, "the person could not be asked (" + cause.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      if (decision != null) {
        decision.cancel(true);
      }
      throw e;
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
