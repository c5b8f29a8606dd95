package dev.researcher4j.core.internal.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.core.internal.json.JsonSchemaValidation;
import dev.researcher4j.core.internal.json.JsonSchemaValidation.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks tool arguments against the tool's parameter schema with {@link JsonSchemaValidation} (the
 * project's one JSON Schema validator) and words the problems for the model ("missing required
 * argument 'query'", "'limit' must be >= 1, but was 0"). Two leniencies models need, for top-level
 * arguments: {@code null} for an optional argument means the argument was left out, and a string
 * {@code enum} value matches whatever its case (tools read enum arguments case-insensitively).
 * Thread-safe.
 */
public final class SchemaValidator {
  private SchemaValidator() {}

  /** Most problems reported for one call; the model fixes the first few first anyway. */
  private static final int MAX_PROBLEMS = 8;

  /**
   * The problems of {@code value} against {@code schema}, in words for the model; empty if fine.
   * Compiles the schema on each call: a caller that checks many values against one schema keeps a
   * {@link #compile compiled} check instead.
   */
  public static List<String> validate(JsonNode value, JsonNode schema) {
    return compile(schema).problems(value);
  }

  /** {@code schema} compiled once, to check many values against it. */
  public static Check compile(JsonNode schema) {
    if (schema == null || !schema.isObject() || schema.isEmpty()) {
      return new Check(null, null);
    }
    JsonNode own = schema.deepCopy();
    return new Check(own, JsonSchemaValidation.of(own));
  }

  /** One compiled parameter schema (a tool binds it once). Immutable and thread-safe. */
  public static final class Check {
    private final JsonNode schema;
    private final JsonSchemaValidation validation;

    private Check(JsonNode schema, JsonSchemaValidation validation) {
      this.schema = schema;
      this.validation = validation;
    }

    /** The problems of {@code value}, in words for the model; empty if fine. */
    public List<String> problems(JsonNode value) {
      if (validation == null) {
        return List.of();
      }
      JsonNode arguments = lenient(value, schema);
      List<String> problems = new ArrayList<>();
      for (Problem p : validation.problems(arguments)) {
        if (problems.size() == MAX_PROBLEMS) {
          break;
        }
        problems.add(words(p, schema));
      }
      return problems;
    }
  }

  /**
   * {@code value} with top-level optional nulls removed and enum strings in the schema's case; the
   * tool still gets the arguments as sent.
   */
  private static JsonNode lenient(JsonNode value, JsonNode schema) {
    if (value == null || !value.isObject()) {
      return value;
    }
    ObjectNode copy = ((ObjectNode) value).deepCopy();
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String key = field.getKey();
      JsonNode v = field.getValue();
      if (v.isNull() && !isRequired(schema, key)) {
        copy.remove(key);
      } else if (v.isTextual()) {
        for (JsonNode option : schema.path("properties").path(key).path("enum")) {
          if (option.isTextual() && option.asText().equalsIgnoreCase(v.asText())) {
            copy.set(key, option);
            break;
          }
        }
      }
    }
    return copy;
  }

  private static boolean isRequired(JsonNode schema, String property) {
    for (JsonNode required : schema.path("required")) {
      if (required.asText().equals(property)) {
        return true;
      }
    }
    return false;
  }

  private static String words(Problem p, JsonNode schema) {
    String name = name(p.path());
    return switch (p.kind()) {
      case REQUIRED -> "missing required argument " + name;
      case NOT_ALLOWED -> {
        List<String> names = new ArrayList<>();
        JsonNode properties = propertiesAround(schema, p.path());
        properties.fieldNames().forEachRemaining(names::add);
        yield "unknown argument " + name + "; the arguments are " + names;
      }
      case TYPE -> name + " must be " + describe(p.expected()) + ", but was " + describeValue(p);
      case ENUM -> name + " must be one of " + p.expected() + ", but was " + p.value();
      case CONST -> name + " must be " + p.expected() + ", but was " + p.value();
      case MINIMUM -> name + " must be >= " + p.expected() + ", but was " + p.value();
      case EXCLUSIVE_MINIMUM -> name + " must be > " + p.expected() + ", but was " + p.value();
      case MAXIMUM -> name + " must be <= " + p.expected() + ", but was " + p.value();
      case PATTERN -> name + " must match " + p.expected() + ", but was " + p.value();
      case FORMAT -> name + " must be a " + p.expected().asText() + ", but was " + p.value();
      case NO_BRANCH -> name + " matches none of the allowed shapes";
      case OTHER -> name + ": " + p.message();
    };
  }

  /** The {@code properties} of the object schema holding the property at {@code path}. */
  private static JsonNode propertiesAround(JsonNode schema, String path) {
    JsonNode node = schema;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.path("properties").path(parts[i].replaceAll("\\[\\d+\\]$", ""));
      if (parts[i].endsWith("]")) {
        node = node.path("items");
      }
    }
    return node.path("properties");
  }

  private static String describe(JsonNode type) {
    if (type.isArray()) {
      List<String> names = new ArrayList<>();
      type.forEach(t -> names.add(article(t.asText())));
      return String.join(" or ", names);
    }
    return article(type.asText());
  }

  private static String article(String type) {
    return switch (type) {
      case "integer", "array", "object" -> "an " + type;
      case "null" -> "null";
      default -> "a " + type;
    };
  }

  private static String describeValue(Problem p) {
    JsonNode value = p.value();
    if (value == null || value.isMissingNode()) {
      return "missing";
    }
    String kind = value.getNodeType().name().toLowerCase(Locale.ROOT);
    String text = value.toString();
    return kind + " " + (text.length() > 60 ? text.substring(0, 60) + "…" : text);
  }

  private static String name(String path) {
    return path.isEmpty() ? "the arguments" : "'" + path + "'";
  }
}
