package dev.researcher4j.tools.mcp.internal;

import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run a tool called over MCP belongs to: one call, alone. Sources get ids {@code S1}, {@code
 * S2}, … in the order registered (one per URL); run-scoped state lives until {@link #close()}.
 * Thread-safe.
 */
public final class CallContext implements ToolContext, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CallContext.class);

  private final String runId = "mcp-" + UUID.randomUUID();
  private final Task task;
  private final Clock clock;
  private final Map<String, Source> sources = new LinkedHashMap<>();
  private final Map<Class<?>, Object> scoped = new ConcurrentHashMap<>();

  /** A context for a call of {@code toolName}. */
  public CallContext(String toolName, Clock clock) {
    this.task = Task.of("MCP call of " + toolName);
    this.clock = clock;
  }

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public Task task() {
    return task;
  }

  @Override
  public String toolCallId() {
    return runId;
  }

  @Override
  public synchronized Source registerSource(Source source) {
    Source known = sources.get(source.url());
    Source registered = known == null ? source.withId("S" + (sources.size() + 1)) : known;
    if (known != null) {
      for (String excerpt : source.excerpts()) {
        registered = registered.withExcerpt(excerpt);
      }
    }
    sources.put(source.url(), registered);
    return registered;
  }

  @Override
  public synchronized List<Source> sources() {
    return List.copyOf(sources.values());
  }

  @Override
  public boolean isCancelled() {
    return Thread.currentThread().isInterrupted();
  }

  @Override
  public void linkChildRun(String childRunId, String location) {
    // a single call has no trajectory to link from
  }

  @Override
  public <T> T runScoped(Class<T> type, Supplier<? extends T> factory) {
    return type.cast(scoped.computeIfAbsent(type, t -> factory.get()));
  }

  @Override
  public Clock clock() {
    return clock;
  }

  /** Closes the run-scoped state. */
  @Override
  public void close() {
    for (Object value : new ArrayList<>(scoped.values())) {
      if (value instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn("closing {} after an MCP call failed", value.getClass().getName(), e);
        }
      }
    }
    scoped.clear();
  }
}
