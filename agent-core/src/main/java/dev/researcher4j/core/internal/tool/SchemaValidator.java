package dev.researcher4j.core.internal.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks tool arguments against the JSON Schema subset tools use: {@code type} (one or a list),
 * {@code properties}, {@code required}, {@code additionalProperties}, {@code items}, {@code enum},
 * {@code minimum}/{@code maximum}, and {@code anyOf}/{@code oneOf} (any branch passing). Other
 * keywords are ignored: this catches what models get wrong, it is not a full validator.
 */
public final class SchemaValidator {
  private SchemaValidator() {}

  /** Most problems reported for one call; the model fixes the first few first anyway. */
  private static final int MAX_PROBLEMS = 8;

  /**
   * The problems of {@code value} against {@code schema}, in words for the model; empty if fine.
   */
  public static List<String> validate(JsonNode value, JsonNode schema) {
    List<String> problems = new ArrayList<>();
    check(value, schema, "", problems);
    return problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems;
  }

  private static void check(JsonNode value, JsonNode schema, String path, List<String> problems) {
    if (schema == null || !schema.isObject() || problems.size() > MAX_PROBLEMS) {
      return;
    }
    for (String combinator : List.of("anyOf", "oneOf")) {
      JsonNode branches = schema.get(combinator);
      if (branches != null && branches.isArray() && !branches.isEmpty()) {
        for (JsonNode branch : branches) {
          List<String> branchProblems = new ArrayList<>();
          check(value, branch, path, branchProblems);
          if (branchProblems.isEmpty()) {
            return;
          }
        }
        problems.add(name(path) + " matches none of the allowed shapes");
        return;
      }
    }
    JsonNode type = schema.get("type");
    if (type != null && !matchesType(value, type)) {
      problems.add(name(path) + " must be " + describe(type) + ", but was " + describeValue(value));
      return;
    }
    JsonNode allowed = schema.get("enum");
    if (allowed != null && allowed.isArray()) {
      boolean found = false;
      for (JsonNode option : allowed) {
        if (option.equals(value)
            || (option.isTextual()
                && value.isTextual()
                && option.asText().equalsIgnoreCase(value.asText()))) {
          found = true;
          break;
        }
      }
      if (!found) {
        problems.add(name(path) + " must be one of " + allowed + ", but was " + value);
        return;
      }
    }
    if (value.isNumber()) {
      if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
        problems.add(name(path) + " must be >= " + schema.get("minimum") + ", but was " + value);
      }
      if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
        problems.add(name(path) + " must be <= " + schema.get("maximum") + ", but was " + value);
      }
    }
    if (value.isObject()) {
      checkObject(value, schema, path, problems);
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), schema.get("items"), path + "[" + i + "]", problems);
      }
    }
  }

  private static void checkObject(
      JsonNode value, JsonNode schema, String path, List<String> problems) {
    JsonNode properties = schema.path("properties");
    for (JsonNode required : schema.path("required")) {
      JsonNode present = value.get(required.asText());
      if (present == null || present.isNull() && !allowsNull(properties.get(required.asText()))) {
        problems.add("missing required argument " + name(child(path, required.asText())));
      }
    }
    JsonNode additional = schema.get("additionalProperties");
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String childPath = child(path, field.getKey());
      JsonNode propertySchema = properties.get(field.getKey());
      if (propertySchema != null) {
        if (!(field.getValue().isNull() && !isRequired(schema, field.getKey()))) {
          check(field.getValue(), propertySchema, childPath, problems);
        }
      } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        problems.add("unknown argument " + name(childPath) + "; the arguments are " + names);
      } else if (additional != null && additional.isObject()) {
        check(field.getValue(), additional, childPath, problems);
      }
    }
  }

  private static boolean isRequired(JsonNode schema, String property) {
    for (JsonNode required : schema.path("required")) {
      if (required.asText().equals(property)) {
        return true;
      }
    }
    return false;
  }

  private static boolean allowsNull(JsonNode schema) {
    return schema != null
        && matchesType(
            com.fasterxml.jackson.databind.node.NullNode.getInstance(), schema.path("type"));
  }

  private static boolean matchesType(JsonNode value, JsonNode type) {
    if (type.isArray()) {
      for (JsonNode option : type) {
        if (matchesType(value, option)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "string" -> value.isTextual();
      case "integer" ->
          value.isIntegralNumber()
              || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "null" -> value.isNull();
      default -> true;
    };
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

  private static String describeValue(JsonNode value) {
    String kind = value.getNodeType().name().toLowerCase(Locale.ROOT);
    String text = value.toString();
    return kind + " " + (text.length() > 60 ? text.substring(0, 60) + "…" : text);
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String name(String path) {
    return path.isEmpty() ? "the arguments" : "'" + path + "'";
  }
}
