package dev.researcher4j.examples.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.context.ContextManagement;
import dev.researcher4j.core.model.OpenAiChatModel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the {@link Scenario}s against a {@link StubChatServer} on loopback and reports each as a
 * JSON object (one line of {@code researcher bench}).
 *
 * <p>Every scenario runs a real {@link ResearchAgent} with an {@link OpenAiChatModel} over HTTP,
 * with planning and verification off (so a run is exactly its tool turns and the final answer) and
 * the default budget with enough steps for the scenario. Warm-up runs use the same agent with the
 * latencies at zero, so the measured run finds the JIT, thread pools and connection pool warm, as
 * in a long-running application.
 *
 * <p>Timing targets are not checked here: a benchmark reports, and the command's reader judges.
 * Each result has {@code valid: false} and {@code problems} when a run did not go as scripted
 * (wrong number of model calls, not completed), in which case its numbers mean nothing.
 */
public final class Benchmark {

  /** The overhead per model call a hand-written loop on the JDK HTTP client reaches. */
  static final double TARGET_OVERHEAD_MS_PER_MODEL_CALL = 2.0;

  /** The fraction of ideal throughput a hand-written loop on the JDK HTTP client reaches. */
  static final double TARGET_FRACTION_OF_IDEAL_THROUGHPUT = 0.75;

  /** The largest share of keep-everything bytes the context scenario should send. */
  static final double TARGET_CONTEXT_BYTES_RATIO = 0.35;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Benchmark() {}

  /** Runs {@code scenario} with {@code settings} and returns its result. */
  public static ObjectNode run(Scenario scenario, BenchSettings settings) {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(settings, "settings");
    return switch (scenario) {
      case LOOP -> loop(settings);
      case CONCURRENT -> concurrent(settings);
      case CONTEXT -> context(settings);
      case COMPARE -> compare(Scenario.LOOP.defaults(), settings);
    };
  }

  /**
   * The agent beside the hand-written reference loop, interleaved: the loop scenario with {@code
   * loop}'s settings and the concurrent scenario with {@code concurrent}'s.
   */
  public static ObjectNode compare(BenchSettings loop, BenchSettings concurrent) {
    return Comparison.run(loop, concurrent);
  }

  // ------------------------------------------------------------------ scenarios

  private static ObjectNode loop(BenchSettings s) {
    ObjectNode result = header(Scenario.LOOP, s);
    List<String> problems = new ArrayList<>();
    try (Rig rig = new Rig(s, false)) {
      rig.latencies(false);
      for (int i = 0; i < s.warmup(); i++) {
        check(rig.runOne(i), rig.script, problems);
      }
      rig.latencies(true);
      List<LoopRun> runs = new ArrayList<>();
      for (int i = 0; i < s.repeat(); i++) {
        rig.server.reset();
        CpuMeter cpu = CpuMeter.start();
        long start = System.nanoTime();
        Object run = rig.runOne(-1 - i);
        long wall = System.nanoTime() - start;
        runs.add(new LoopRun(wall / 1e6, run, cpu.stop(), rig.server.requests()));
        check(run, rig.script, problems);
      }
      List<Double> walls = runs.stream().map(LoopRun::wallMs).toList();
      runs.sort(Comparator.comparingDouble(LoopRun::wallMs));
      LoopRun median = runs.get((runs.size() - 1) / 2);
      machine(result, median.cpu(), 1);
      double wallMs = median.wallMs();
      double idealMs = s.idealRunTime().toNanos() / 1e6;
      double perCall = (wallMs - idealMs) / rig.script.modelCalls();
      result.put("model_calls", rig.script.modelCalls());
      result.put("requests_served", median.requests());
      result.put("wall_ms", round(wallMs));
      ArrayNode all = result.putArray("wall_ms_each_run");
      walls.forEach(w -> all.add(round(w)));
      result.put("ideal_ms", round(idealMs));
      result.put("ideal", BenchSettings.idealFormula());
      result.put("overhead_ms", round(wallMs - idealMs));
      result.put("overhead_ms_per_model_call", round(perCall));
      if (median.run() instanceof Trajectory trajectory) {
        result.set("overhead_breakdown_ms", breakdown(trajectory, s, wallMs));
      }
      result.put("target_overhead_ms_per_model_call", TARGET_OVERHEAD_MS_PER_MODEL_CALL);
      result.put("meets_target", perCall <= TARGET_OVERHEAD_MS_PER_MODEL_CALL);
    }
    return finish(result, problems);
  }

  /** One measured run of the loop scenario. */
  private record LoopRun(double wallMs, Object run, double[] cpu, long requests) {}

  /** One measured batch of the concurrent scenario. */
  private record Batch(
      long wallNanos,
      long[] latencies,
      double[] cpu,
      long[] heap,
      long heapBefore,
      long requests) {}

