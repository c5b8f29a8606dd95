package dev.researcher4j.core.internal.trajectory;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks JSON values against the subset of JSON Schema (draft 2020-12) that the trajectory schema
 * uses: {@code $ref} to {@code #/$defs/…}, {@code type}, {@code properties}, {@code required},
 * {@code additionalProperties} (a schema or {@code false}), {@code items}, {@code enum}, {@code
 * const}, {@code minimum}, {@code maximum}, {@code exclusiveMinimum}, {@code minLength}, {@code
 * pattern}, {@code format} ({@code date-time} and {@code duration}, as Java parses them), {@code
 * allOf}, {@code anyOf}, {@code oneOf} (as anyOf) and {@code if}/{@code then}/{@code else}. Other
 * keywords are annotations and ignored.
 *
 * <p>Written for one job — giving clear errors about trajectory lines, naming the field and what
 * was expected — rather than as a general validator; a test keeps it honest against the shipped
 * schema. Immutable and thread-safe.
 */
public final class SchemaCheck {

  /** One violation: where ({@code model_call.request.messages[2].role}) and what. */
  public record Violation(String path, String message) {}

  private static final int MAX_VIOLATIONS = 20;

  private final JsonNode root;
  private final Map<String, Pattern> patterns = new HashMap<>();

  /** A check against {@code schema}, whose {@code $defs} resolve references. */
  public SchemaCheck(JsonNode schema) {
    this.root = schema;
    collectPatterns(schema);
  }

  /** The violations of {@code value} against the root schema; empty when it conforms. */
  public List<Violation> check(JsonNode value) {
    List<Violation> out = new ArrayList<>();
    check(value, root, "", out);
    return out.size() > MAX_VIOLATIONS ? out.subList(0, MAX_VIOLATIONS) : out;
  }

  /** The violations of {@code value} against the definition {@code #/$defs/name}. */
  public List<Violation> check(JsonNode value, String definition) {
    List<Violation> out = new ArrayList<>();
    check(value, resolve("#/$defs/" + definition), "", out);
    return out;
  }

  private void collectPatterns(JsonNode node) {
    if (node.isObject()) {
      JsonNode pattern = node.get("pattern");
      if (pattern != null && pattern.isTextual()) {
        patterns.computeIfAbsent(pattern.asText(), Pattern::compile);
      }
      node.properties().forEach(e -> collectPatterns(e.getValue()));
    } else if (node.isArray()) {
      node.forEach(this::collectPatterns);
    }
  }

  private JsonNode resolve(String ref) {
    if (!ref.startsWith("#/")) {
      throw new IllegalStateException("only local references are supported, not " + ref);
    }
    JsonNode node = root;
    for (String part : ref.substring(2).split("/")) {
      node = node.path(part);
    }
    if (node.isMissingNode()) {
      throw new IllegalStateException("unresolvable reference " + ref);
    }
    return node;
  }

  private void check(JsonNode value, JsonNode schema, String path, List<Violation> out) {
    if (schema == null || !schema.isObject() || out.size() > MAX_VIOLATIONS) {
      return;
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null) {
      check(value, resolve(ref.asText()), path, out);
    }
    JsonNode type = schema.get("type");
    if (type != null && !matchesType(value, type)) {
      out.add(new Violation(path, "expected " + describeType(type) + ", but was " + show(value)));
      return;
    }
    JsonNode constant = schema.get("const");
    if (constant != null && !sameValue(constant, value)) {
      out.add(new Violation(path, "expected " + show(constant) + ", but was " + show(value)));
      return;
    }
    JsonNode allowed = schema.get("enum");
    if (allowed != null && allowed.isArray()) {
      boolean found = false;
      for (JsonNode option : allowed) {
        found |= sameValue(option, value);
      }
      if (!found) {
        out.add(
            new Violation(path, "expected one of " + listed(allowed) + ", but was " + show(value)));
        return;
      }
    }
    if (value.isNumber()) {
      checkNumber(value, schema, path, out);
    }
    if (value.isTextual()) {
      checkText(value.asText(), schema, path, out);
    }
    if (value.isObject()) {
      checkObject(value, schema, path, out);
    }
    if (value.isArray()) {
      JsonNode items = schema.get("items");
      if (items != null) {
        int i = 0;
        for (JsonNode element : value) {
          check(element, items, path + "[" + i++ + "]", out);
        }
      }
    }
    JsonNode all = schema.get("allOf");
    if (all != null) {
      all.forEach(branch -> check(value, branch, path, out));
    }
    for (String combinator : List.of("anyOf", "oneOf")) {
      JsonNode branches = schema.get(combinator);
      if (branches != null && branches.isArray()) {
        checkAny(value, branches, path, out);
      }
    }
    JsonNode condition = schema.get("if");
    if (condition != null) {
      List<Violation> ifViolations = new ArrayList<>();
      check(value, condition, path, ifViolations);
      JsonNode branch = ifViolations.isEmpty() ? schema.get("then") : schema.get("else");
      if (branch != null) {
        check(value, branch, path, out);
      }
    }
  }

  private void checkNumber(JsonNode value, JsonNode schema, String path, List<Violation> out) {
    double number = value.asDouble();
    JsonNode minimum = schema.get("minimum");
    if (minimum != null && number < minimum.asDouble()) {
      out.add(
          new Violation(
              path, "expected at least " + minimum.asText() + ", but was " + show(value)));
    }
    JsonNode exclusive = schema.get("exclusiveMinimum");
    if (exclusive != null && number <= exclusive.asDouble()) {
      out.add(
          new Violation(
              path, "expected more than " + exclusive.asText() + ", but was " + show(value)));
    }
    JsonNode maximum = schema.get("maximum");
    if (maximum != null && number > maximum.asDouble()) {
      out.add(
          new Violation(path, "expected at most " + maximum.asText() + ", but was " + show(value)));
    }
  }

  private void checkText(String text, JsonNode schema, String path, List<Violation> out) {
    JsonNode minLength = schema.get("minLength");
    if (minLength != null && text.codePointCount(0, text.length()) < minLength.asInt()) {
      out.add(
          new Violation(
              path,
              minLength.asInt() == 1
                  ? "expected a non-empty string"
                  : "expected at least " + minLength.asInt() + " characters"));
    }
    JsonNode pattern = schema.get("pattern");
    if (pattern != null && !patterns.get(pattern.asText()).matcher(text).find()) {
      out.add(
          new Violation(
              path, "expected a string matching " + pattern.asText() + ", but was " + show(text)));
    }
    JsonNode format = schema.get("format");
    if (format != null) {
      String problem = formatProblem(format.asText(), text);
      if (problem != null) {
        out.add(new Violation(path, problem + ", but was " + show(text)));
      }
    }
  }

  private static String formatProblem(String format, String text) {
    try {
      switch (format) {
        case "date-time" -> Instant.parse(text);
        case "duration" -> Duration.parse(text);
        default -> {
          return null;
        }
      }
      return null;
    } catch (DateTimeException e) {
      return format.equals("date-time")
          ? "expected an ISO-8601 UTC instant such as 2026-01-15T09:00:00Z"
          : "expected an ISO-8601 duration such as PT1.5S";
    }
  }

  private void checkObject(JsonNode value, JsonNode schema, String path, List<Violation> out) {
    JsonNode required = schema.get("required");
    if (required != null) {
      for (JsonNode name : required) {
        JsonNode field = value.get(name.asText());
        if (field == null) {
          out.add(new Violation(join(path, name.asText()), "is required but missing"));
        }
      }
    }
    JsonNode properties = schema.get("properties");
    JsonNode additional = schema.get("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode propertySchema = properties == null ? null : properties.get(field.getKey());
      String fieldPath = join(path, field.getKey());
      if (propertySchema != null) {
        check(field.getValue(), propertySchema, fieldPath, out);
      } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
        out.add(new Violation(fieldPath, "is not allowed here"));
      } else if (additional != null && additional.isObject()) {
        check(field.getValue(), additional, fieldPath, out);
      }
    }
  }

  private void checkAny(JsonNode value, JsonNode branches, String path, List<Violation> out) {
    List<List<Violation>> failures = new ArrayList<>();
    List<JsonNode> shapeMatches = new ArrayList<>();
    for (JsonNode branch : branches) {
      List<Violation> violations = new ArrayList<>();
      check(value, branch, path, violations);
      if (violations.isEmpty()) {
        return;
      }
      failures.add(violations);
      if (shapeMatches(value, branch)) {
        shapeMatches.add(branch);
      }
    }
    // When exactly one branch has the value's shape, its own errors say most.
    if (shapeMatches.size() == 1) {
      int i = 0;
      for (JsonNode branch : branches) {
        if (branch == shapeMatches.get(0)) {
          out.addAll(failures.get(i));
          return;
        }
        i++;
      }
    }
    List<String> described = new ArrayList<>();
    branches.forEach(b -> described.add(describe(b)));
    out.add(
        new Violation(
            path, "expected " + String.join(" or ", described) + ", but was " + show(value)));
  }

  private boolean shapeMatches(JsonNode value, JsonNode branch) {
    JsonNode resolved = branch.has("$ref") ? resolve(branch.get("$ref").asText()) : branch;
    if (resolved.has("const")) {
      return resolved.get("const").getNodeType() == value.getNodeType();
    }
    JsonNode type = resolved.get("type");
    return type == null || matchesType(value, type);
  }

  private String describe(JsonNode branch) {
    JsonNode resolved = branch.has("$ref") ? resolve(branch.get("$ref").asText()) : branch;
    if (resolved.has("const")) {
      return show(resolved.get("const"));
    }
    if (resolved.has("enum")) {
      return "one of " + listed(resolved.get("enum"));
    }
    if (resolved.has("type")) {
      return describeType(resolved.get("type"));
    }
    return "a value of another shape";
  }

  private static boolean matchesType(JsonNode value, JsonNode type) {
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (matchesType(value, t.asText())) {
          return true;
        }
      }
      return false;
    }
    return matchesType(value, type.asText());
  }

  private static boolean matchesType(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      case "number" -> value.isNumber();
      case "integer" ->
          value.isIntegralNumber()
              || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
      default -> true;
    };
  }

  private static boolean sameValue(JsonNode expected, JsonNode value) {
    if (expected.isNumber() && value.isNumber()) {
      return expected.decimalValue().compareTo(value.decimalValue()) == 0;
    }
    return expected.equals(value);
  }

  private static String describeType(JsonNode type) {
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

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
