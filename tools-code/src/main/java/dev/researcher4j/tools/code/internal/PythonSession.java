package dev.researcher4j.tools.code.internal;

import dev.researcher4j.tools.code.SandboxLimits;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * One run's Python: its globals live from call to call, like a notebook's, and are never seen by
 * another session. Calls are serialised (a model that sends two at once gets them one after the
 * other). Thread-safe; close it when the run ends.
 */
public final class PythonSession implements AutoCloseable {

  private final PythonSandbox sandbox;
  private final String name;
  private final ReentrantLock lock = new ReentrantLock();
  private final CappedOutput output;
  private volatile Context context;
  private Value run;
  private Value namespace;
  private boolean stateLost;
  private boolean closed;

  PythonSession(PythonSandbox sandbox, String name) {
    this.sandbox = sandbox;
    this.name = name;
    this.output = new CappedOutput(sandbox.limits().maxOutputChars());
  }

  /** The name given at creation (the run id). */
  public String name() {
    return name;
  }

  /**
   * Runs {@code code} in this session.
   *
   * @param cancelled whether the run was cancelled; checked while the code runs
   * @throws InterruptedException if the thread was interrupted while waiting for an earlier call
   */
  public CallResult run(String code, BooleanSupplier cancelled) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      if (closed) {
        throw new IllegalStateException("this run_code session was closed (its run ended)");
      }
      boolean fresh = context == null;
      if (fresh) {
        start();
      }
      boolean lostBefore = stateLost && fresh;
      stateLost = false;
      output.reset();
      SandboxLimits limits = sandbox.limits();
      String traceback = null;
      String hostError = null;
      boolean stoppedInFlight = false;
      boolean cancelledContext = false;
      CallWatchdog.Stop stop;
      long allocated;
      long nanos;
      try (CallWatchdog.Watch watch =
          sandbox
              .watchdog()
              .watch(context, limits.timeLimit(), limits.maxAllocatedBytes(), cancelled)) {
        try {
          Value result = run.execute(code, namespace);
          traceback = result.isNull() ? null : result.asString();
        } catch (PolyglotException e) {
          if (e.isInterrupted() || e.isCancelled()) {
            stoppedInFlight = true;
            cancelledContext = e.isCancelled();
          } else if (e.isGuestException() && !e.isInternalError() && !e.isHostException()) {
            traceback = e.getMessage();
          } else {
            hostError = String.valueOf(e.getMessage());
          }
        }
        stop = watch.awaitStop();
        if ((stop == CallWatchdog.Stop.TIME || stop == CallWatchdog.Stop.MEMORY)
            && !cancelled.getAsBoolean()) {
          // Interrupting the context may interrupt this thread too (Truffle wakes a thread blocked
          // in an allocation or a wait that way, and keeps the flag since GraalVM 24.1). That
          // interrupt was ours, not a cancellation: left set, it would make the session's next
          // call look cancelled.
          Thread.interrupted();
        }
        allocated = watch.allocatedBytes();
        nanos = watch.elapsedNanos();
      }
      if (cancelledContext) {
        discardContext();
      }
      CallWatchdog.Stop effective =
          stoppedInFlight ? (stop != null ? stop : CallWatchdog.Stop.CANCELLED) : null;
      CappedOutput.Text printed = output.text();
      return new CallResult(
          printed.text(),
          printed.truncated(),
          printed.totalBytes(),
          traceback,
          hostError,
          effective == null ? null : effective.name(),
          cancelledContext,
          lostBefore,
          allocated,
          nanos);
    } finally {
      lock.unlock();
    }
  }

  private void start() {
    context = sandbox.newContext(output);
    Value runner = context.eval(sandbox.runner());
    run = runner.getMember("run");
    namespace = runner.getMember("new_namespace").execute();
  }

  private void discardContext() {
    if (context != null) {
      try {
        context.close(true);
      } catch (RuntimeException ignored) {
        // already cancelled by the watchdog
      }
    }
    context = null;
    run = null;
    namespace = null;
    stateLost = true;
  }

  /** Ends the session and its Python context. */
  @Override
  public void close() {
    Context toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = context;
    }
    if (toClose != null) {
      try {
        // Cancels a call still running (a cancelled run), then frees the context.
        toClose.close(true);
      } catch (RuntimeException ignored) {
        // closing twice or while cancelling: nothing left to free
      }
    }
    sandbox.forget(this);
  }
}
