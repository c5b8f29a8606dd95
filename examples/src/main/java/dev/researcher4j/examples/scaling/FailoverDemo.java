package dev.researcher4j.examples.scaling;

import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.core.trajectory.TrajectoryValidator;
import dev.researcher4j.temporal.ResearchWorker;
import dev.researcher4j.temporal.RunResult;
import dev.researcher4j.temporal.TemporalResearch;
import io.temporal.client.WorkflowClient;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A worker killed with {@code kill -9} in the middle of a research run: a Temporal server process
 * ({@code researcher temporal-dev}), two worker processes ({@code researcher worker --no-sticky}),
 * and a loopback model and search that record every call. Once a few model calls have completed,
 * the worker whose model call is in flight is killed; the run goes on on the other one. The demo
 * checks that no model or search call that had completed is made again, that the run's trajectory
 * is one valid v1 file with each call recorded once, and prints what it saw.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am package -DskipTests && java -cp
 * examples/target/researcher.jar dev.researcher4j.examples.scaling.FailoverDemo [searches]}
 * (default 8 searches, 300 ms per call). Exits 1 when a check fails. The run stalls for the
 * workers' heartbeat timeout (10 s) after the kill: that is how long Temporal waits before it gives
 * the lost call to another worker.
 */
public final class FailoverDemo {
  private FailoverDemo() {}

  /** Default searches the run makes (each followed by a model call). */
  static final int DEFAULT_SEARCHES = 8;

  /** Latency of every model and search call. */
  static final long LATENCY_MILLIS = 300;

  /** Model calls that complete before a worker is killed. */
  static final int CALLS_BEFORE_KILL = 3;

  /** Longest the demo waits for the run. */
  static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

  /**
   * What the demo saw.
   *
   * @param killedWorker the worker killed ({@code w1} or {@code w2})
   * @param completedBeforeKill calls completed at the services before the kill
   * @param stopReason how the run ended
   * @param seconds the run's wall time
   * @param modelCalls model calls completed at the services, in all
   * @param searchCalls search calls completed at the services, in all
   * @param callsAfterKill calls that started after the kill
   * @param allAfterKillOnOtherWorker whether every one of those came from the surviving worker
   * @param interruptedCallMadeAgain whether the call in flight at the kill was made on the survivor
   * @param repeatedCalls completed calls made again (should be 0)
   * @param distinctCalls distinct calls the run made (searches × 2 + 1)
   * @param trajectory the trajectory file
   * @param valid whether it passed the v1 schema check
   * @param steps its steps
   * @param recordedModelCalls model calls it records
   * @param recordedToolCalls tool calls it records
   */
  record Result(
      String killedWorker,
      int completedBeforeKill,
      StopReason stopReason,
      double seconds,
      long modelCalls,
      long searchCalls,
      long callsAfterKill,
      boolean allAfterKillOnOtherWorker,
      boolean interruptedCallMadeAgain,
      int repeatedCalls,
      int distinctCalls,
      Path trajectory,
      boolean valid,
      int steps,
      int recordedModelCalls,
      int recordedToolCalls) {

    /** Whether every check holds for a run of {@code searches} searches. */
    boolean ok(int searches) {
      return stopReason == StopReason.COMPLETED
          && repeatedCalls == 0
          && interruptedCallMadeAgain
          && allAfterKillOnOtherWorker
          && distinctCalls == 2 * searches + 1
          && valid
          && recordedModelCalls == searches + 1
          && recordedToolCalls == searches;
    }
  }

  /** Runs the demo; {@code args[0]}, if given, is the number of searches. */
  public static void main(String[] args) throws Exception {
    int searches = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_SEARCHES;
    if (searches < CALLS_BEFORE_KILL) {
      throw new IllegalArgumentException(
          "searches must be >= " + CALLS_BEFORE_KILL + ", but was " + searches);
    }
    Path dir = Files.createTempDirectory("researcher-failover");
    Result result = run(dir, searches, System.out);
    print(result, System.out);
    boolean ok = result.ok(searches);
    System.out.println(ok ? "OK" : "FAILED (logs in " + dir + ")");
    System.exit(ok ? 0 : 1);
  }

