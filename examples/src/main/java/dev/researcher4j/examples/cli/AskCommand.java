package dev.researcher4j.examples.cli;

import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
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
      "Needs a model: OPENAI_API_KEY for OpenAI, or OPENAI_BASE_URL pointing at an",
      "OpenAI-compatible server. RESEARCHER_MODEL (or --model) names the model; without it a",
      "local server's first model is used, or gpt-4o-mini on OpenAI."
    })
final class AskCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "<question>", description = "The question.")
  String question;

  @Mixin AgentOptions options;

  @Mixin ExtraToolOptions extraTools;

  @Mixin StructuredOptions structured;

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
      if (structured.schema != null || structured.json || structured.csv) {
        throw new IllegalArgumentException(
            "--schema, --json and --csv do not work with --temporal yet; run without --temporal");
      }
      return TemporalRuns.ask(context, temporal, question, options.budget(), out);
    }
    // Every output is checked before the run: nothing is spent on a run whose results cannot
    // be kept.
    Path trajectoryFile = trajectory != null ? context.resolve(trajectory) : null;
    Path runs = context.resolve(Path.of("runs"));
    if (trajectoryFile != null) {
      OutputPaths.checkWritable("--trajectory", trajectoryFile);
      JsonlTrajectorySink.checkWritable(trajectoryFile);
    } else {
      OutputPaths.checkDirectory("the trajectory directory", runs, runs);
    }
    OutputPaths.checkWritable("--out", out == null ? null : context.resolve(out));
    OutputPaths.checkWritable("--html", html == null ? null : context.resolve(html));
    JsonlTrajectorySink sink =
        trajectoryFile != null
            ? JsonlTrajectorySink.toFile(trajectoryFile)
            : JsonlTrajectorySink.inDirectory(runs);
    ResearchAgent.Builder builder =
        options.agent(context).trajectorySink(sink).listener(options.progress(context));
    AutoCloseable extras = extraTools.addTo(builder, context);
    Trajectory run;
    try {
      run = builder.build().run(structured.task(question, context));
    } finally {
      extras.close();
    }
    return Outcomes.report(
        context, run, sink.fileOf(run.runId()), out, html, r -> structured.render(context, r));
  }
}
