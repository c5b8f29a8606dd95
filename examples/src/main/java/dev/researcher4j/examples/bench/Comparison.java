package dev.researcher4j.examples.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * researcher4j beside the hand-written {@link ReferenceLoop}, in one process and interleaved run by
 * run (agent, reference, agent, …), so both see the same machine at the same moments: the loop
 * scenario's overhead per model call, the concurrent scenario's throughput, and the CPU time each
 * spends per run. A shared, busy machine moves both; their difference is what the agent costs.
 */
final class Comparison {
  private Comparison() {}

  /** The most overhead per model call the agent may add to the reference's. */
  static final double TARGET_EXTRA_MS_PER_MODEL_CALL = 0.3;

  /** The least share of the reference's throughput the agent must reach. */
  static final double TARGET_THROUGHPUT_SHARE = 0.9;

  /** A measurement of one client: wall time (ms) and CPU time (ms) per measured unit. */
  private record Sample(double wallMs, double cpuMs) {}

  /** Runs the comparison with each scenario's settings. */
  static ObjectNode run(BenchSettings loop, BenchSettings settings) {
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("scenario", Scenario.COMPARE.label());
    result.put("streaming", settings.streaming());
    result.put("load_average_before", Benchmark.loadAverage());
    List<String> problems = new ArrayList<>();
    loop(loop, result.putObject("loop"), problems);
    concurrent(settings, result.putObject("concurrent"), problems);
    result.put("load_average_after", Benchmark.loadAverage());
    result.put("java", System.getProperty("java.version"));
    result.put("cpus", Runtime.getRuntime().availableProcessors());
    result.put("valid", problems.isEmpty());
    if (!problems.isEmpty()) {
      problems.stream().distinct().limit(10).forEach(result.putArray("problems")::add);
    }
    return result;
  }

  private static void loop(BenchSettings s, ObjectNode out, List<String> problems) {
    List<Sample> agent = new ArrayList<>();
    List<Sample> reference = new ArrayList<>();
    try (Rig a = new Rig(s.withReference(false), false);
        Rig r = new Rig(s.withReference(true), false)) {
      for (Rig rig : List.of(a, r)) {
        rig.latencies(false);
        for (int i = 0; i < s.warmup(); i++) {
          Benchmark.check(rig.runOne(i), rig.script, problems);
        }
        rig.latencies(true);
      }
      for (int i = 0; i < s.repeat(); i++) {
        agent.add(timeOne(a, -1 - i, problems));
        reference.add(timeOne(r, -1 - i, problems));
      }
      int calls = a.script.modelCalls();
      double ideal = s.idealRunTime().toNanos() / 1e6;
      double agentPerCall = (median(agent).wallMs() - ideal) / calls;
      double referencePerCall = (median(reference).wallMs() - ideal) / calls;
      out.put("model_calls_per_run", calls);
      out.put("ideal_ms", Benchmark.round(ideal));
      out.put("overhead_ms_per_model_call", Benchmark.round(agentPerCall));
      out.put("reference_overhead_ms_per_model_call", Benchmark.round(referencePerCall));
      out.put("extra_ms_per_model_call", Benchmark.round(agentPerCall - referencePerCall));
      out.put("target_extra_ms_per_model_call", TARGET_EXTRA_MS_PER_MODEL_CALL);
      out.put("cpu_ms_per_run", Benchmark.round(median(agent).cpuMs()));
      out.put("reference_cpu_ms_per_run", Benchmark.round(median(reference).cpuMs()));
      out.put("meets_target", agentPerCall - referencePerCall <= TARGET_EXTRA_MS_PER_MODEL_CALL);
    }
  }

  private static Sample timeOne(Rig rig, int n, List<String> problems) {
    rig.server.reset();
    CpuMeter cpu = CpuMeter.start();
    long start = System.nanoTime();
    Object run = rig.runOne(n);
    double wall = (System.nanoTime() - start) / 1e6;
    double[] load = cpu.stop();
    Benchmark.check(run, rig.script, problems);
    return new Sample(wall, load == null ? Double.NaN : load[2]);
  }

  private static void concurrent(BenchSettings s, ObjectNode out, List<String> problems) {
    List<Sample> agent = new ArrayList<>();
    List<Sample> reference = new ArrayList<>();
    try (Rig a = new Rig(s.withReference(false), false);
        Rig r = new Rig(s.withReference(true), false)) {
      for (Rig rig : List.of(a, r)) {
        rig.latencies(false);
        for (int i = 0; i < s.warmup(); i++) {
          Benchmark.batch(rig, s.runs(), new ArrayList<>());
        }
        rig.latencies(true);
      }
      for (int i = 0; i < s.repeat(); i++) {
        agent.add(timeBatch(a, s.runs(), problems));
        reference.add(timeBatch(r, s.runs(), problems));
      }
      double agentRate = s.runs() / (median(agent).wallMs() / 1000);
      double referenceRate = s.runs() / (median(reference).wallMs() / 1000);
      out.put("runs", s.runs());
      out.put("runs_per_s", Benchmark.round(agentRate));
      out.put("reference_runs_per_s", Benchmark.round(referenceRate));
      out.put("share_of_reference", Benchmark.round(agentRate / referenceRate));
      out.put("target_share_of_reference", TARGET_THROUGHPUT_SHARE);
      out.put("cpu_ms_per_run", Benchmark.round(median(agent).cpuMs() / s.runs()));
      out.put("reference_cpu_ms_per_run", Benchmark.round(median(reference).cpuMs() / s.runs()));
      out.put("meets_target", agentRate / referenceRate >= TARGET_THROUGHPUT_SHARE);
    }
  }

  private static Sample timeBatch(Rig rig, int runs, List<String> problems) {
    rig.server.reset();
    CpuMeter cpu = CpuMeter.start();
    long start = System.nanoTime();
    Benchmark.batch(rig, runs, problems);
    double wall = (System.nanoTime() - start) / 1e6;
    double[] load = cpu.stop();
    return new Sample(wall, load == null ? Double.NaN : load[2]);
  }

  private static Sample median(List<Sample> samples) {
    List<Sample> sorted = new ArrayList<>(samples);
    sorted.sort((x, y) -> Double.compare(x.wallMs(), y.wallMs()));
    return sorted.get((sorted.size() - 1) / 2);
  }
}
