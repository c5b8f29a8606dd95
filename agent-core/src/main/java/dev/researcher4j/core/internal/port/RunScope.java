package dev.researcher4j.core.internal.port;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import dev.researcher4j.core.internal.cite.SourceRegistry;
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
 * What the parts of one run that act share: its id, task, sources, run-scoped state, listener,
 * clock and cancellation (the calls in flight, interrupted when the run is cancelled). Thread-safe.
 */
public final class RunScope {

  private static final Logger LOG = LoggerFactory.getLogger(RunScope.class);

  private final String runId;
  private final Task task;
  private final SourceRegistry sources;
  private final AgentListener listener;
  private final Clock clock;
  private final Scrubber scrubber;
  private final Map<Class<?>, Object> scoped;
  private final Set<Future<?>> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;
  private volatile boolean interrupted;

  /** The scope of run {@code runId}; {@code scrubber} masks the run's secrets. */
  public RunScope(String runId, Task task, AgentListener listener, Clock clock, Scrubber scrubber) {
    this(runId, task, listener, clock, scrubber, new SourceRegistry());
  }

  /**
   * The scope of run {@code runId} registering its sources in {@code sources}, which other runs may
   * share (the sections of a long report), so that an id means the same source in all of them.
   */
  public RunScope(
      String runId,
      Task task,
      AgentListener listener,
      Clock clock,
      Scrubber scrubber,
      SourceRegistry sources) {
    this(runId, task, listener, clock, scrubber, sources, new ConcurrentHashMap<>());
  }

  /**
   * The scope of one tool call of run {@code runId} made away from its run (on a worker of a
   * durable-execution engine): its sources go to {@code sources}, a registry seeded with the
   * sources the run had so far, and its run-scoped state to {@code scoped}, the state the worker
   * keeps for the run (a thread-safe map).
   */
  public RunScope(
      String runId,
      Task task,
      AgentListener listener,
      Clock clock,
      Scrubber scrubber,
      SourceRegistry sources,
      Map<Class<?>, Object> scoped) {
    this.sources = java.util.Objects.requireNonNull(sources, "sources");
    this.scoped = java.util.Objects.requireNonNull(scoped, "scoped");
    this.runId = runId;
    this.task = task;
    this.listener = listener;
    this.clock = clock;
    this.scrubber = scrubber;
  }

  /** The run's id. */
  public String runId() {
    return runId;
  }

  /** The run's task. */
  public Task task() {
    return task;
  }

  /** The run's sources. */
  public SourceRegistry sources() {
    return sources;
  }

  /** The run's listener (already made safe). */
  public AgentListener listener() {
    return listener;
  }

  /** The run's clock. */
  public Clock clock() {
    return clock;
  }

  /** What masks the run's secrets. */
  public Scrubber scrubber() {
    return scrubber;
  }

  /** Registers a source (secrets masked), telling listeners about new ones. */
  public SourceRegistry.Registration register(Source source) {
    SourceRegistry.Registration registration = sources.register(scrubber.source(source));
    if (registration.isNew()) {
      listener.onSourceAdded(runId, registration.source());
    }
    return registration;
  }

  /** The run's instance of {@code type}, made by {@code factory} on first use. */
  public <T> T runScoped(Class<T> type, Supplier<? extends T> factory) {
    return type.cast(scoped.computeIfAbsent(type, t -> factory.get()));
  }

  /** Closes run-scoped state that can be closed, at the end of the run. */
  public void closeScoped() {
    for (Object value : new ArrayList<>(scoped.values())) {
      if (value instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn(
              "run {}: closing run-scoped {} failed: {}",
              runId,
              value.getClass().getName(),
              e.toString());
        }
      }
    }
    scoped.clear();
  }

  /** Tracks a call in flight, so cancellation can interrupt it; false if already cancelled. */
  public boolean track(Future<?> future) {
    inFlight.add(future);
    if (cancelled) {
      future.cancel(true);
      inFlight.remove(future);
      return false;
    }
    return true;
  }

  /** Stops tracking a call that ended. */
  public void untrack(Future<?> future) {
    inFlight.remove(future);
  }

  /** Cancels the run: calls in flight are interrupted; the run ends at its next check. */
  public void cancel() {
    cancelled = true;
    List<Future<?>> running = new ArrayList<>(inFlight);
    running.forEach(f -> f.cancel(true));
  }

  /**
   * Notes that the run's thread was interrupted; the interrupt is restored when the run ends, not
   * before, so that writing the rest of the trajectory is not cut short.
   */
  public void markInterrupted() {
    interrupted = true;
  }

  /** Whether the run's thread was interrupted. */
  public boolean wasInterrupted() {
    return interrupted;
  }

  /** Whether the run was cancelled. */
  public boolean isCancelled() {
    return cancelled;
  }
}
