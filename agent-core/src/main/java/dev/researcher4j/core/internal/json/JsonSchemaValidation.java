package dev.researcher4j.core.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.format.Format;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way researcher4j validates JSON against a JSON Schema: tool arguments against a tool's
 * parameter schema ({@code internal.tool.SchemaValidator}) and trajectory lines against the
 * trajectory schema ({@code internal.trajectory.SchemaCheck}). Validation is done by networknt's
 * json-schema-validator (draft 2020-12, {@code format} asserted); this class only turns its errors
 * into {@link Problem}s that callers word for their readers: paths as {@code range.from} and {@code
 * tags[0]}, and the branch errors of an {@code anyOf}/{@code oneOf} collapsed into one problem (the
 * errors of the branch whose type matched, else one "none of the shapes" problem).
 *
 * <p>Schemas are compiled once, when this object is made. Immutable and thread-safe.
 */
public final class JsonSchemaValidation {

  /** What a problem is about. */
  public enum Kind {
    /** A required property is missing ({@link Problem#path()} names it). */
    REQUIRED,
    /** A property the schema does not allow ({@link Problem#path()} names it). */
    NOT_ALLOWED,
    /** A value of the wrong type; {@link Problem#expected()} is the schema's {@code type}. */
    TYPE,
    /** A value outside an {@code enum}; {@link Problem#expected()} is the enum array. */
    ENUM,
    /** A value other than a {@code const}; {@link Problem#expected()} is the constant. */
    CONST,
    /** Below {@code minimum}; {@link Problem#expected()} is the bound. */
    MINIMUM,
    /** Not above {@code exclusiveMinimum}; {@link Problem#expected()} is the bound. */
    EXCLUSIVE_MINIMUM,
    /** Above {@code maximum}; {@link Problem#expected()} is the bound. */
    MAXIMUM,
    /** A string not matching {@code pattern}; {@link Problem#expected()} is the pattern. */
    PATTERN,
    /** A string not in its {@code format}; {@link Problem#expected()} is the format's name. */
    FORMAT,
    /** A value matching no branch of an {@code anyOf}/{@code oneOf}; expected: the branches. */
    NO_BRANCH,
    /** Anything else; {@link Problem#message()} is the validator's own words. */
    OTHER
  }

  /**
   * One problem.
   *
   * @param kind what it is about
   * @param path where: property names joined by dots, array indexes in brackets; empty for the
   *     whole value
   * @param value the offending value (a missing node for {@link Kind#REQUIRED})
   * @param expected what the schema asked for there (see {@link Kind})
   * @param message the validator's own message
   */
  public record Problem(
      Kind kind, String path, JsonNode value, JsonNode expected, String message) {}

