package dev.researcher4j.examples.cli;

import dev.researcher4j.tools.web.extract.ExtractionBenchmark;
import dev.researcher4j.tools.web.extract.ExtractionScorer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code researcher extract}: main-content extraction over saved pages, with speed and score. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
      "Extracts the main text of saved web pages.",
      "Pages are <id>.html or <id>.html.gz files; directories are searched. Writes",
      "{\"<id>\": {\"articleBody\": \"...\"}}, the format of article-extraction benchmarks."
    })
final class ExtractCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(arity = "1..*", paramLabel = "<files|dir>", description = "Pages or directories.")
  List<Path> inputs;

  @Option(names = "--json", description = "Write the JSON to standard output.")
  boolean json;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON to this file.")
  Path out;

  @Option(
      names = "--truth",
      paramLabel = "FILE",
      description = "Score against this ground-truth file and print precision, recall, F1.")
  Path truth;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      description = "Measure speed: extract everything N more times and print pages/second.")
  int repeat;

  ExtractCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (!json && out == null && truth == null && repeat == 0) {
      throw new IllegalArgumentException(
          "say what to do: --json, --out FILE, --truth FILE or --repeat N");
    }
    Map<String, Path> pages =
        ExtractionBenchmark.pages(inputs.stream().map(context::resolve).toList());
    Map<String, String> bodies = ExtractionBenchmark.extract(pages);
    if (json) {
      ExtractionBenchmark.writeJson(bodies, context.out());
      context.out().println();
    }
    if (out != null) {
      try (OutputStream file = Files.newOutputStream(context.resolve(out))) {
        ExtractionBenchmark.writeJson(bodies, file);
      }
    }
    if (repeat > 0) {
      context.err().println(ExtractionBenchmark.measureSpeed(pages, repeat).summary());
    }
    if (truth != null) {
      ExtractionScorer.Score score =
          ExtractionScorer.score(bodies, ExtractionScorer.readBodies(context.resolve(truth)));
      context.err().println(score.summary());
    }
    return ExitCodes.OK;
  }
}
