package dev.researcher4j.examples.cli;

import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.temporal.ResearchWorker;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code researcher worker}: serves research runs and evaluations from a Temporal task queue. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs research runs and evaluations started with --temporal: the research loop as Temporal"
          + " workflows, every model and tool call an activity.",
      "Start several (on one machine or many, same options): calls spread over them, and a run"
          + " whose worker dies goes on on another. Ctrl-C stops this one."
    })
final class WorkerCommand implements Callable<Integer> {

  private final CliContext context;

  /** Counted down to stop the worker (by Ctrl-C, or by a test). */
  final CountDownLatch stop = new CountDownLatch(1);

  @Mixin TemporalOptions temporal;

  @Mixin AgentOptions options;

  @Mixin ExtraToolOptions extraTools;

  @Option(
      names = "--trajectories",
      paramLabel = "DIR",
      description = "Where trajectory files go, shared by every worker (default: runs).")
  Path trajectories = Path.of("runs");

  @Option(
      names = "--max-concurrent-calls",
      paramLabel = "N",
      description =
          "Most model and tool calls this worker makes at once (default: ${DEFAULT-VALUE}).")
  int maxConcurrentCalls = ResearchWorker.DEFAULT_MAX_CONCURRENT_CALLS;

  @Option(
      names = "--no-sticky",
      description =
          "Replay a run's history for each of its workflow tasks instead of keeping it in this"
              + " worker's memory. Needed for failover on researcher temporal-dev, whose test server"
              + " does not move a dead worker's tasks; a Temporal cluster does.")
  boolean noSticky;

  WorkerCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (!temporal.enabled()) {
      throw new IllegalArgumentException(
          "--temporal HOST:PORT is required (researcher temporal-dev starts a server for trials)");
    }
    ResearchAgent.Builder builder = options.agent(context);
    AutoCloseable extras = extraTools.addTo(builder, context);
    WorkflowClient client = temporal.connect(context);
    Path runs = context.resolve(trajectories);
    try (ResearchWorker worker =
        ResearchWorker.builder()
            .client(client)
            .agent(builder.build())
            .taskQueue(temporal.taskQueue)
            .trajectoryDirectory(runs)
            .maxConcurrentCalls(maxConcurrentCalls)
            .stickyExecution(!noSticky)
            .build()) {
      worker.start();
      Thread hook = new Thread(stop::countDown, "researcher-worker-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      context
          .err()
          .println(
              "worker serving "
                  + temporal.describe()
                  + "; trajectories in "
                  + runs
                  + "; Ctrl-C stops it");
      stop.await();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the JVM is on its way out, with this worker closing.
      }
    } finally {
      extras.close();
      client.getWorkflowServiceStubs().shutdown();
    }
    return ExitCodes.OK;
  }
}
