package dev.researcher4j.examples.cli;

import dev.researcher4j.temporal.TemporalResearch;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code researcher attach}: follows a run on Temporal again, after {@code ask --temporal}. */
@Command(
    name = "attach",
    mixinStandardHelpOptions = true,
    description = "Follows a research run on Temporal to its end and prints its report.")
final class AttachCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "<run-id>", description = "The run's id.")
  String runId;

  @Mixin TemporalOptions temporal;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the report here (default: standard output).")
  Path out;

  AttachCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (!temporal.enabled()) {
      throw new IllegalArgumentException("--temporal HOST:PORT is required");
    }
    WorkflowClient client = temporal.connect(context);
    try {
      return TemporalRuns.follow(
          context, temporal, TemporalResearch.of(client, temporal.taskQueue), runId, out);
    } finally {
      client.getWorkflowServiceStubs().shutdown();
    }
  }
}
