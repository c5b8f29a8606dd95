package dev.researcher4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.core.trajectory.export.ExportSummary;
import dev.researcher4j.core.trajectory.export.Redaction;
import dev.researcher4j.core.trajectory.export.TrajectoryExport;
import dev.researcher4j.core.trajectory.export.TrajectoryFilter;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code researcher export}: trajectories as training data. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Exports trajectories as training data: OpenAI fine-tuning chat rows or RL rollouts.",
      "E-mails, API keys and bearer tokens are redacted unless --no-redact."
    })
final class ExportCommand implements Callable<Integer> {

  /** What to export. */
  enum Format {
    openai,
    rl
  }

  /** Which runs to keep. */
  enum Only {
    all,
    successful,
    failed
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CliContext context;

  @Parameters(
      arity = "1..*",
      paramLabel = "<run.jsonl|dir>",
      description = "Trajectory files or directories of them.")
  List<Path> inputs;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "openai|rl",
      description = "Row format.")
  Format format;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The JSONL file to write.")
  Path out;

  @Option(
      names = "--only",
      paramLabel = "all|successful|failed",
      description = "Which runs (default: ${DEFAULT-VALUE}).")
  Only only = Only.all;

  @Option(
      names = "--grade",
      paramLabel = "LABEL",
      description =
          "Only runs whose last grade is this (correct, incorrect, not_attempted, grader_error).")
  String grade;

  @Option(
      names = "--min-score",
      paramLabel = "X",
      description = "Only runs whose last grade scored at least X (0..1).")
  Double minScore;

  @Option(
      names = "--per-turn",
      description = "OpenAI format: one row per model turn instead of one per run.")
  boolean perTurn;

  @Option(
      names = "--redact",
      paramLabel = "REGEX",
      description = "Also redact text matching this pattern (repeatable).")
  List<String> redact = new ArrayList<>();

  @Option(names = "--no-redact", description = "Export text as recorded.")
  boolean noRedact;

  ExportCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      Path path = context.resolve(input);
      if (!Files.exists(path)) {
        throw new IllegalArgumentException("no such file or directory: " + path);
      }
      if (Files.isDirectory(path)) {
        files.addAll(trajectoriesIn(path, context.resolve(out)));
      } else {
        files.add(path); // named on purpose: a file that is not a trajectory is an error
      }
    }
    TrajectoryFilter filter =
        switch (only) {
          case all -> TrajectoryFilter.all();
          case successful -> TrajectoryFilter.successful();
          case failed -> TrajectoryFilter.failed();
        };
    if (grade != null) {
      filter =
          filter.and(
              TrajectoryFilter.gradedAs(Grade.Label.valueOf(grade.toUpperCase(Locale.ROOT))));
    }
    if (minScore != null) {
      filter = filter.and(TrajectoryFilter.minScore(minScore));
    }
    Redaction redaction;
    if (noRedact) {
      redaction = Redaction.none();
    } else {
      Redaction.Builder builder = Redaction.builder();
      redact.forEach(builder::pattern);
      redaction = builder.build();
    }
    TrajectoryExport.Builder export =
        format == Format.openai ? TrajectoryExport.openAi() : TrajectoryExport.rl();
    if (perTurn) {
      if (format != Format.openai) {
        throw new IllegalArgumentException("--per-turn applies to --format openai only");
      }
      export.perTurn();
    }
    ExportSummary summary =
        export.filter(filter).redaction(redaction).build().write(files, context.resolve(out));
    context
        .err()
        .printf(
            "exported %d row(s) from %d of %d trajectory file(s) to %s (%d left out by the filter)%n",
            summary.rows(),
            summary.exported(),
            summary.files(),
            summary.output(),
            summary.filteredOut());
    summary.unreadable().forEach(u -> context.err().println("unreadable: " + once(u)));
    return ExitCodes.OK;
  }

  /**
   * The trajectory files under {@code dir} ({@code *.jsonl} whose first line is a trajectory
   * header), in path order; other JSONL files (an evaluation's results.jsonl, datasets) are skipped
   * with a one-line note each.
   */
  private List<Path> trajectoriesIn(Path dir, Path output) throws IOException {
    List<Path> found = new ArrayList<>();
    Path target = output.toAbsolutePath().normalize();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file :
          walk.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().endsWith(".jsonl"))
              .filter(p -> !p.toAbsolutePath().normalize().equals(target))
              .sorted()
              .toList()) {
        if (isTrajectory(file)) {
          found.add(file);
        } else {
          context
              .err()
              .println(
                  "skipped "
                      + context.workingDir().relativize(file.toAbsolutePath())
                      + ": not a trajectory (no "
                      + TrajectoryHeader.SCHEMA_V1.substring(
                          0, TrajectoryHeader.SCHEMA_V1.indexOf('/'))
                      + " header)");
        }
      }
    }
    return found;
  }

  /** Whether the file's first line is a trajectory header. */
  private static boolean isTrajectory(Path file) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = reader.readLine();
      if (first == null) {
        return false;
      }
      JsonNode header = JSON.readTree(first);
      return "header".equals(header.path("type").asText())
          && header.path("schema").asText().startsWith("researcher4j.trajectory/");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** "path: path: why" from the library said as "path: why". */
  static String once(String problem) {
    int colon = problem.indexOf(": ");
    if (colon > 0) {
      String path = problem.substring(0, colon);
      String rest = problem.substring(colon + 2);
      if (rest.startsWith(path)) {
        return path + rest.substring(path.length());
      }
    }
    return problem;
  }
}
