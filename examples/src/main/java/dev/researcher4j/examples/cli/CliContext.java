package dev.researcher4j.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may use of the outside world: environment variables, output streams, the working
 * directory and the clock. Injected so tests run commands in-process with their own environment.
 *
 * @param env environment variables
 * @param out standard output (reports, JSON)
 * @param err standard error (progress, messages)
 * @param terminal whether {@code err} is an interactive terminal (live progress) or not (one line
 *     per step)
 * @param workingDir where relative paths are resolved
 * @param clock the clock
 * @param in standard input (answers to the agent's questions with {@code --interactive})
 */
record CliContext(
    Map<String, String> env,
    PrintStream out,
    PrintStream err,
    boolean terminal,
    Path workingDir,
    Clock clock,
    InputStream in) {

  CliContext {
    env = Map.copyOf(env);
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(in, "in");
  }

  /** A context whose standard input is empty. */
  CliContext(
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      boolean terminal,
      Path workingDir,
      Clock clock) {
    this(env, out, err, terminal, workingDir, clock, InputStream.nullInputStream());
  }

  /** The real process: its environment, streams and working directory. */
  static CliContext system() {
    return new CliContext(
        System.getenv(),
        System.out,
        System.err,
        stderrIsTerminal(System.getenv()),
        Path.of("").toAbsolutePath(),
        Clock.systemDefaultZone(),
        System.in);
  }

  /**
   * Whether standard error is a terminal: on Linux, what file descriptor 2 points at (a report
   * redirected to a file leaves a live status line on the terminal); elsewhere, whether the JVM has
   * a console. {@code TERM=dumb} never gets one.
   */
  static boolean stderrIsTerminal(Map<String, String> env) {
    if ("dumb".equals(env.get("TERM"))) {
      return false;
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /** {@code path} resolved against the working directory. */
  Path resolve(Path path) {
    return workingDir.resolve(path);
  }
}
