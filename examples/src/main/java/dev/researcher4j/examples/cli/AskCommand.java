package dev.researcher4j.examples.cli;

import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.core.trajectory.view.TrajectoryHtml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code researcher ask}: a research question answered with a cited report. */
@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description = {
      "Researches a question with web and scholarly tools and prints a cited report.",
      "Needs OPENAI_API_KEY (or OPENAI_BASE_URL of a local OpenAI-compatible server) and RESEARCHER_MODEL."
    })
final class AskCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "<question>", description = "The question.")
  String question;

  @Mixin AgentOptions options;

  @Mixin ExtraToolOptions extraTools;

  @Mixin TemporalOptions temporal;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the report here (default: standard output).")
  Path out;

  @Option(
      names = "--trajectory",
      paramLabel = "FILE",
      description = "Write the run's trajectory here (default: runs/<run-id>.jsonl).")
  Path trajectory;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Also write the run as a self-contained HTML page.")
  Path html;

  AskCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (temporal.enabled()) {
      return TemporalRuns.ask(context, temporal, question, options.budget(), out);
    }
    JsonlTrajectorySink sink =
        trajectory != null
            ? JsonlTrajectorySink.toFile(context.resolve(trajectory))
            : JsonlTrajectorySink.inDirectory(context.resolve(Path.of("runs")));
    ResearchAgent.Builder builder =
        options
            .agent(context)
            .trajectorySink(sink)
            .listener(new ProgressPrinter(context.err(), context.terminal()));
    AutoCloseable extras = extraTools.addTo(builder, context);
    Trajectory run;
    try {
      run = builder.build().run(Task.of(question));
    } finally {
      extras.close();
    }

    Outcome outcome = run.requireOutcome();
    Path file = sink.fileOf(run.runId());
    context.err().println("trajectory: " + file);
    if (html != null) {
      TrajectoryHtml.write(run, context.resolve(html));
      context.err().println("view: " + context.resolve(html));
    }
    if (!outcome.hasAnswer()) {
      context.err().println("the run failed (" + outcome.stopReason() + "): " + outcome.error());
      return ExitCodes.FAILED;
    }
    if (outcome.stopReason().isBudget()) {
      context
          .err()
          .println("note: stopped by " + outcome.stopReason() + "; this is the best answer it had");
    }
    String report = Reports.markdown(run);
    if (out != null) {
      Files.writeString(context.resolve(out), report);
      context.err().println("report: " + context.resolve(out));
    } else {
      context.out().println(report);
    }
    return ExitCodes.OK;
  }
}
