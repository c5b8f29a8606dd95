package dev.researcher4j.testing;

import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A {@link ToolContext} for testing tools on their own, outside a run: it registers sources with
 * ids {@code S1}, {@code S2}, … (one id per URL, excerpts merged), keeps run-scoped state, and
 * records linked child runs. Thread-safe.
 */
public final class FakeToolContext implements ToolContext {

  private final Task task;
  private final Clock clock;
  private final Map<String, Source> sourcesByUrl = new LinkedHashMap<>();
  private final Map<Class<?>, Object> scoped = new ConcurrentHashMap<>();
  private final List<String> childRuns = new ArrayList<>();
  private volatile boolean cancelled;

  /** A context for a task asking "test question", on the system clock. */
  public FakeToolContext() {
    this(Task.builder("test question").id("test-task").build(), Clock.systemUTC());
  }

  /** A context for {@code task} reading time from {@code clock}. */
  public FakeToolContext(Task task, Clock clock) {
    this.task = Objects.requireNonNull(task, "task");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String runId() {
    return "test-run";
  }

  @Override
  public Task task() {
    return task;
  }

  @Override
  public String toolCallId() {
    return "call-1";
  }

  @Override
  public synchronized Source registerSource(Source source) {
    Source existing = sourcesByUrl.get(source.url());
    Source registered;
    if (existing == null) {
      registered = source.withId("S" + (sourcesByUrl.size() + 1));
    } else {
      registered = existing;
      for (String excerpt : source.excerpts()) {
        registered = registered.withExcerpt(excerpt);
      }
    }
    sourcesByUrl.put(source.url(), registered);
    return registered;
  }

  @Override
  public synchronized List<Source> sources() {
    return List.copyOf(sourcesByUrl.values());
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  /** Marks the context cancelled, as a cancelled run would. */
  public void cancel() {
    cancelled = true;
  }

  @Override
  public synchronized void linkChildRun(String childRunId, String location) {
    childRuns.add(childRunId);
  }

  /** Child runs linked so far. */
  public synchronized List<String> childRuns() {
    return List.copyOf(childRuns);
  }

  @Override
  public <T> T runScoped(Class<T> type, Supplier<? extends T> factory) {
    return type.cast(scoped.computeIfAbsent(type, t -> factory.get()));
  }

  @Override
  public Clock clock() {
    return clock;
  }
}
