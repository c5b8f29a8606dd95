package dev.researcher4j.core.internal.tool;

import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.core.internal.port.RunScope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The {@link ToolContext} of one tool call. Thread-safe. */
final class RunToolContext implements ToolContext {

  private final RunScope run;
  private final String toolCallId;
  private final List<Source> registered = new ArrayList<>();
  private final List<String> childRuns = new ArrayList<>();

  RunToolContext(RunScope run, String toolCallId) {
    this.run = run;
    this.toolCallId = toolCallId;
  }

  @Override
  public String runId() {
    return run.runId();
  }

  @Override
  public Task task() {
    return run.task();
  }

  @Override
  public String toolCallId() {
    return toolCallId;
  }

  @Override
  public Source registerSource(Source source) {
    Source result = run.register(source).source();
    synchronized (this) {
      registered.removeIf(s -> s.id().equals(result.id()));
      registered.add(result);
    }
    return result;
  }

  @Override
  public List<Source> sources() {
    return run.sources().all();
  }

  @Override
  public boolean isCancelled() {
    return run.isCancelled() || Thread.currentThread().isInterrupted();
  }

  @Override
  public synchronized void linkChildRun(String childRunId, String location) {
    if (childRunId != null && !childRunId.isBlank() && !childRuns.contains(childRunId)) {
      childRuns.add(childRunId);
    }
  }

  @Override
  public <T> T runScoped(Class<T> type, Supplier<? extends T> factory) {
    return run.runScoped(type, factory);
  }

  @Override
  public Clock clock() {
    return run.clock();
  }

  /** Sources this call registered through the context, latest version of each, in order. */
  synchronized List<Source> registered() {
    return List.copyOf(registered);
  }

  synchronized List<String> childRuns() {
    return List.copyOf(childRuns);
  }
}
