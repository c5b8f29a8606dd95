package dev.researcher4j.examples.cli;

import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.core.trajectory.view.TrajectoryHtml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code researcher view}: a trajectory as one self-contained HTML page. */
@Command(
    name = "view",
    mixinStandardHelpOptions = true,
    description = "Writes a trajectory as one self-contained HTML page (opens offline).")
final class ViewCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "<run.jsonl>", description = "The trajectory.")
  Path file;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      required = true,
      description = "Where to write the page.")
  Path html;

  ViewCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Path path = context.resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no such trajectory file: " + path);
    }
    Path target = context.resolve(html);
    TrajectoryHtml.write(TrajectoryReader.read(path), target);
    context.err().println("view: " + target);
    return ExitCodes.OK;
  }
}