  private static ObjectNode concurrent(BenchSettings s) {
    ObjectNode result = header(Scenario.CONCURRENT, s);
    List<String> problems = new ArrayList<>();
    try (Rig rig = new Rig(s, false)) {
      rig.latencies(false);
      for (int i = 0; i < s.warmup(); i++) {
        batch(rig, s.runs(), new ArrayList<>());
      }
      rig.latencies(true);
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      List<Batch> batches = new ArrayList<>();
      for (int i = 0; i < s.repeat(); i++) {
        rig.server.reset();
        // No System.gc() first: G1 shrinks the heap after a full collection, and the batch then
        // runs with a small young generation, collecting several times more often than it would.
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        HeapSampler sampler = HeapSampler.start(memory);
        CpuMeter cpu = CpuMeter.start();
        long start = System.nanoTime();
        long[] latencies = batch(rig, s.runs(), problems);
        long wall = System.nanoTime() - start;
        double[] load = cpu.stop();
        batches.add(
            new Batch(wall, latencies, load, sampler.stop(), heapBefore, rig.server.requests()));
      }
      double idealRunS = s.idealRunTime().toNanos() / 1e9;
      double idealThroughput = idealRunS > 0 ? s.runs() / idealRunS : Double.POSITIVE_INFINITY;
      List<Double> throughputs =
          batches.stream().map(b -> round(s.runs() / (b.wallNanos() / 1e9))).toList();
      batches.sort(Comparator.comparingLong(Batch::wallNanos));
      Batch median = batches.get((batches.size() - 1) / 2);
      machine(result, median.cpu(), s.runs());
      double throughput = s.runs() / (median.wallNanos() / 1e9);
      double fraction = throughput / idealThroughput;
      long[] latencies = median.latencies();
      Arrays.sort(latencies);
      result.put("model_calls", (long) s.runs() * rig.script.modelCalls());
      result.put("requests_served", median.requests());
      result.put("wall_ms", round(median.wallNanos() / 1e6));
      result.put("runs_per_s", round(throughput));
      ArrayNode all = result.putArray("runs_per_s_each_batch");
      throughputs.forEach(all::add);
      result.put("ideal_run_ms", round(idealRunS * 1000));
      result.put("ideal", BenchSettings.idealFormula() + "; all runs at once");
      result.put("ideal_runs_per_s", round(idealThroughput));
      result.put("fraction_of_ideal", round(fraction));
      result.put("p50_run_ms", round(percentile(latencies, 0.50) / 1e6));
      result.put("p99_run_ms", round(percentile(latencies, 0.99) / 1e6));
      result.put("max_run_ms", round(latencies[latencies.length - 1] / 1e6));
      result.put("heap_before_mb", round(median.heapBefore() / 1048576.0));
      result.put("peak_heap_mb", round(median.heap()[0] / 1048576.0));
      result.put("peak_heap_after_gc_mb", round(median.heap()[1] / 1048576.0));
      result.put("max_heap_mb", round(memory.getHeapMemoryUsage().getMax() / 1048576.0));
      result.put("threads_peak", ManagementFactory.getThreadMXBean().getPeakThreadCount());
      result.put("target_fraction_of_ideal", TARGET_FRACTION_OF_IDEAL_THROUGHPUT);
      result.put("meets_target", fraction >= TARGET_FRACTION_OF_IDEAL_THROUGHPUT);
    }
    return finish(result, problems);
  }

  private static ObjectNode context(BenchSettings s) {
    ObjectNode result = header(Scenario.CONTEXT, s);
    List<String> problems = new ArrayList<>();
    try (Rig rig = new Rig(s, true)) {
      rig.latencies(false);
      for (int i = 0; i < s.warmup(); i++) {
        check(rig.runOne(i), rig.script, problems);
      }
      rig.latencies(true);
      rig.server.reset();
      Trajectory run = rig.agent.run(task(-1));
      check(run, rig.script, problems);
      long compactions =
          run.steps().stream().filter(st -> st.kind() == StepKind.COMPACTION).count();
      long sent = rig.server.requestBytes();
      long full = rig.server.fullHistoryBytes();
      double ratio = full == 0 ? 0 : (double) sent / full;
      result.put("context_window_tokens", s.contextWindow());
      result.put("context_threshold", s.contextThreshold());
      result.put("context_target", s.contextTarget());
      result.put(
          "context_policy",
          "ContextManagement with the default policy: keep the last "
              + ContextManagement.DEFAULT_KEEP_RECENT
              + " tool results whole, older ones become notes; compact at context_threshold of"
              + " the window down to context_target"
              + (s.contextThreshold() == ContextManagement.DEFAULT_THRESHOLD
                      && s.contextTarget() == ContextManagement.DEFAULT_TARGET
                  ? " (the defaults)"
                  : ""));
      result.put("model_calls", rig.script.modelCalls());
      result.put("requests_served", rig.server.requests());
      result.put("compactions", compactions);
      result.put("request_bytes_sent", sent);
      result.put("keep_everything_bytes", full);
      result.put("largest_request_bytes", rig.server.largestRequestBytes());
      result.put("ratio", round(ratio));
      result.put("target_ratio", TARGET_CONTEXT_BYTES_RATIO);
      result.put("meets_target", ratio <= TARGET_CONTEXT_BYTES_RATIO);
    }
    return finish(result, problems);
  }

