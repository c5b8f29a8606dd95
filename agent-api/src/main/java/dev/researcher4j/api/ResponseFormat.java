package dev.researcher4j.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The shape the model is asked to answer in: free text, any JSON object, or JSON matching a schema.
 *
 * <p>Servers that do not support a format may ignore it; code that needs a typed object should use
 * a helper that also parses prose-wrapped JSON (agent-core's {@code StructuredOutput}).
 *
 * @param type the kind of format
 * @param name for {@link Type#JSON_SCHEMA}, a name for the schema; empty otherwise
 * @param schema for {@link Type#JSON_SCHEMA}, the schema; {@code null} otherwise
 * @param strict for {@link Type#JSON_SCHEMA}, whether the server should enforce it strictly
 */
public record ResponseFormat(Type type, String name, ObjectNode schema, boolean strict) {

  /** The kind of response format. */
  public enum Type {
    /** Free text. */
    TEXT,
    /** Any JSON object. */
    JSON_OBJECT,
    /** JSON matching a schema. */
    JSON_SCHEMA
  }

  /** Free text. */
  public static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, "", null, false);

  /** Any JSON object. */
  public static final ResponseFormat JSON_OBJECT =
      new ResponseFormat(Type.JSON_OBJECT, "", null, false);

  /** Checks the fields and copies the schema. */
  public ResponseFormat {
    Objects.requireNonNull(type, "type is required, but was null");
    name = Checks.text(name);
    if (type == Type.JSON_SCHEMA) {
      Checks.required(name, "name");
      Objects.requireNonNull(schema, "schema is required for JSON_SCHEMA, but was null");
      schema = schema.deepCopy();
    } else if (schema != null) {
      throw new IllegalArgumentException("only JSON_SCHEMA takes a schema, not " + type);
    }
  }

  /** JSON matching {@code schema}, enforced strictly where the server can. */
  public static ResponseFormat jsonSchema(String name, ObjectNode schema) {
    return new ResponseFormat(Type.JSON_SCHEMA, name, schema, true);
  }

  /** A copy of the schema, or {@code null} for formats without one. */
  @Override
  public ObjectNode schema() {
    return schema == null ? null : schema.deepCopy();
  }
}
