package dev.researcher4j.examples.cli;

import dev.researcher4j.tools.web.extract.ExtractionBenchmark;
import dev.researcher4j.tools.web.extract.ExtractionScorer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
      "Extracts the main text of saved pages (<id>.html or <id>.html.gz; directories are searched).",
      "Writes {\"<id>\": {\"articleBody\": \"...\"}}, the format of article-extraction benchmarks.",
      "A page that cannot be read is reported and the others go on (exit code 1 at the end).",
      "With --truth DIR and no pages, the pages are DIR/html (the development-set layout)."
    })
final class ExtractCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(arity = "0..*", paramLabel = "<files|dir>", description = "Pages or directories.")
  List<Path> inputs = List.of();

  @Option(names = "--json", description = "Write the JSON to standard output.")
  boolean json;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON to this file.")
  Path out;

  @Option(
      names = "--truth",
      paramLabel = "FILE|DIR",
      description =
          "Score against this ground-truth file (or DIR/ground-truth.json) and print precision,"
              + " recall, F1.")
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
    // read the truth first, so that a wrong path fails before a long extraction
    Map<String, String> truthBodies =
        truth == null ? null : ExtractionScorer.readTruth(context.resolve(truth));
    List<Path> sources = inputs.stream().map(context::resolve).toList();
    if (sources.isEmpty()) {
      if (truth == null || !Files.isDirectory(context.resolve(truth))) {
        throw new IllegalArgumentException(
            "name the pages to extract, or give --truth DIR with the pages in DIR/html");
      }
      sources = List.of(context.resolve(truth).resolve("html"));
    }
    Map<String, Path> pages = ExtractionBenchmark.pages(sources);
    ExtractionBenchmark.Extraction extraction = ExtractionBenchmark.run(pages);
    Map<String, String> bodies = extraction.bodies();
    extraction.failures().forEach((id, why) -> context.err().println("failed: " + id + ": " + why));
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
    if (truthBodies != null) {
      ExtractionScorer.Score score = ExtractionScorer.score(bodies, truthBodies);
      context.err().println(score.summary());
    }
    context
        .err()
        .printf(
            Locale.ROOT,
            "pages=%d failed=%d fallback=%d%n",
            pages.size(),
            extraction.failures().size(),
            extraction.fallbacks().size());
    return extraction.failures().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
