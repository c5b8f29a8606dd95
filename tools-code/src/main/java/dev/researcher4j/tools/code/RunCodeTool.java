package dev.researcher4j.tools.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.core.tool.ToolPolicy;
import dev.researcher4j.tools.code.internal.CallResult;
import dev.researcher4j.tools.code.internal.Observations;
import dev.researcher4j.tools.code.internal.PythonSandbox;
import dev.researcher4j.tools.code.internal.PythonSession;
import dev.researcher4j.tools.code.internal.RunSessions;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code run_code} tool: runs Python 3 that the model writes, for arithmetic, statistics, unit
 * conversions, parsing tables and checking numbers, in an embedded GraalPy sandbox.
 *
 * <p>What the code can do: the pure standard library (math, statistics, fractions, decimal,
 * datetime, itertools, json, re, csv, …). What it cannot: files, network, processes, threads,
 * environment variables, native code, Java classes; each attempt comes back as an error observation
 * saying so. Every call runs under {@link SandboxLimits} (wall time, memory allocated, output
 * shown); a call over a limit is stopped and the run goes on. Variables live from call to call
 * within one run, like a notebook, and are never shared between runs: each run gets its own Python
 * context, kept in the run's {@link ToolContext#runScoped run-scoped state} and closed when the run
 * ends. Tracebacks come back as error observations.
 *
 * <p>Register it with {@link #policy()}, which turns off the run's cache of repeated calls (the
 * same code can give a different answer once variables changed) and gives a call time to be stopped
 * by the sandbox before the run's own timeout. Thread-safe; one instance serves many runs. Close it
 * to free the Python engine (the first call of a JVM starts it, which takes seconds).
 */
public final class RunCodeTool implements Tool, AutoCloseable {

  /** The tool's name. */
  public static final String NAME = "run_code";

  private static final Logger LOG = LoggerFactory.getLogger(RunCodeTool.class);

  private final PythonSandbox sandbox;

  private RunCodeTool(SandboxLimits limits) {
    this.sandbox = new PythonSandbox(Objects.requireNonNull(limits, "limits"));
  }

  /** The tool with {@link SandboxLimits#ofDefaults() default limits}. */
  public static RunCodeTool create() {
    return new RunCodeTool(SandboxLimits.ofDefaults());
  }

  /** The tool with the given limits. */
  public static RunCodeTool create(SandboxLimits limits) {
    return new RunCodeTool(limits);
  }

  /** The limits every call runs under. */
  public SandboxLimits limits() {
    return sandbox.limits();
  }

  /**
   * The policy to register this tool with: no cache of repeated calls, and a timeout a minute
   * longer than the sandbox's time limit, so the sandbox stops a long call (keeping the session)
   * before the run gives up on it.
   */
  public ToolPolicy policy() {
    return ToolPolicy.custom()
        .cacheRepeatedCalls(false)
        .timeout(limits().timeLimit().plus(Duration.ofMinutes(1)))
        .build();
  }

  /**
   * Starts the Python engine now rather than on the first call (several seconds on a cold JVM).
   *
   * @throws RuntimeException if GraalPy cannot run here; the message says why
   */
  public void warmUp() {
    sandbox.warmUp();
  }

  @Override
  public ToolSpec spec() {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    ObjectNode props = schema.putObject("properties");
    props
        .putObject("code")
        .put("type", "string")
        .put(
            "description",
            "Python 3 code. print() what you want to see; the value of a final expression is"
                + " shown too. Variables and functions stay defined for later calls in this run.");
    schema.putArray("required").add("code");
    return ToolSpec.of(
        NAME,
        "Run Python 3 in a sandbox to compute instead of guessing: arithmetic, unit conversions,"
            + " percentages and growth rates, statistics, dates, parsing a table or JSON you"
            + " have read, checking a number a source gives. Only the standard library (math,"
            + " statistics, fractions, decimal, datetime, itertools, json, re, csv…); no files,"
            + " network or packages, so put the figures in the code. Each call may take "
            + limits().timeLimit().toSeconds()
            + " s at most. Cite the sources the input figures came from, not run_code.",
        schema);
  }

  @Override
  public ToolResult execute(ToolCall call, ToolContext context) {
    JsonNode code = call.parsedArguments().get("code");
    if (code == null || !code.isTextual() || code.asText().isBlank()) {
      return ToolResult.error("run_code needs a 'code' argument: the Python 3 source to run.");
    }
    String source = code.asText();
    if (source.length() > limits().maxCodeChars()) {
      return ToolResult.error(
          "The code is "
              + source.length()
              + " characters long; run_code takes at most "
              + limits().maxCodeChars()
              + ". Split it over several calls (variables are kept between them).");
    }
    CallResult result;
    try {
      PythonSession session =
          context.runScoped(RunSessions.class, RunSessions::new).of(sandbox, context.runId());
      result = session.run(source, context::isCancelled);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ToolResult.error("The run was cancelled before the code ran.");
    } catch (RuntimeException | LinkageError e) {
      // GraalPy could not start (a missing jar, an unsupported JVM): say so, the run goes on.
      LOG.warn("run_code: the Python sandbox could not run", e);
      return ToolResult.error(
          "run_code is not available here (the Python sandbox could not start: "
              + e
              + "). Do the arithmetic by hand and say so.");
    }
    if ("CANCELLED".equals(result.stop()) && context.isCancelled()) {
      Thread.currentThread().interrupt();
    }
    String text = Observations.text(result, limits());
    return result.succeeded() ? ToolResult.of(text) : ToolResult.error(text);
  }

  /** How many runs have a Python session open (for tests). */
  int openSessions() {
    return sandbox.openSessions();
  }

  /** Closes every session still open and the Python engine; later calls fail. */
  @Override
  public void close() {
    sandbox.close();
  }
}
