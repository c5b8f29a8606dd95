package dev.researcher4j.core.trajectory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.core.internal.trajectory.TrajectoryScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Checks trajectory files against the {@code researcher4j.trajectory/v1} format: each line against
 * the JSON Schema shipped in this jar ({@value TrajectoryCodec#SCHEMA_RESOURCE}: required fields,
 * types, enum values, instants and durations), and the rules that span lines (the header comes
 * first and once; step indexes count from 0 without gaps; {@code messages_base} names an earlier
 * step with a model call; nothing follows the footer; a different major version is refused).
 *
 * <p>Problems name the line, the field and what was expected ({@code line 4, field
 * model_call.response.finish_reason: expected one of STOP, TOOL_CALLS, LENGTH, CONTENT_FILTER,
 * OTHER, but was "DONE"}). What does not make a file invalid is reported as a warning: a
 * half-written last line (a crashed run, which {@link TrajectoryReader} reads without it), a newer
 * minor version, line types this version does not know. Unknown fields are always allowed.
 *
 * <p>Stateless and thread-safe.
 */
public final class TrajectoryValidator {
  private TrajectoryValidator() {}

  /**
   * What validation found.
   *
   * @param name the file validated
   * @param errors problems that make it invalid, in file order
   * @param warnings problems that do not, in file order
   * @param finished whether the file has a footer (the run ended)
   */
  public record Report(
      String name,
      List<TrajectoryProblem> errors,
      List<TrajectoryProblem> warnings,
      boolean finished) {

    /** Copies the lists. */
    public Report {
      Objects.requireNonNull(name, "name is required, but was null");
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
    }

    /** Whether the file is a valid trajectory (warnings allowed). */
    public boolean isValid() {
      return errors.isEmpty();
    }

    /** Every error and warning, one per line, prefixed by the file name. */
    public String describe() {
      if (errors.isEmpty() && warnings.isEmpty()) {
        return name + ": valid" + (finished ? "" : " (unfinished run: no footer)");
      }
      String errorLines =
          errors.stream().map(p -> name + ": error: " + p).collect(Collectors.joining("\n"));
      String warningLines =
          warnings.stream().map(p -> name + ": warning: " + p).collect(Collectors.joining("\n"));
      return errorLines.isEmpty()
          ? warningLines
          : warningLines.isEmpty() ? errorLines : errorLines + "\n" + warningLines;
    }
  }

  /** Validates the file at {@code file}. */
  public static Report validate(Path file) throws IOException {
    Objects.requireNonNull(file, "file is required, but was null");
    return validate(Files.readAllBytes(file), file.toString());
  }

  /** Validates a file's content, naming it {@code name} in the report. */
  public static Report validate(byte[] content, String name) {
    Objects.requireNonNull(content, "content is required, but was null");
    TrajectoryScan.Result scan = TrajectoryScan.scan(content);
    boolean finished = scan.trajectory().map(t -> t.isFinished()).orElse(false);
    return new Report(name, scan.errors(), scan.warnings(), finished);
  }

  /**
   * The JSON Schema of one trajectory line, as shipped in this jar (draft 2020-12; definitions of
   * the {@code header}, {@code step}, {@code resume} and {@code footer} lines in {@code $defs}).
   */
  public static JsonNode schema() {
    return TrajectoryScan.schema();
  }
}
