package dev.researcher4j.core.internal.trajectory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.core.internal.json.JsonSchemaValidation;
import dev.researcher4j.core.internal.json.JsonSchemaValidation.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks trajectory lines against the trajectory schema with {@link JsonSchemaValidation} (the
 * project's one JSON Schema validator) and words each problem for a person reading a report: where
 * ({@code model_call.request.messages[2].role}) and what was expected. Immutable and thread-safe.
 */
public final class SchemaCheck {

  /** One violation: where ({@code model_call.request.messages[2].role}) and what. */
  public record Violation(String path, String message) {}

  private static final int MAX_VIOLATIONS = 20;

  private final JsonSchemaValidation validation;

  /** A check against {@code schema}. */
  public SchemaCheck(JsonNode schema) {
    this.validation = JsonSchemaValidation.of(schema);
  }

  /** The violations of {@code value} against the schema; empty when it conforms. */
  public List<Violation> check(JsonNode value) {
    List<Violation> out = new ArrayList<>();
    for (Problem p : validation.problems(value)) {
      if (out.size() == MAX_VIOLATIONS) {
        break;
      }
      out.add(new Violation(p.path(), words(p)));
    }
    return out;
  }

  private static String words(Problem p) {
    JsonNode expected = p.expected();
    return switch (p.kind()) {
      case REQUIRED -> "is required but missing";
      case NOT_ALLOWED -> "is not allowed here";
      case TYPE -> "expected " + describeType(expected) + ", but was " + show(p.value());
      case ENUM -> "expected one of " + listed(expected) + ", but was " + show(p.value());
      case CONST -> "expected " + show(expected) + ", but was " + show(p.value());
      case MINIMUM -> "expected at least " + expected.asText() + ", but was " + show(p.value());
      case EXCLUSIVE_MINIMUM ->
          "expected more than " + expected.asText() + ", but was " + show(p.value());
      case MAXIMUM -> "expected at most " + expected.asText() + ", but was " + show(p.value());
      case PATTERN ->
          "expected a string matching " + expected.asText() + ", but was " + show(p.value());
      case FORMAT ->
          switch (expected.asText()) {
                case "date-time" -> "expected an ISO-8601 UTC instant such as 2026-01-15T09:00:00Z";
                case "duration" -> "expected an ISO-8601 duration such as PT1.5S";
                default -> "expected a " + expected.asText();
              }
              + ", but was "
              + show(p.value());
      case NO_BRANCH -> "expected " + describeBranches(expected) + ", but was " + show(p.value());
      case OTHER -> p.message();
    };
  }

  private static String describeBranches(JsonNode types) {
    List<String> described = new ArrayList<>();
    types.forEach(t -> described.add(describeType(t)));
    return described.isEmpty() ? "a value of another shape" : String.join(" or ", described);
  }

  private static String describeType(JsonNode type) {
    if (type == null) {
      return "a value of another shape";
    }
    if (type.isArray()) {
      List<String> names = new ArrayList<>();
      type.forEach(t -> names.add(article(t.asText())));
      return String.join(" or ", names);
    }
    return article(type.asText());
  }

  private static String article(String type) {
    return switch (type) {
      case "object", "array", "integer" -> "an " + type;
      case "null" -> "null";
      default -> "a " + type;
    };
  }

  private static String listed(JsonNode values) {
    List<String> names = new ArrayList<>();
    values.forEach(v -> names.add(v.isTextual() ? v.asText() : v.toString()));
    return String.join(", ", names);
  }

  /** A value as error messages show it: strings quoted and shortened, containers by kind. */
  static String show(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "missing";
    }
    if (value.isTextual()) {
      return show(value.asText());
    }
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "an array";
    }
    return value.toString().toLowerCase(Locale.ROOT);
  }

  private static String show(String text) {
    String shown = text.length() <= 60 ? text : text.substring(0, 60) + "…";
    return '"' + shown.replace("\n", "\\n") + '"';
  }
}