  /**
   * Runs the demo in {@code dir} (logs, trajectories, payloads), saying what happens on {@code
   * out}.
   */
  static Result run(Path dir, int searches, PrintStream out) throws Exception {
    try (LoopbackServices services =
            new LoopbackServices(LATENCY_MILLIS, LATENCY_MILLIS, searches);
        LocalCluster cluster = LocalCluster.start(dir)) {
      // Without sticky execution: the test server never gives a dead worker's sticky tasks to
      // another worker (a Temporal cluster does, after 5 s).
      cluster.startWorkers(services, List.of("w1", "w2"), "--no-sticky");
      WorkflowClient client = cluster.client();
      try {
        TemporalResearch research = TemporalResearch.of(client, ResearchWorker.DEFAULT_TASK_QUEUE);
        long started = System.nanoTime();
        String runId = research.start(Task.of("What is there to know about these topics?"));
        out.println("run " + runId + " started on " + cluster.target() + " with workers w1, w2");

        LoopbackServices.Call victim = awaitModelCallInFlight(services, started);
        List<LoopbackServices.Call> completedBeforeKill = services.calls();
        Process killed = cluster.worker(victim.worker());
        killed.destroyForcibly().waitFor();
        long killedAt = System.nanoTime();
        out.printf(
            Locale.ROOT,
            "killed worker %s (pid %d, SIGKILL) while its model call was in flight; %d calls had"
                + " completed%n",
            victim.worker(),
            killed.pid(),
            completedBeforeKill.size());

        RunResult result = research.result(runId);
        long ended = System.nanoTime();
        return result(
            victim,
            completedBeforeKill.size(),
            killedAt,
            services.calls(),
            result,
            (ended - started) / 1e9);
      } finally {
        client.getWorkflowServiceStubs().shutdown();
      }
    }
  }

  private static LoopbackServices.Call awaitModelCallInFlight(
      LoopbackServices services, long started) throws InterruptedException {
    long deadline = started + RUN_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      long completed = services.calls().stream().filter(c -> c.kind().equals("model")).count();
      if (completed >= CALLS_BEFORE_KILL) {
        for (LoopbackServices.Call call : services.inFlight()) {
          if (call.kind().equals("model")) {
            return call;
          }
        }
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("no model call in flight after " + RUN_TIMEOUT);
  }

  private static Result result(
      LoopbackServices.Call victim,
      int completedBeforeKill,
      long killedAt,
      List<LoopbackServices.Call> calls,
      RunResult run,
      double seconds)
      throws Exception {
    String interrupted = "model:" + victim.key();
    Set<String> distinct = new HashSet<>();
    List<LoopbackServices.Call> afterKill = new ArrayList<>();
    int repeated = 0;
    boolean interruptedMadeAgain = false;
    for (LoopbackServices.Call call : calls) {
      String key = call.kind() + ":" + call.key();
      boolean first = distinct.add(key);
      if (call.startedNanos() > killedAt) {
        afterKill.add(call);
        interruptedMadeAgain |= key.equals(interrupted);
      }
      // The call in flight at the kill may have been answered into the dead worker's socket; it
      // had not completed for the run, and is made again.
      if (!first && !key.equals(interrupted)) {
        repeated++;
      }
    }
    long modelCalls = calls.stream().filter(c -> c.kind().equals("model")).count();
    Path file = Path.of(run.trajectory());
    boolean valid = TrajectoryValidator.validate(file).isValid();
    Trajectory trajectory = TrajectoryReader.read(file);
    return new Result(
        victim.worker(),
        completedBeforeKill,
        run.outcome().stopReason(),
        seconds,
        modelCalls,
        calls.size() - modelCalls,
        afterKill.size(),
        afterKill.stream().noneMatch(c -> c.worker().equals(victim.worker())),
        interruptedMadeAgain,
        repeated,
        distinct.size(),
        file,
        valid,
        trajectory.steps().size(),
        trajectory.totals().modelCalls(),
        trajectory.totals().toolCalls());
  }

  static void print(Result r, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "run %s in %.1f s; %d model and %d search calls completed at the loopback services, %d"
            + " of them started after the kill, all on the surviving worker: %s%n",
        r.stopReason(),
        r.seconds(),
        r.modelCalls(),
        r.searchCalls(),
        r.callsAfterKill(),
        r.allAfterKillOnOtherWorker());
    out.printf(
        Locale.ROOT,
        "the call in flight at the kill was made again on the surviving worker: %s; completed"
            + " calls made again: %d%n",
        r.interruptedCallMadeAgain(),
        r.repeatedCalls());
    out.printf(
        Locale.ROOT,
        "trajectory %s: %s v1 file, %d steps, %d model calls, %d tool calls%n",
        r.trajectory(),
        r.valid() ? "a valid" : "an INVALID",
        r.steps(),
        r.recordedModelCalls(),
        r.recordedToolCalls());
  }
}
