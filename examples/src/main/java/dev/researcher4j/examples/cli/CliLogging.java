package dev.researcher4j.examples.cli;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The command line's SLF4J binding: library log lines come out in the command line's own format
 * ({@code warning: …}, one line, on standard error), not as a logging framework's lines, and go
 * through the same writer as the live status line so that they do not tear it.
 *
 * <p>Level: warnings and errors unless {@value #LEVEL_ENV} says {@code error}, {@code info} or
 * {@code debug} (debug adds the logger's name and stack traces). The sink and level are process-
 * wide, as SLF4J's binding is; {@link #configure} sets them for one command line run and {@link
 * #reset} puts back the defaults. Thread-safe.
 */
final class CliLogging {
  private CliLogging() {}

  /** Environment variable choosing the level: error, warn (default), info or debug. */
  static final String LEVEL_ENV = "RESEARCHER_LOG";

  private static volatile Consumer<String> sink = System.err::println;
  private static volatile Level level = Level.WARN;

  /** Log lines of this run go to {@code context}'s standard error, at the level its env asks. */
  static void configure(CliContext context) {
    String wanted = context.env().getOrDefault(LEVEL_ENV, "warn").strip().toUpperCase(Locale.ROOT);
    Level chosen;
    try {
      chosen = Level.valueOf(wanted);
    } catch (IllegalArgumentException e) {
      context.err().println("note: " + LEVEL_ENV + "=" + wanted + " is not a level; using warn");
      chosen = Level.WARN;
    }
    level = chosen;
    sink = context.err()::println;
  }

  /** Sends log lines to {@code lines} (the live status printer, while it shows a status line). */
  static void sendTo(Consumer<String> lines) {
    sink = lines;
  }

  /** Back to the defaults: warnings and errors, on the process's standard error. */
  static void reset() {
    level = Level.WARN;
    sink = System.err::println;
  }

  /** One log line as the command line writes it. */
  static String format(Level at, String logger, String message, Throwable error) {
    StringBuilder line = new StringBuilder();
    line.append(
        switch (at) {
          case ERROR -> "error: ";
          case WARN -> "warning: ";
          case INFO -> "";
          case DEBUG, TRACE -> "debug: ";
        });
    line.append(message == null ? "" : message.strip());
    if (error != null
        && error.getMessage() != null
        && !line.toString().contains(error.getMessage())) {
      line.append(": ").append(error.getMessage());
    }
    if (level.toInt() <= Level.DEBUG.toInt()) {
      line.append(" (").append(logger).append(')');
    }
    return line.toString();
  }

  private static final class CliLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    CliLogger(String name) {
      this.name = name;
    }

    private static boolean on(Level at) {
      return at.toInt() >= level.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
      return on(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return on(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return on(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return on(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
      return on(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level at, Marker marker, String pattern, Object[] arguments, Throwable error) {
      String message = MessageFormatter.basicArrayFormat(pattern, arguments);
      sink.accept(format(at, name, message, error));
      if (error != null && level.toInt() <= Level.DEBUG.toInt()) {
        java.io.StringWriter trace = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(trace));
        sink.accept(trace.toString().stripTrailing());
      }
    }
  }

  private static final class Factory implements ILoggerFactory {
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();

    @Override
    public Logger getLogger(String name) {
      return loggers.computeIfAbsent(name, CliLogger::new);
    }
  }

  /** Found by SLF4J through {@code META-INF/services}; public for the service loader. */
  public static final class Provider implements SLF4JServiceProvider {
    private final ILoggerFactory factory = new Factory();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** Made by the service loader. */
    public Provider() {}

    @Override
    public ILoggerFactory getLoggerFactory() {
      return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
      return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
      return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
      return "2.0.99";
    }

    @Override
    public void initialize() {}
  }
}