  /**
   * Draft 2020-12, with {@code duration} read as ISO 8601 and {@link Duration#parse} read it
   * (fractional seconds such as {@code PT1.25S}, which the validator's RFC 3339 grammar refuses,
   * are what {@link Duration#toString} writes).
   */
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          Dialect.builder(Dialects.getDraft202012()).format(new IsoDuration()).build());

  private static final Pattern COMBINATOR = Pattern.compile("/(anyOf|oneOf)/(\\d+)");

  private final Schema schema;
  private final JsonNode root;

  private JsonSchemaValidation(Schema schema, JsonNode root) {
    this.schema = schema;
    this.root = root;
  }

  /**
   * Compiles {@code schema} (draft 2020-12 unless it names another {@code $schema}).
   *
   * @throws IllegalArgumentException if it is not a usable schema
   */
  public static JsonSchemaValidation of(JsonNode schema) {
    try {
      Schema compiled = REGISTRY.getSchema(schema);
      compiled.initializeValidators();
      return new JsonSchemaValidation(compiled, schema);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a usable JSON Schema: " + e.getMessage(), e);
    }
  }

  /** The schema this validates against. */
  public JsonNode schema() {
    return root;
  }

  /** The problems of {@code value}, in document order; empty when it conforms. */
  public List<Problem> problems(JsonNode value) {
    List<Error> errors =
        schema.validate(
            value, context -> context.executionConfig(c -> c.formatAssertionsEnabled(true)));
    List<Problem> out = collapse(errors, 0);
    // stable: the whole value's missing properties first, the rest in the validator's order
    out.sort(Comparator.comparingInt(JsonSchemaValidation::rank));
    return out;
  }

  /**
   * Problems of {@code errors}, grouping the errors under their {@code depth}-th anyOf/oneOf (0 the
   * outermost) by branch.
   */
  private static List<Problem> collapse(List<Error> errors, int depth) {
    Map<String, Map<Integer, List<Error>>> branches = new LinkedHashMap<>();
    List<Object> order = new ArrayList<>();
    for (Error e : errors) {
      Matcher m = COMBINATOR.matcher(e.getEvaluationPath().toString());
      int seen = 0;
      boolean grouped = false;
      while (m.find()) {
        if (seen++ == depth) {
          String evaluation = e.getEvaluationPath().toString();
          String key =
              instanceAt(e, evaluation.substring(m.end()))
                  + " "
                  + evaluation.substring(0, m.end(1));
          if (!branches.containsKey(key)) {
            order.add(key);
          }
          branches
              .computeIfAbsent(key, k -> new LinkedHashMap<>())
              .computeIfAbsent(Integer.parseInt(m.group(2)), k -> new ArrayList<>())
              .add(e);
          grouped = true;
          break;
        }
      }
      if (!grouped) {
        order.add(e);
      }
    }
    List<Problem> out = new ArrayList<>();
    for (Object item : order) {
      if (item instanceof Error e) {
        out.add(problem(e));
      } else {
        out.addAll(branchProblems(branches.get((String) item), depth));
      }
    }
    return out;
  }

  /**
   * The problems of a value that matched no branch: those of the one branch whose type fits (the
   * value was meant for it), else one {@link Kind#NO_BRANCH} problem.
   */
  private static List<Problem> branchProblems(Map<Integer, List<Error>> byBranch, int depth) {
    List<List<Error>> typeFits = new ArrayList<>();
    Error first = null;
    List<JsonNode> expected = new ArrayList<>();
    String here = null;
    for (List<Error> branch : byBranch.values()) {
      Error top = branch.get(0);
      first = first == null ? top : first;
      if (here == null) {
        here = combinatedInstance(top, depth);
      }
      String at = here;
      boolean typeMismatchHere =
          branch.stream()
              .anyMatch(
                  e ->
                      "type".equals(e.getKeyword())
                          && e.getInstanceLocation().toString().equals(at)
                          && combinators(e) == depth + 1);
      if (!typeMismatchHere) {
        typeFits.add(branch);
      }
      branch.stream()
          .filter(e -> "type".equals(e.getKeyword()))
          .findFirst()
          .ifPresent(e -> expected.add(e.getSchemaNode()));
    }
    if (typeFits.size() == 1) {
      return collapse(typeFits.get(0), depth + 1);
    }
    String path = path(here);
    com.fasterxml.jackson.databind.node.ArrayNode types =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    expected.forEach(types::add);
    return List.of(
        new Problem(
            Kind.NO_BRANCH,
            path,
            first.getInstanceNode(),
            types,
            "matches none of the allowed shapes"));
  }

  /** The instance location of the value the {@code depth}-th combinator of {@code e} tested. */
  private static String combinatedInstance(Error e, int depth) {
    String evaluation = e.getEvaluationPath().toString();
    Matcher m = COMBINATOR.matcher(evaluation);
    for (int seen = 0; m.find(); seen++) {
      if (seen == depth) {
        return instanceAt(e, evaluation.substring(m.end()));
      }
    }
    return e.getInstanceLocation().toString();
  }

  /**
   * The instance location of {@code e} without the segments that the evaluation path {@code suffix}
   * (what came after a combinator's branch) walked into.
   */
  private static String instanceAt(Error e, String suffix) {
    int consumed = 0;
    String[] parts = suffix.split("/");
    for (int i = 0; i < parts.length; i++) {
      switch (parts[i]) {
        case "properties", "patternProperties", "prefixItems" -> {
          consumed++;
          i++; // the property name, pattern or index
        }
        case "items", "additionalProperties", "unevaluatedProperties", "unevaluatedItems" ->
            consumed++;
        case "anyOf", "oneOf", "allOf" -> i++; // the branch index
        default -> {
          // $ref, if/then/else and the failing keyword walk no deeper into the value
        }
      }
    }
    String location = e.getInstanceLocation().toString();
    for (int i = 0; i < consumed; i++) {
      int slash = location.lastIndexOf('/');
      location = slash < 0 ? "" : location.substring(0, slash);
    }
    return location;
  }

  private static int combinators(Error e) {
    Matcher m = COMBINATOR.matcher(e.getEvaluationPath().toString());
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static Problem problem(Error e) {
    String at = path(e.getInstanceLocation().toString());
    JsonNode value = e.getInstanceNode();
    JsonNode expected = e.getSchemaNode();
    Kind kind =
        switch (e.getKeyword() == null ? "" : e.getKeyword()) {
          case "required" -> Kind.REQUIRED;
          case "additionalProperties", "unevaluatedProperties" -> Kind.NOT_ALLOWED;
          case "type" -> Kind.TYPE;
          case "enum" -> Kind.ENUM;
          case "const" -> Kind.CONST;
          case "minimum" -> Kind.MINIMUM;
          case "exclusiveMinimum" -> Kind.EXCLUSIVE_MINIMUM;
          case "maximum" -> Kind.MAXIMUM;
          case "pattern" -> Kind.PATTERN;
          case "format" -> Kind.FORMAT;
          default -> Kind.OTHER;
        };
    if (kind == Kind.REQUIRED || kind == Kind.NOT_ALLOWED) {
      String property = e.getProperty() == null ? "" : e.getProperty();
      at = at.isEmpty() ? property : at + "." + property;
      value =
          kind == Kind.REQUIRED
              ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
              : value == null ? null : value.get(property);
    }
    return new Problem(kind, at, value, expected, e.getMessage());
  }

  /** The {@code duration} format as {@link Duration#parse} reads it. */
  private static final class IsoDuration implements Format {
    @Override
    public String getName() {
      return "duration";
    }

    @Override
    public boolean matches(ExecutionContext context, String value) {
      try {
        Duration.parse(value);
        return true;
      } catch (DateTimeParseException e) {
        return false;
      }
    }
  }

  /** A JSON Pointer ({@code /range/tags/0}) as {@code range.tags[0]}. */
  static String path(String pointer) {
    StringBuilder out = new StringBuilder();
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      String name = part.replace("~1", "/").replace("~0", "~");
      if (name.chars().allMatch(Character::isDigit)) {
        out.append('[').append(name).append(']');
      } else {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(name);
      }
    }
    return out.toString();
  }

  private static int rank(Problem p) {
    boolean topLevel = p.path().indexOf('.') < 0 && p.path().indexOf('[') < 0;
    return p.kind() == Kind.REQUIRED && topLevel ? 0 : 1;
  }
}
