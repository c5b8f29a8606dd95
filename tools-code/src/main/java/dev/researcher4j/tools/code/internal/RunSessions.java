package dev.researcher4j.tools.code.internal;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions of one run, one per sandbox; kept as the run's run-scoped state, so the run closes
 * them when it ends and no other run ever sees them. Thread-safe.
 */
public final class RunSessions implements AutoCloseable {

  private final Map<PythonSandbox, PythonSession> sessions = new ConcurrentHashMap<>();

  /** This run's session of {@code sandbox}, made on first use. */
  public PythonSession of(PythonSandbox sandbox, String runId) {
    return sessions.computeIfAbsent(sandbox, s -> s.newSession(runId));
  }

  @Override
  public void close() {
    for (PythonSession session : new ArrayList<>(sessions.values())) {
      session.close();
    }
    sessions.clear();
  }
}