  // ------------------------------------------------------------------ helpers

  /** Runs {@code runs} runs at once; returns each run's time from submission to its end. */
  static long[] batch(Rig rig, int runs, List<String> problems) {
    long[] latencies = new long[runs];
    List<CompletableFuture<Object>> futures = new ArrayList<>(runs);
    for (int i = 0; i < runs; i++) {
      int n = i;
      long submitted = System.nanoTime();
      futures.add(
          rig.runAsync(i).whenComplete((t, e) -> latencies[n] = System.nanoTime() - submitted));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    for (CompletableFuture<Object> future : futures) {
      check(future.join(), rig.script, problems);
    }
    return latencies;
  }

  /**
   * Where the loop's overhead went, from the steps' timestamps: model steps beyond the model
   * latency (HTTP, JSON, the stub's own slack), tool steps beyond the tool latency (hand-offs,
   * observations), and the time between steps (history, budgets, recording).
   */
  private static ObjectNode breakdown(Trajectory run, BenchSettings s, double wallMs) {
    double model = 0;
    double tools = 0;
    int modelSteps = 0;
    int toolSteps = 0;
    for (Step step : run.steps()) {
      double ms = Duration.between(step.startedAt(), step.endedAt()).toNanos() / 1e6;
      if (step.kind() == StepKind.MODEL) {
        model += ms;
        modelSteps++;
      } else if (step.kind() == StepKind.TOOLS) {
        tools += ms;
        toolSteps++;
      }
    }
    double modelOverhead = model - modelSteps * (s.modelLatency().toNanos() / 1e6);
    double toolOverhead = tools - toolSteps * (s.toolLatency().toNanos() / 1e6);
    ObjectNode node = NODES.objectNode();
    node.put("model_calls", round(modelOverhead));
    node.put("tool_batches", round(toolOverhead));
    node.put("between_steps", round(wallMs - model - tools));
    return node;
  }

  static Task task(int n) {
    return Task.builder("Benchmark question " + n + ": what does the scripted research find?")
        .outputFormat("one sentence")
        .build();
  }

  static void check(Object result, ChatScript script, List<String> problems) {
    if (result instanceof Integer calls) {
      if (calls != script.modelCalls()) {
        problems.add("a reference run made " + calls + " model calls, not " + script.modelCalls());
      }
      return;
    }
    Trajectory run = (Trajectory) result;
    Outcome outcome = run.outcome();
    if (outcome == null || outcome.stopReason() != StopReason.COMPLETED) {
      problems.add(
          "run "
              + run.runId()
              + " ended "
              + (outcome == null
                  ? "without an outcome"
                  : outcome.stopReason() + ": " + outcome.error()));
      return;
    }
    long modelCalls = run.steps().stream().map(Step::kind).filter(k -> k == StepKind.MODEL).count();
    if (modelCalls != script.modelCalls()) {
      problems.add(
          "run "
              + run.runId()
              + " made "
              + modelCalls
              + " model calls, not "
              + script.modelCalls());
    }
  }

  private static ObjectNode header(Scenario scenario, BenchSettings s) {
    ObjectNode result = NODES.objectNode();
    result.put("scenario", scenario.label());
    if (scenario == Scenario.CONCURRENT) {
      result.put("runs", s.runs());
    }
    result.put("rounds", s.rounds());
    result.put("tool_calls_per_round", s.toolCalls());
    result.put("model_latency_ms", s.modelLatency().toMillis());
    result.put("tool_latency_ms", s.toolLatency().toMillis());
    result.put("observation_chars", s.observationChars());
    boolean reference = s.reference() && scenario != Scenario.CONTEXT;
    result.put(
        "client",
        reference
            ? "reference: a hand-written loop on java.net.http.HttpClient and Jackson"
            : "researcher4j: ResearchAgent with OpenAiChatModel");
    result.put("streaming", s.streaming() && !reference);
    result.put("trajectories", s.trajectories() != null);
    result.put("warmup", s.warmup());
    if (scenario != Scenario.CONTEXT) {
      result.put("measured", s.repeat());
    }
    result.put("load_average_before", loadAverage());
    return result;
  }

  /**
   * How busy the machine was while measuring, where that can be known, and the CPU time this
   * process spent per run.
   */
  static void machine(ObjectNode result, double[] cpu, int runs) {
    if (cpu != null) {
      result.put("own_cpu_cores", round(cpu[0]));
      result.put("other_processes_cpu_share", round(cpu[1]));
      result.put("cpu_ms_per_run", round(cpu[2] / runs));
    }
  }

  private static ObjectNode finish(ObjectNode result, List<String> problems) {
    result.put("load_average_after", loadAverage());
    result.put("java", System.getProperty("java.version"));
    result.put("cpus", Runtime.getRuntime().availableProcessors());
    result.put("valid", problems.isEmpty());
    if (!problems.isEmpty()) {
      ArrayNode list = result.putArray("problems");
      problems.stream().distinct().limit(10).forEach(list::add);
    }
    return result;
  }

  static double loadAverage() {
    return round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static double percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
