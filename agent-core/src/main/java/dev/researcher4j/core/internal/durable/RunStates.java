package dev.researcher4j.core.internal.durable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run-scoped tool state ({@code ToolContext.runScoped}) on a worker that makes tool calls for runs
 * driven elsewhere: kept per run for the runs this worker served last, so that a run's calls on
 * this worker share it (a search tool's "already listed", {@code ask_user}'s count). Calls of the
 * same run on another worker have their own. The least recently used run's state is dropped
 * (closed, when it can be) once more runs than the limit have calls here. Thread-safe.
 */
final class RunStates {

  private static final Logger LOG = LoggerFactory.getLogger(RunStates.class);

  /** How many runs' state a worker keeps. */
  static final int DEFAULT_RUNS = 256;

  private final Map<String, Map<Class<?>, Object>> byRun;

  RunStates(int runs) {
    this.byRun =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Map<Class<?>, Object>> eldest) {
            if (size() <= runs) {
              return false;
            }
            close(eldest.getKey(), eldest.getValue());
            return true;
          }
        };
  }

  /** The state of run {@code runId}, made empty on first use. */
  synchronized Map<Class<?>, Object> of(String runId) {
    return byRun.computeIfAbsent(runId, id -> new ConcurrentHashMap<>());
  }

  private static void close(String runId, Map<Class<?>, Object> state) {
    for (Object value : state.values()) {
      if (value instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn(
              "run {}: closing run-scoped {} failed: {}", runId, value.getClass(), e.toString());
        }
      }
    }
  }
}
