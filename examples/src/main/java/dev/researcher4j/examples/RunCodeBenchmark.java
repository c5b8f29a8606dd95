package dev.researcher4j.examples;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.tools.code.RunCodeTool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Measures what {@code run_code} costs per call: the first call of the JVM (starting the Python
 * engine), the first call of each later run (a new Python context), and warm calls. Prints one line
 * per measurement, in milliseconds.
 *
 * <pre>{@code
 * java -cp examples/target/researcher.jar dev.researcher4j.examples.RunCodeBenchmark [runs] [calls]
 * }</pre>
 */
public final class RunCodeBenchmark {

  private RunCodeBenchmark() {}

  /** Runs the benchmark: {@code runs} runs (default 5) of {@code calls} warm calls (default 50). */
  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    System.out.println(
        "java "
            + Runtime.version()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores, max heap "
            + (Runtime.getRuntime().maxMemory() >> 20)
            + " MB");
    try (RunCodeTool tool = RunCodeTool.create()) {
      double firstOfJvm = 0;
      List<Double> firstOfRun = new ArrayList<>();
      List<Double> warm = new ArrayList<>();
      List<Double> imports = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        try (BenchContext run = new BenchContext("bench-" + r)) {
          double first = time(tool, run, "x = 0");
          if (r == 0) {
            firstOfJvm = first;
          } else {
            firstOfRun.add(first);
          }
          imports.add(time(tool, run, "import statistics, fractions, decimal, json, csv, re"));
          for (int c = 0; c < calls; c++) {
            warm.add(time(tool, run, "x = x + 1\nround((x * 1.07 ** 3) / 3, 2)"));
          }
        }
      }
      line("first call of the JVM (engine + context)", List.of(firstOfJvm));
      line("first call of a later run (new context)", firstOfRun);
      line("first stdlib imports of a run", imports);
      line("warm call (small arithmetic)", warm);
    }
  }

  private static double time(RunCodeTool tool, ToolContext context, String code) {
    long start = System.nanoTime();
    ToolResult result =
        tool.execute(
            ToolCall.of(
                "c", RunCodeTool.NAME, JsonNodeFactory.instance.objectNode().put("code", code)),
            context);
    double millis = (System.nanoTime() - start) / 1e6;
    if (result.error()) {
      throw new IllegalStateException("benchmark call failed: " + result.content());
    }
    return millis;
  }

  private static void line(String what, List<Double> millis) {
    if (millis.isEmpty()) {
      return;
    }
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.println(
        String.format(
            Locale.ROOT,
            "%-42s n=%-4d median %9.1f ms  p90 %9.1f ms  max %9.1f ms",
            what,
            sorted.length,
            sorted[sorted.length / 2],
            sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)],
            Arrays.stream(sorted).max().orElse(0)));
  }

  /** The least a tool needs of a run: an id and run-scoped state, closed when the run ends. */
  private static final class BenchContext implements ToolContext, AutoCloseable {
    private final String runId;
    private final Map<Class<?>, Object> scoped = new ConcurrentHashMap<>();

    BenchContext(String runId) {
      this.runId = runId;
    }

    @Override
    public String runId() {
      return runId;
    }

    @Override
    public Task task() {
      return Task.of("benchmark");
    }

    @Override
    public String toolCallId() {
      return "c";
    }

    @Override
    public Source registerSource(Source source) {
      return source.withId("S1");
    }

    @Override
    public List<Source> sources() {
      return List.of();
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public void linkChildRun(String childRunId, String location) {}

    @Override
    public <T> T runScoped(Class<T> type, Supplier<? extends T> factory) {
      return type.cast(scoped.computeIfAbsent(type, t -> factory.get()));
    }

    @Override
    public Clock clock() {
      return Clock.systemUTC();
    }

    @Override
    public void close() {
      for (Object value : scoped.values()) {
        if (value instanceof AutoCloseable closeable) {
          try {
            closeable.close();
          } catch (Exception e) {
            throw new IllegalStateException("closing run-scoped state failed", e);
          }
        }
      }
    }
  }
}
