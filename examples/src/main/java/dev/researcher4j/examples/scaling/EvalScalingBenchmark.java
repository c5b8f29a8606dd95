package dev.researcher4j.examples.scaling;

import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.model.OpenAiChatModel;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.eval.AttemptStatus;
import dev.researcher4j.eval.EvalSummary;
import dev.researcher4j.temporal.EvalInput;
import dev.researcher4j.temporal.ResearchWorker;
import dev.researcher4j.temporal.RunResult;
import dev.researcher4j.temporal.TemporalResearch;
import dev.researcher4j.tools.web.search.WebSearch;
import dev.researcher4j.tools.web.search.WebSearchConfig;
import dev.researcher4j.tools.web.search.WebSearchTool;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * An evaluation of 200 attempts on Temporal, on one worker process and then on two, against a
 * loopback model that takes 200 ms a call; then the time Temporal adds per call, from one run at a
 * time on Temporal and in this process. Each attempt makes two model calls and one search (20 ms).
 * Each worker makes at most {@code calls} calls at once ({@code researcher worker
 * --max-concurrent-calls}), as a worker with a fixed number of model slots does, so the model's
 * latency, not the machine, sets the pace; the evaluation lets every attempt run at once.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am package -DskipTests && java -cp
 * examples/target/researcher.jar dev.researcher4j.examples.scaling.EvalScalingBenchmark [attempts
 * [model-ms [calls]]]} (defaults 200, 200, 2). Prints one line per measurement; exits 1 when an
 * evaluation did not record every attempt as completed and correct, in which case its numbers mean
 * nothing.
 */
public final class EvalScalingBenchmark {
  private EvalScalingBenchmark() {}

  static final int ATTEMPTS_PER_ITEM = 4;
  static final long SEARCH_MILLIS = 20;
  static final int WARMUP_ATTEMPTS = 20;
  static final int SEQUENTIAL_SEARCHES = 10;
  static final int SEQUENTIAL_WARMUP = 2;
  static final int SEQUENTIAL_RUNS = 7;
  static final int LOCAL_WARMUP_BATCHES = 4;
  static final int LOCAL_WARMUP_BATCH = 16;

  /** One evaluation measured: wall time, and what the model and search saw. */
  record Phase(int workers, double seconds, int attempts, boolean valid, Map<String, Long> calls) {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    int attempts = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    long modelMillis = args.length > 1 ? Long.parseLong(args[1]) : 200;
    int calls = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    if (attempts < ATTEMPTS_PER_ITEM || attempts % ATTEMPTS_PER_ITEM != 0) {
      throw new IllegalArgumentException(
          "attempts must be a multiple of " + ATTEMPTS_PER_ITEM + ", but was " + attempts);
    }
    Path dir = Files.createTempDirectory("researcher-eval-scaling");
    System.out.printf(
        Locale.ROOT,
        "%d attempts (%d items x %d), 2 model calls (%d ms) and 1 search (%d ms) each; at most %d"
            + " calls at once per worker; files in %s%n",
        attempts,
        attempts / ATTEMPTS_PER_ITEM,
        ATTEMPTS_PER_ITEM,
        modelMillis,
        SEARCH_MILLIS,
        calls,
        dir);
    boolean valid = true;
    try (LoopbackServices services = new LoopbackServices(modelMillis, SEARCH_MILLIS, 1);
        LocalCluster cluster = LocalCluster.start(dir)) {
      WorkflowClient client = cluster.client();
      try {
        TemporalResearch research = TemporalResearch.of(client, ResearchWorker.DEFAULT_TASK_QUEUE);
        String perWorker = String.valueOf(calls);
        cluster.startWorkers(services, List.of("w1"), "--max-concurrent-calls", perWorker);
        evaluate(research, services, dir, "warmup-1", WARMUP_ATTEMPTS, 1);
        Phase one = evaluate(research, services, dir, "one-worker", attempts, 1);
        print(one);
        cluster.startWorkers(services, List.of("w2"), "--max-concurrent-calls", perWorker);
        evaluate(research, services, dir, "warmup-2", WARMUP_ATTEMPTS, 2);
        Phase two = evaluate(research, services, dir, "two-workers", attempts, 2);
        print(two);
        valid = one.valid() && two.valid();
        System.out.printf(
            Locale.ROOT,
            "scaling: %.2fx (one worker %.1f s / two workers %.1f s); the model alone would take"
                + " %.1f s and %.1f s%n",
            one.seconds() / two.seconds(),
            one.seconds(),
            two.seconds(),
            attempts * 2.0 * modelMillis / 1000 / calls,
            attempts * 2.0 * modelMillis / 1000 / calls / 2);
        valid &= overhead(research, services, dir);
      } finally {
        client.getWorkflowServiceStubs().shutdown();
      }
    }
    System.out.println(valid ? "OK" : "INVALID (logs in " + dir + ")");
    System.exit(valid ? 0 : 1);
  }

