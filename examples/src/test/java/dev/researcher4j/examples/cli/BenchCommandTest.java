package dev.researcher4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each benchmark scenario at a tiny size and checks that its JSON line is complete and its
 * numbers consistent. Timing targets are not asserted: they depend on the machine and its load.
 */
class BenchCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static List<JsonNode> lines(CliRun run) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : run.out().strip().split("\n")) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  private static final String[] TINY = {
    "--rounds", "2", "--tool-calls", "2", "--model-ms", "2", "--tool-ms", "3", "--warmup", "1"
  };

  private static String[] args(String scenario, String... more) {
    return Stream.concat(
            Stream.of("bench", scenario), Stream.concat(Stream.of(TINY), Stream.of(more)))
        .toArray(String[]::new);
  }

  @Test
  void loopReportsWallIdealAndOverheadPerModelCall() throws Exception {
    CliRun run = CliRun.run(Map.of(), dir, args("loop"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> lines = lines(run);
    assertThat(lines).hasSize(1);
    JsonNode loop = lines.get(0);
    assertThat(loop.path("scenario").asText()).isEqualTo("loop");
    assertThat(loop.path("valid").asBoolean()).as(loop.toString()).isTrue();
    assertThat(loop.path("model_calls").asInt()).isEqualTo(3);
    assertThat(loop.path("requests_served").asInt()).isEqualTo(3);
    // 2 rounds × (2 ms model + 3 ms tools) + 2 ms for the final answer.
    assertThat(loop.path("ideal_ms").asDouble()).isEqualTo(12.0);
    assertThat(loop.path("ideal").asText()).contains("rounds", "final answer");
    // Every model call and tool call takes at least its latency, so a run never beats the ideal.
    assertThat(loop.path("wall_ms").asDouble()).isGreaterThanOrEqualTo(12.0);
    assertThat(loop.path("overhead_ms").asDouble()).isGreaterThanOrEqualTo(0);
    assertThat(loop.path("overhead_ms_per_model_call").asDouble())
        .isCloseTo(
            loop.path("overhead_ms").asDouble() / 3, org.assertj.core.data.Offset.offset(0.01));
    assertThat(loop.path("overhead_breakdown_ms").has("model_calls")).isTrue();
    // The median of five measured runs.
    assertThat(loop.path("measured").asInt()).isEqualTo(5);
    assertThat(loop.path("wall_ms_each_run")).hasSize(5);
    assertThat(loop.path("wall_ms_each_run").toString())
        .contains(String.valueOf(loop.path("wall_ms").asDouble()));
    assertThat(loop.path("target_overhead_ms_per_model_call").asDouble()).isEqualTo(2.0);
    assertThat(loop.has("meets_target")).isTrue();
    assertThat(loop.path("streaming").asBoolean()).isTrue();
    assertThat(loop.path("load_average_before").isNumber()).isTrue();
    assertThat(loop.path("cpus").asInt()).isPositive();
  }

  @Test
  void concurrentReportsThroughputLatencyPercentilesAndHeap() throws Exception {
    CliRun run = CliRun.run(Map.of(), dir, args("concurrent", "--runs", "4"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = lines(run).get(0);
    assertThat(result.path("scenario").asText()).isEqualTo("concurrent");
    assertThat(result.path("valid").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.path("runs").asInt()).isEqualTo(4);
    assertThat(result.path("model_calls").asInt()).isEqualTo(12);
    assertThat(result.path("requests_served").asInt()).isEqualTo(12);
    assertThat(result.path("ideal_run_ms").asDouble()).isEqualTo(12.0);
    assertThat(result.path("ideal_runs_per_s").asDouble()).isCloseTo(333.33, within(0.01));
    // No run is faster than the ideal, so neither is the batch.
    assertThat(result.path("runs_per_s").asDouble())
        .isPositive()
        .isLessThanOrEqualTo(result.path("ideal_runs_per_s").asDouble());
    assertThat(result.path("fraction_of_ideal").asDouble()).isPositive().isLessThanOrEqualTo(1.0);
    assertThat(result.path("runs_per_s_each_batch")).hasSize(3);
    double p50 = result.path("p50_run_ms").asDouble();
    double p99 = result.path("p99_run_ms").asDouble();
    assertThat(p50).isGreaterThanOrEqualTo(12.0);
    assertThat(p99).isGreaterThanOrEqualTo(p50);
    assertThat(result.path("max_run_ms").asDouble()).isGreaterThanOrEqualTo(p99);
    assertThat(result.path("peak_heap_mb").asDouble()).isPositive();
    assertThat(result.path("peak_heap_after_gc_mb").asDouble()).isNotNegative();
    assertThat(result.path("client").asText()).startsWith("researcher4j");
    assertThat(result.path("target_fraction_of_ideal").asDouble()).isEqualTo(0.75);
  }

  @Test
  void contextComparesBytesSentWithAKeepEverythingHistory() throws Exception {
    CliRun run =
        CliRun.run(
            Map.of(),
            dir,
            "bench",
            "context",
            "--rounds",
            "8",
            "--observation-chars",
            "3000",
            "--context-window",
            "4000");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = lines(run).get(0);
    assertThat(result.path("scenario").asText()).isEqualTo("context");
    assertThat(result.path("valid").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.path("context_window_tokens").asInt()).isEqualTo(4000);
    assertThat(result.path("context_policy").asText()).contains("keep the last 3 tool results");
    assertThat(result.path("model_calls").asInt()).isEqualTo(9);
    assertThat(result.path("compactions").asInt()).isPositive();
    long sent = result.path("request_bytes_sent").asLong();
    long full = result.path("keep_everything_bytes").asLong();
    assertThat(sent).isPositive().isLessThan(full);
    // 8 results of 3,000 characters would be there in full in the last request alone.
    assertThat(full).isGreaterThan(8 * 3000);
    assertThat(result.path("ratio").asDouble()).isCloseTo((double) sent / full, within(0.01));
    assertThat(result.path("largest_request_bytes").asLong()).isPositive().isLessThan(sent);
  }

  @Test
  void compactingEarlierSendsFewerBytes() throws Exception {
    String[] context = {
      "bench", "context", "--rounds", "8", "--observation-chars", "3000", "--context-window", "8000"
    };
    CliRun late = CliRun.run(Map.of(), dir, context);
    String[] early =
        Stream.concat(
                Stream.of(context),
                Stream.of("--context-threshold", "0.3", "--context-target", "0.2"))
            .toArray(String[]::new);
    CliRun sooner = CliRun.run(Map.of(), dir, early);

    JsonNode defaults = lines(late).get(0);
    JsonNode eager = lines(sooner).get(0);
    assertThat(defaults.path("context_threshold").asDouble()).isEqualTo(0.75);
    assertThat(defaults.path("context_policy").asText()).contains("(the defaults)");
    assertThat(eager.path("context_threshold").asDouble()).isEqualTo(0.3);
    assertThat(eager.path("context_target").asDouble()).isEqualTo(0.2);
    assertThat(eager.path("context_policy").asText()).doesNotContain("(the defaults)");
    assertThat(eager.path("keep_everything_bytes").asLong())
        .isEqualTo(defaults.path("keep_everything_bytes").asLong());
    assertThat(eager.path("request_bytes_sent").asLong())
        .isLessThan(defaults.path("request_bytes_sent").asLong());
  }

  @Test
  void theReferenceLoopRunsTheSameScriptForCalibration() throws Exception {
    CliRun run = CliRun.run(Map.of(), dir, args("loop", "--reference"));
    CliRun concurrent = CliRun.run(Map.of(), dir, args("concurrent", "--runs", "3", "--reference"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode loop = lines(run).get(0);
    assertThat(loop.path("client").asText()).startsWith("reference");
    assertThat(loop.path("valid").asBoolean()).as(loop.toString()).isTrue();
    assertThat(loop.path("requests_served").asInt()).isEqualTo(3);
    assertThat(loop.path("wall_ms").asDouble()).isGreaterThanOrEqualTo(12.0);
    assertThat(loop.path("streaming").asBoolean()).isFalse();
    JsonNode batch = lines(concurrent).get(0);
    assertThat(batch.path("valid").asBoolean()).as(batch.toString()).isTrue();
    assertThat(batch.path("requests_served").asInt()).isEqualTo(9);
    assertThat(batch.path("fraction_of_ideal").asDouble()).isPositive().isLessThanOrEqualTo(1.0);
  }

  @Test
  void rejectsAContextTargetAboveTheThreshold() {
    CliRun run =
        CliRun.run(
            Map.of(),
            dir,
            "bench",
            "context",
            "--context-threshold",
            "0.4",
            "--context-target",
            "0.5");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("0 < target <= threshold <= 1");
  }

  @Test
  void withoutCompactionTheContextScenarioSendsEverything() throws Exception {
    CliRun run =
        CliRun.run(
            Map.of(), dir, "bench", "context", "--rounds", "3", "--observation-chars", "100");

    JsonNode result = lines(run).get(0);
    assertThat(result.path("compactions").asInt()).isZero();
    assertThat(result.path("request_bytes_sent").asLong())
        .isEqualTo(result.path("keep_everything_bytes").asLong());
    assertThat(result.path("ratio").asDouble()).isEqualTo(1.0);
  }

  @Test
  void allRunsEveryScenarioWithoutStreamingAndRecordsTrajectories() throws Exception {
    CliRun run =
        CliRun.run(
            Map.of(),
            dir,
            "bench",
            "all",
            "--runs",
            "2",
            "--rounds",
            "1",
            "--tool-calls",
            "1",
            "--model-ms",
            "0",
            "--tool-ms",
            "0",
            "--warmup",
            "0",
            "--repeat",
            "1",
            "--no-stream",
            "--trajectories",
            "runs");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> lines = lines(run);
    assertThat(lines)
        .extracting(l -> l.path("scenario").asText())
        .containsExactly("loop", "concurrent", "context", "compare");
    assertThat(lines).allSatisfy(l -> assertThat(l.path("valid").asBoolean()).isTrue());
    assertThat(lines).allSatisfy(l -> assertThat(l.path("streaming").asBoolean()).isFalse());
    assertThat(lines.subList(0, 3))
        .allSatisfy(l -> assertThat(l.path("trajectories").asBoolean()).isTrue());
    JsonNode compare = lines.get(3);
    assertThat(compare.path("loop").path("cpu_ms_per_run").isNumber()).isTrue();
    assertThat(compare.path("loop").has("extra_ms_per_model_call")).isTrue();
    assertThat(compare.path("concurrent").path("share_of_reference").asDouble()).isPositive();
    assertThat(compare.path("concurrent").path("reference_cpu_ms_per_run").isNumber()).isTrue();
    try (Stream<Path> files = Files.list(dir.resolve("runs"))) {
      // One file per agent run: loop 1, concurrent 2 (--runs), context 1; compare 1 + 2.
      assertThat(files.filter(f -> f.toString().endsWith(".jsonl")).count()).isEqualTo(7);
    }
  }

  @Test
  void rejectsAnUnknownScenarioAsAUsageError() {
    CliRun run = CliRun.run(Map.of(), dir, "bench", "throughput");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown scenario 'throughput'");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void rejectsBadSizesNamingThem() {
    CliRun run = CliRun.run(Map.of(), dir, "bench", "loop", "--tool-calls", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("toolCalls must be >= 1, but was 0");
  }

  private static org.assertj.core.data.Offset<Double> within(double offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }
}
