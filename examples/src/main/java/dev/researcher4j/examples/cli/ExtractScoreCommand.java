package dev.researcher4j.examples.cli;

import dev.researcher4j.tools.web.extract.ExtractionScorer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code researcher extract-score}: precision, recall and F1 of extracted text. */
@Command(
    name = "extract-score",
    mixinStandardHelpOptions = true,
    description = {
      "Scores extracted article bodies against ground truth.",
      "Both files are {\"<id>\": {\"articleBody\": ...}}; texts are split into \\w+ tokens and",
      "4-token shingles, precision and recall are averaged over documents, F1 is of the means."
    })
final class ExtractScoreCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "<predictions.json>", description = "Extracted bodies.")
  Path predictions;

  @Parameters(index = "1", paramLabel = "<ground-truth.json>", description = "Ground truth.")
  Path truth;

  ExtractScoreCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    ExtractionScorer.Score score =
        ExtractionScorer.score(
            ExtractionScorer.readBodies(context.resolve(predictions)),
            ExtractionScorer.readBodies(context.resolve(truth)));
    for (ExtractionScorer.DocumentScore d : score.documents()) {
      context
          .out()
          .printf(
              Locale.ROOT, "%-40s precision=%.4f recall=%.4f%n", d.id(), d.precision(), d.recall());
    }
    context.out().println(score.summary());
    return ExitCodes.OK;
  }
}