  /** Runs an evaluation of {@code attempts} attempts, all at once, into {@code dir/name}. */
  private static Phase evaluate(
      TemporalResearch research,
      LoopbackServices services,
      Path dir,
      String name,
      int attempts,
      int workers)
      throws IOException {
    Path dataset = dir.resolve(name + ".jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= attempts / ATTEMPTS_PER_ITEM; i++) {
      lines.add(
          String.format(
              Locale.ROOT,
              "{\"id\":\"q%d\",\"question\":\"What is %d+%d?\",\"answer\":\"%d\",\"answer_type\":\"exact\"}",
              i,
              i,
              i,
              2 * i));
    }
    Files.write(dataset, lines);
    services.clear();
    long started = System.nanoTime();
    String evalId =
        research.evaluate(
            EvalInput.of(
                dataset.toAbsolutePath().toString(),
                ATTEMPTS_PER_ITEM,
                attempts,
                dir.resolve(name).toAbsolutePath().toString()));
    EvalSummary summary = research.evaluation(evalId);
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Long> calls =
        services.calls().stream()
            .collect(
                Collectors.groupingBy(
                    c -> c.worker() + " " + c.kind(), TreeMap::new, Collectors.counting()));
    long modelCalls =
        calls.entrySet().stream()
            .filter(e -> e.getKey().endsWith("model"))
            .mapToLong(Map.Entry::getValue)
            .sum();
    boolean valid =
        summary.attemptsRecorded() == attempts
            && summary.count(AttemptStatus.FINISHED) == attempts
            && summary.accuracy() == 1.0
            && modelCalls == 2L * attempts;
    return new Phase(workers, seconds, attempts, valid, calls);
  }

  private static void print(Phase phase) {
    System.out.printf(
        Locale.ROOT,
        "%d worker%s: %d attempts in %.1f s (%.1f attempts/s); calls served %s%s%n",
        phase.workers(),
        phase.workers() == 1 ? "" : "s",
        phase.attempts(),
        phase.seconds(),
        phase.attempts() / phase.seconds(),
        phase.calls(),
        phase.valid()
            ? ""
            : " — INVALID: not every attempt completed, correct, with 2 model calls");
  }

  /**
   * One run at a time, {@value #SEQUENTIAL_SEARCHES} searches each: the median wall time on
   * Temporal (from start to result, at the client) and in this process with the same model and
   * search (after {@value #LOCAL_WARMUP_BATCHES} batches of {@value #LOCAL_WARMUP_BATCH} warm-up
   * runs at once), and what Temporal adds per call.
   */
  private static boolean overhead(TemporalResearch research, LoopbackServices services, Path dir)
      throws Exception {
    Task task = Task.of("What is 20+22? [" + SEQUENTIAL_SEARCHES + " searches]");
    Map<String, String> env = services.env("local");
    ResearchAgent local =
        ResearchAgent.builder()
            .chatModel(OpenAiChatModel.fromEnv(env))
            .tools(WebSearchTool.of(WebSearch.create(WebSearchConfig.fromEnvironment(env).build())))
            .planning(false)
            .verification(VerificationPolicy.disabled())
            .trajectorySink(JsonlTrajectorySink.inDirectory(dir.resolve("local-runs")))
            .build();
    // The workers' code is hot from the evaluations; this process's agent code is not yet.
    for (int batch = 0; batch < LOCAL_WARMUP_BATCHES; batch++) {
      List<CompletableFuture<Trajectory>> runs = new ArrayList<>();
      for (int i = 0; i < LOCAL_WARMUP_BATCH; i++) {
        runs.add(local.runAsync(task));
      }
      runs.forEach(CompletableFuture::join);
    }
    boolean valid = true;
    double[] temporal = new double[SEQUENTIAL_RUNS];
    double[] inProcess = new double[SEQUENTIAL_RUNS];
    for (int i = -SEQUENTIAL_WARMUP; i < SEQUENTIAL_RUNS; i++) {
      long started = System.nanoTime();
      RunResult onTemporal = research.result(research.start(task));
      double t = (System.nanoTime() - started) / 1e9;
      started = System.nanoTime();
      Trajectory here = local.run(task);
      double l = (System.nanoTime() - started) / 1e9;
      valid &=
          onTemporal.outcome().stopReason() == StopReason.COMPLETED
              && here.outcome().stopReason() == StopReason.COMPLETED;
      if (i >= 0) {
        temporal[i] = t;
        inProcess[i] = l;
      }
    }
    double t = median(temporal);
    double l = median(inProcess);
    int modelCalls = SEQUENTIAL_SEARCHES + 1;
    int allCalls = modelCalls + SEQUENTIAL_SEARCHES;
    System.out.printf(
        Locale.ROOT,
        "one run at a time (%d model calls, %d searches; median of %d): on Temporal %.3f s, in"
            + " process %.3f s; Temporal adds %.0f ms per run, %.1f ms per model call (%.1f ms per"
            + " call, model or tool)%n",
        modelCalls,
        SEQUENTIAL_SEARCHES,
        SEQUENTIAL_RUNS,
        t,
        l,
        (t - l) * 1000,
        (t - l) * 1000 / modelCalls,
        (t - l) * 1000 / allCalls);
    return valid;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
