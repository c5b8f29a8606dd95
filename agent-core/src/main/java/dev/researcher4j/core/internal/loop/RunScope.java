package dev.researcher4j.core.internal.loop;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every part of one run shares: its id, task, sources, run-scoped state, listener, clock and
 * cancellation. Thread-safe.
 */
final class RunScope {

  private static final Logger LOG = LoggerFactory.getLogger(RunScope.class);

  final String runId;
  final Task task;
  final SourceRegistry sources = new SourceRegistry();
  final AgentListener listener;
  final Clock clock;
  private final Map<Class<?>, Object> scoped = new ConcurrentHashMap<>();
  private final Set<Future<?>> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;
  private volatile boolean interrupted;

  RunScope(String runId, Task task, AgentListener listener, Clock clock) {
    this.runId = runId;
    this.task = task;
    this.listener = listener;
    this.clock = clock;
  }

  /** Registers a source, telling listeners about new ones. */
  SourceRegistry.Registration register(Source source) {
    SourceRegistry.Registration registration = sources.register(source);
    if (registration.isNew()) {
      listener.onSourceAdded(runId, registration.source());
    }
    return registration;
  }

  <T> T runScoped(Class<T> type, Supplier<? extends T> factory) {
    return type.cast(scoped.computeIfAbsent(type, t -> factory.get()));
  }

  /** Closes run-scoped state that can be closed, at the end of the run. */
  void closeScoped() {
    for (Object value : new ArrayList<>(scoped.values())) {
      if (value instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn("run {}: closing run-scoped {} failed", runId, value.getClass().getName(), e);
        }
      }
    }
    scoped.clear();
  }

  /** Tracks a call in flight, so cancellation can interrupt it; false if already cancelled. */
  boolean track(Future<?> future) {
    inFlight.add(future);
    if (cancelled) {
      future.cancel(true);
      inFlight.remove(future);
      return false;
    }
    return true;
  }

  void untrack(Future<?> future) {
    inFlight.remove(future);
  }

  /** Cancels the run: calls in flight are interrupted; the run ends at its next check. */
  void cancel() {
    cancelled = true;
    List<Future<?>> running = new ArrayList<>(inFlight);
    running.forEach(f -> f.cancel(true));
  }

  /**
   * Notes that the run's thread was interrupted; the interrupt is restored when the run ends, not
   * before, so that writing the rest of the trajectory is not cut short.
   */
  void markInterrupted() {
    interrupted = true;
  }

  boolean wasInterrupted() {
    return interrupted;
  }

  boolean isCancelled() {
    return cancelled;
  }

  void checkCancelled() {
    if (cancelled) {
      throw RunStop.cancelled();
    }
  }
}
