package dev.researcher4j.core.durable;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells a call made by {@link DurableAgent#callModel} or {@link DurableAgent#callTool} to stop: an
 * engine that learns its activity was cancelled (or lost) {@linkplain #cancel() cancels} it, and
 * the call ends as cancelled. Thread-safe: a heartbeat thread may cancel while the call's thread
 * waits.
 */
public final class Cancellation {

  private final List<Runnable> callbacks = new ArrayList<>();
  private boolean cancelled;

  /** A cancellation not yet cancelled. */
  public Cancellation() {}

  /** Cancels: the callbacks registered so far run now, on this thread, once. */
  public void cancel() {
    List<Runnable> run;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      run = new ArrayList<>(callbacks);
      callbacks.clear();
    }
    run.forEach(Runnable::run);
  }

  /** Whether {@link #cancel()} was called. */
  public synchronized boolean isCancelled() {
    return cancelled;
  }

  /** Runs {@code callback} on cancellation: at once if already cancelled. */
  public void onCancel(Runnable callback) {
    synchronized (this) {
      if (!cancelled) {
        callbacks.add(callback);
        return;
      }
    }
    callback.run();
  }
}
