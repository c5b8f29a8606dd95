package dev.researcher4j.examples.cli;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Warning;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.report.LongReport;
import dev.researcher4j.core.report.LongReportHtml;
import dev.researcher4j.core.report.ReportResult;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.tools.scholar.CitedPapers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code researcher report}: a long report on a topic, its sections researched in parallel, every
 * claim cited and checked; or, with {@code --resume}, the rest of a report whose process died.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a long, cited report on a topic: an outline, each section researched by its own run"
          + " (in parallel), written from its evidence and checked, then a summary, conclusion and"
          + " one reference list.",
      "--max-steps, --max-tool-calls and --max-time are per section's research; --max-cost and"
          + " --max-tokens are for the whole report."
    })
final class ReportCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", arity = "0..1", paramLabel = "<topic>", description = "The topic.")
  String topic;

  @Option(
      names = "--words",
      paramLabel = "N",
      description = "Length target in words (default: ${DEFAULT-VALUE}).")
  int words = LongReport.DEFAULT_WORDS;

  @Option(
      names = "--sections",
      paramLabel = "N",
      description = "Number of sections (default: one per thousand words).")
  Integer sections;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description = "Sections researched at once (default: ${DEFAULT-VALUE}).")
  int parallel = LongReport.DEFAULT_MAX_PARALLEL_SECTIONS;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the report (Markdown) here (default: standard output).")
  Path out;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write it as an HTML page.")
  Path html;

  @Option(
      names = "--bib",
      paramLabel = "FILE",
      description = "Also write the papers it cites as BibTeX.")
  Path bib;

  @Option(
      names = "--csl-json",
      paramLabel = "FILE",
      description = "Also write the papers it cites as CSL-JSON.")
  Path cslJson;

  @Option(
      names = "--trajectory",
      paramLabel = "FILE",
      description =
          "Write the report's own trajectory here (default: runs/<run-id>.jsonl); each section's"
              + " research run goes to runs/.")
  Path trajectory;

  @Option(
      names = "--resume",
      paramLabel = "FILE",
      description =
          "Continue the report recorded in FILE whose process died: finished sections are kept.")
  Path resume;

  @Mixin AgentOptions options;

  ReportCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if ((topic == null) == (resume == null)) {
      throw new IllegalArgumentException("give a <topic>, or --resume FILE, but not both");
    }
    Path runs = context.resolve(Path.of("runs"));
    Path file = trajectory != null ? context.resolve(trajectory) : null;
    OutputPaths.checkDirectory("the trajectory directory", runs, runs);
    if (file != null) {
      OutputPaths.checkWritable("--trajectory", file);
      JsonlTrajectorySink.checkWritable(file);
    }
    for (Object[] output :
        new Object[][] {
          {"--out", out}, {"--html", html}, {"--bib", bib}, {"--csl-json", cslJson}
        }) {
      Path path = (Path) output[1];
      OutputPaths.checkWritable((String) output[0], path == null ? null : context.resolve(path));
    }
    ChatModel model = options.chatModel(context.env(), context.err());
    Budget perRun = options.budget();
    ResearchAgent researcher =
        options
            .agent(context, model)
            .budget(
                Budget.builder()
                    .maxSteps(perRun.maxSteps())
                    .maxToolCalls(perRun.maxToolCalls())
                    .maxTime(perRun.maxTime())
                    .build())
            .trajectorySink(JsonlTrajectorySink.inDirectory(runs))
            .build();
    LongReport.Builder builder =
        LongReport.builder()
            .researcher(researcher)
            .chatModel(model)
            .words(words)
            .maxParallelSections(parallel)
            .clock(context.clock())
            .listener(new ReportProgress(context.err()));
    if (sections != null) {
      builder.sections(sections);
    }
    JsonlTrajectorySink sink = null;
    if (resume == null) {
      sink =
          file != null ? JsonlTrajectorySink.toFile(file) : JsonlTrajectorySink.inDirectory(runs);
      builder.trajectorySink(sink);
    }
    if (perRun.maxCostUsd() < Double.POSITIVE_INFINITY
        || perRun.maxInputTokens() < Long.MAX_VALUE) {
      // --max-cost and --max-tokens are the whole report's: in its budget, not each section's.
      Budget total = builder.build().budget();
      builder.budget(
          total.toBuilder()
              .maxCostUsd(perRun.maxCostUsd())
              .maxInputTokens(perRun.maxInputTokens())
              .maxOutputTokens(perRun.maxOutputTokens())
              .build());
    }
    LongReport writer = builder.build();
    ReportResult report;
    Path recordedAt;
    if (resume != null) {
      recordedAt = context.resolve(resume);
      report = writer.resume(recordedAt);
    } else {
      report = writer.write(topic);
      recordedAt = sink.fileOf(report.trajectory().runId());
    }
    return print(report, recordedAt);
  }

  private int print(ReportResult report, Path recordedAt) throws Exception {
    Outcome outcome = report.outcome();
    context.err().println("trajectory: " + recordedAt);
    for (Warning warning : report.warnings()) {
      context.err().println("warning: " + warning.message());
    }
    if (report.markdown().isBlank()) {
      context.err().println("the report failed (" + outcome.stopReason() + "): " + outcome.error());
      return ExitCodes.FAILED;
    }
    if (out != null) {
      Files.writeString(context.resolve(out), report.markdown());
      context.err().println("report: " + context.resolve(out));
    } else {
      context.out().print(report.markdown());
    }
    if (html != null) {
      LongReportHtml.write(report, context.resolve(html));
      context.err().println("view: " + context.resolve(html));
    }
    if (bib != null) {
      Files.writeString(context.resolve(bib), CitedPapers.bibTeX(report.references()));
      context.err().println("bibtex: " + context.resolve(bib));
    }
    if (cslJson != null) {
      Files.writeString(context.resolve(cslJson), CitedPapers.cslJson(report.references()));
      context.err().println("csl-json: " + context.resolve(cslJson));
    }
    context
        .err()
        .println(
            report.words()
                + " words in "
                + report.sections().size()
                + " sections, "
                + report.references().size()
                + " references");
    if (outcome.stopReason() == StopReason.FAILED || outcome.stopReason() == StopReason.CANCELLED) {
      context
          .err()
          .println("the report did not finish (" + outcome.stopReason() + "): " + outcome.error());
      return ExitCodes.FAILED;
    }
    return ExitCodes.OK;
  }
}
