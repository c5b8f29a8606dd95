package dev.researcher4j.tools.code.internal;

import dev.researcher4j.tools.code.SandboxLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;

/**
 * Embedded GraalPy with every door to the host shut: one shared {@link Engine} (so sessions after
 * the first start faster), and one {@link Context} per session under {@link
 * SandboxPolicy#CONSTRAINED}, which GraalVM checks: no file system, sockets, processes, threads,
 * environment variables, native code, host classes or other languages. Thread-safe; the engine is
 * made on first use.
 */
public final class PythonSandbox implements AutoCloseable {

  private static final String LANGUAGE = "python";

  private final SandboxLimits limits;
  private final Set<PythonSession> sessions = ConcurrentHashMap.newKeySet();
  private final Source runner;
  private Engine engine;
  private CallWatchdog watchdog;
  private boolean closed;

  /** A sandbox whose sessions run under {@code limits}. */
  public PythonSandbox(SandboxLimits limits) {
    this.limits = limits;
    this.runner = Source.newBuilder(LANGUAGE, readRunner(), "<run_code runner>").buildLiteral();
  }

  /** The limits of every call. */
  public SandboxLimits limits() {
    return limits;
  }

  /**
   * A new session: its own Python globals, kept across its calls. Close it when its run ends. The
   * Python context is made on the session's first call.
   */
  public PythonSession newSession(String name) {
    PythonSession session = new PythonSession(this, name);
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("run_code's sandbox was closed");
      }
      sessions.add(session);
    }
    return session;
  }

  /** How many sessions are open. */
  public int openSessions() {
    return sessions.size();
  }

  /**
   * Makes the engine and one throwaway context, so that the first real call does not pay for
   * starting Python.
   *
   * @throws RuntimeException if GraalPy cannot start here
   */
  public void warmUp() {
    try (Context context = newContext(OutputStream.nullOutputStream())) {
      context.eval(runner);
    }
  }

  synchronized Context newContext(OutputStream output) {
    if (closed) {
      throw new IllegalStateException("run_code's sandbox was closed");
    }
    if (engine == null) {
      watchdog = new CallWatchdog();
      engine =
          Engine.newBuilder(LANGUAGE)
              .sandbox(SandboxPolicy.CONSTRAINED)
              .out(OutputStream.nullOutputStream())
              .err(OutputStream.nullOutputStream())
              // A stock JDK has no Graal compiler: GraalPy runs interpreted, which is expected.
              .option("engine.WarnInterpreterOnly", "false")
              .build();
    }
    return Context.newBuilder(LANGUAGE)
        .engine(engine)
        .sandbox(SandboxPolicy.CONSTRAINED)
        .allowIO(IOAccess.NONE)
        .allowCreateProcess(false)
        .allowCreateThread(false)
        .allowNativeAccess(false)
        .allowHostAccess(HostAccess.CONSTRAINED)
        .allowHostClassLookup(name -> false)
        .allowHostClassLoading(false)
        .allowPolyglotAccess(PolyglotAccess.NONE)
        .allowEnvironmentAccess(EnvironmentAccess.NONE)
        .allowInnerContextOptions(false)
        .in(InputStream.nullInputStream())
        .out(output)
        .err(output)
        .build();
  }

  Source runner() {
    return runner;
  }

  synchronized CallWatchdog watchdog() {
    return watchdog;
  }

  void forget(PythonSession session) {
    sessions.remove(session);
  }

  /** Closes every open session and the engine. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    for (PythonSession session : new ArrayList<>(sessions)) {
      session.close();
    }
    synchronized (this) {
      if (watchdog != null) {
        watchdog.close();
      }
      if (engine != null) {
        engine.close(true);
      }
    }
  }

  private static String readRunner() {
    try (InputStream in = PythonSandbox.class.getResourceAsStream("runner.py")) {
      if (in == null) {
        throw new IllegalStateException("runner.py is missing from the tools-code jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
