package dev.researcher4j.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.structured.CitedField;
import dev.researcher4j.core.structured.TypedResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of {@code researcher ask} for a typed, cited answer: {@code --schema} asks for JSON
 * matching a JSON Schema, every field citing its sources; {@code --json} prints it with a {@code
 * _sources} map (and {@code _flags} for fields that failed their check) in every object, {@code
 * --csv} as a table of its records.
 */
final class StructuredOptions {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--schema",
      paramLabel = "FILE",
      description =
          "Answer with JSON matching this JSON Schema (an object, or an array of objects), each"
              + " field citing its sources.")
  Path schema;

  @Option(
      names = "--json",
      description =
          "With --schema: print the answer as JSON, with _sources (field to source ids) and"
              + " _flags (fields that failed their check) in every object.")
  boolean json;

  @Option(
      names = "--csv",
      description =
          "With --schema: print the answer's records as CSV, a column per field, then _sources and"
              + " _flags.")
  boolean csv;

  /**
   * The task for {@code question}: with {@code --schema}, asking for a typed answer.
   *
   * @throws IllegalArgumentException if the options do not go together or the schema is not a JSON
   *     object describing an object or an array (usage error)
   */
  Task task(String question, CliContext context) throws IOException {
    if ((json || csv) && schema == null) {
      throw new IllegalArgumentException((json ? "--json" : "--csv") + " needs --schema FILE");
    }
    if (json && csv) {
      throw new IllegalArgumentException("choose one of --json and --csv");
    }
    if (schema == null) {
      return Task.of(question);
    }
    Path file = context.resolve(schema);
    JsonNode node;
    try {
      node = JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "--schema " + file + " is not valid JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException("--schema " + file + " must hold a JSON object");
    }
    return Task.builder(question).outputSchema(object).build();
  }

  /**
   * What {@code ask} prints for {@code run}: without {@code --schema}, the Markdown report; with
   * it, the JSON, CSV or Markdown tables, and each flagged field on {@code err}.
   */
  String render(CliContext context, Trajectory run) {
    if (schema == null) {
      return Reports.markdown(run);
    }
    TypedResult<JsonNode> result = TypedResult.of(run, JsonNode.class);
    for (CitedField field : result.flagged()) {
      context
          .err()
          .println("flagged: " + field.path() + " = " + field.value() + ": " + field.flag());
    }
    if (json && result.json() != null) {
      return result.json().toPrettyString() + "\n";
    }
    if (csv && result.json() != null) {
      return TypedCsv.of(result.json());
    }
    return "# "
        + run.header().task().question().strip()
        + "\n\n"
        + run.requireOutcome().report().strip()
        + "\n";
  }
}
