package dev.researcher4j.examples.cli;

import dev.researcher4j.examples.bench.BenchSettings;
import dev.researcher4j.examples.bench.Benchmark;
import dev.researcher4j.examples.bench.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code researcher bench}: the loop, concurrency and context benchmarks against a stub model. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks the research loop against an in-process stub model server.",
      "The stub is OpenAI-compatible (simulated model latency, scripted tool-calling",
      "turns; planning and verification off); one JSON line is printed per scenario:",
      "  loop        1 run, 10 rounds x 4 tool calls; model 50 ms, tools 100 ms",
      "  concurrent  200 runs at once, 5 rounds x 2 tool calls; model/tools 20 ms",
      "  context     1 run, 30 rounds, 4 KB observations, 32k-token window",
      "The options override the chosen scenarios' settings."
    })
final class BenchCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "<scenario>",
      description =
          "loop, concurrent, context, compare (the agent beside a hand-written loop, interleaved) or all (default: all).")
  String scenario = "all";

  @Option(names = "--runs", paramLabel = "N", description = "Runs at once (concurrent).")
  Integer runs;

  @Option(names = "--rounds", paramLabel = "N", description = "Tool rounds per run.")
  Integer rounds;

  @Option(names = "--tool-calls", paramLabel = "N", description = "Parallel tool calls per round.")
  Integer toolCalls;

  @Option(names = "--model-ms", paramLabel = "MS", description = "Model latency per call.")
  Long modelMs;

  @Option(names = "--tool-ms", paramLabel = "MS", description = "Latency of each tool call.")
  Long toolMs;

  @Option(
      names = "--observation-chars",
      paramLabel = "N",
      description = "Characters of each tool result.")
  Integer observationChars;

  @Option(
      names = "--context-window",
      paramLabel = "TOKENS",
      description = "Context window the model reports.")
  Integer contextWindow;

  @Option(
      names = "--context-threshold",
      paramLabel = "FRACTION",
      description = "Fraction of the window at which history is compacted (default 0.75).")
  Double contextThreshold;

  @Option(
      names = "--context-target",
      paramLabel = "FRACTION",
      description = "Fraction of the window compaction aims for (default 0.5).")
  Double contextTarget;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      description = "Warm-up runs (batches, for concurrent) without latency before measuring.")
  Integer warmup;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      description = "Measured runs (loop: 5) or batches (concurrent: 3); the median is reported.")
  Integer repeat;

  @Option(names = "--no-stream", description = "Turn the client's streaming off.")
  boolean noStream;

  @Option(
      names = "--trajectories",
      paramLabel = "DIR",
      description = "Record JSONL trajectories into DIR (default: none).")
  Path trajectories;

  @Option(
      names = "--reference",
      description =
          "Run loop and concurrent with a hand-written loop on java.net.http.HttpClient"
              + " instead of the agent: what this machine and the stub allow.")
  boolean reference;

  BenchCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<Scenario> scenarios = scenarios(scenario);
    boolean allValid = true;
    for (Scenario s : scenarios) {
      var result =
          s == Scenario.COMPARE
              ? Benchmark.compare(
                  settings(Scenario.LOOP.defaults()), settings(Scenario.CONCURRENT.defaults()))
              : Benchmark.run(s, settings(s.defaults()));
      context.out().println(result.toString());
      allValid &= result.path("valid").asBoolean();
    }
    return allValid ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private BenchSettings settings(BenchSettings d) {
    return new BenchSettings(
        runs != null ? runs : d.runs(),
        rounds != null ? rounds : d.rounds(),
        toolCalls != null ? toolCalls : d.toolCalls(),
        modelMs != null ? millis(modelMs, "--model-ms") : d.modelLatency(),
        toolMs != null ? millis(toolMs, "--tool-ms") : d.toolLatency(),
        observationChars != null ? observationChars : d.observationChars(),
        contextWindow != null ? contextWindow : d.contextWindow(),
        contextThreshold != null ? contextThreshold : d.contextThreshold(),
        contextTarget != null ? contextTarget : d.contextTarget(),
        warmup != null ? warmup : d.warmup(),
        repeat != null ? repeat : d.repeat(),
        !noStream && d.streaming(),
        trajectories != null ? context.resolve(trajectories) : d.trajectories(),
        reference || d.reference());
  }

  private static Duration millis(long value, String option) {
    if (value < 0) {
      throw new IllegalArgumentException(option + " must be >= 0, but was " + value);
    }
    return Duration.ofMillis(value);
  }

  private static List<Scenario> scenarios(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("all")) {
      return List.of(Scenario.values());
    }
    for (Scenario s : Scenario.values()) {
      if (s.label().equals(n)) {
        return List.of(s);
      }
    }
    throw new IllegalArgumentException(
        "unknown scenario '" + name + "'; use loop, concurrent, context, compare or all");
  }
}
