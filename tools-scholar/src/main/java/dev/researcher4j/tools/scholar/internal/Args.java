package dev.researcher4j.tools.scholar.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Reading tool arguments and writing their schemas. */
public final class Args {
  private Args() {}

  /** A tool argument was missing or wrong; the message is written for the model. */
  public static final class BadArgument extends Exception {
    private static final long serialVersionUID = 1L;

    /** With the message for the model. */
    public BadArgument(String message) {
      super(message);
    }
  }

  /** The required text argument {@code name}. */
  public static String requiredText(JsonNode args, String name) throws BadArgument {
    JsonNode v = args.path(name);
    if (v.isTextual() && !v.asText().isBlank()) {
      return v.asText().strip();
    }
    if (v.isNumber()) {
      return v.asText();
    }
    throw new BadArgument("argument '" + name + "' is required: give it as a non-empty string");
  }

  /**
   * The optional integer argument {@code name}, clamped to [min, max]; {@code fallback} if absent.
   */
  public static int integer(JsonNode args, String name, int fallback, int min, int max)
      throws BadArgument {
    Integer v = optionalInteger(args, name);
    return v == null ? fallback : Math.max(min, Math.min(max, v));
  }

  /** The optional integer argument {@code name}, or {@code null}. */
  public static Integer optionalInteger(JsonNode args, String name) throws BadArgument {
    JsonNode v = args.path(name);
    if (v.isMissingNode() || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToInt()) {
      return v.intValue();
    }
    if (v.isTextual() && v.asText().strip().matches("-?\\d{1,9}")) {
      return Integer.parseInt(v.asText().strip());
    }
    throw new BadArgument("argument '" + name + "' must be a whole number, but was " + v);
  }

  /** The optional list-of-strings argument {@code name} (a single string also counts). */
  public static List<String> strings(JsonNode args, String name) throws BadArgument {
    JsonNode v = args.path(name);
    List<String> out = new ArrayList<>();
    if (v.isMissingNode() || v.isNull()) {
      return out;
    }
    if (v.isTextual()) {
      for (String part : v.asText().split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
      return out;
    }
    if (!v.isArray()) {
      throw new BadArgument("argument '" + name + "' must be a list of strings, but was " + v);
    }
    for (JsonNode e : v) {
      if (e.isTextual() && !e.asText().isBlank()) {
        out.add(e.asText().strip());
      }
    }
    return out;
  }

  /** An object schema. */
  public static ObjectNode schema() {
    ObjectNode schema = Json.MAPPER.createObjectNode();
    schema.put("type", "object");
    schema.putObject("properties");
    schema.putArray("required");
    return schema;
  }

  /** Adds a property to {@code schema}. */
  public static ObjectNode property(
      ObjectNode schema, String name, String type, String description, boolean required) {
    ObjectNode p = ((ObjectNode) schema.get("properties")).putObject(name);
    p.put("type", type);
    p.put("description", description);
    if (required) {
      ((ArrayNode) schema.get("required")).add(name);
    }
    return p;
  }
}
