package dev.researcher4j.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a model is told about a tool: its name, what it does, and the JSON Schema of its arguments.
 *
 * <p>The schema is copied on the way in and on the way out, so a spec cannot be changed once made.
 *
 * @param name 1 to 64 letters, digits, underscores or hyphens (the rule the OpenAI API enforces)
 * @param description what the tool does and when to use it; the model reads this
 * @param parameters a JSON Schema of {@code "type": "object"} describing the arguments
 */
public record ToolSpec(String name, String description, ObjectNode parameters) {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  /** Checks the fields and copies the schema. */
  public ToolSpec {
    Objects.requireNonNull(name, "name is required, but was null");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "tool name must be 1-64 letters, digits, '_' or '-', but was '" + name + "'");
    }
    description = Checks.text(description);
    if (parameters == null) {
      parameters = emptyObjectSchema();
    } else {
      JsonNode type = parameters.get("type");
      if (type == null || !"object".equals(type.asText())) {
        throw new IllegalArgumentException(
            "parameters of tool " + name + " must be a JSON Schema with \"type\": \"object\"");
      }
      parameters = parameters.deepCopy();
    }
  }

  /** A tool that takes no arguments. */
  public static ToolSpec of(String name, String description) {
    return new ToolSpec(name, description, null);
  }

  /** A tool with the given argument schema. */
  public static ToolSpec of(String name, String description, ObjectNode parameters) {
    return new ToolSpec(name, description, parameters);
  }

  /** A copy of the argument schema; changing it does not change this spec. */
  @Override
  public ObjectNode parameters() {
    return parameters.deepCopy();
  }

  private static ObjectNode emptyObjectSchema() {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    schema.putObject("properties");
    return schema;
  }
}
