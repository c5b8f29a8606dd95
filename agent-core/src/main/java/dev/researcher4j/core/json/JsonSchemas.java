package dev.researcher4j.core.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Generates JSON Schemas (the subset that model providers accept for tool arguments and structured
 * output) from Java types: primitives and their boxes, strings, numbers, booleans, enums, dates,
 * arrays and collections, maps with string keys, {@link Optional}, and records — nested ones
 * included. Record components are required unless their type is {@link Optional}; {@link
 * Description} annotations become descriptions.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonSchemas {
  private JsonSchemas() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The schema of {@code type}.
   *
   * @throws IllegalArgumentException for types with no JSON form (functions, raw {@code Object},
   *     recursive records), naming the type
   */
  public static ObjectNode forType(Type type) {
    return schema(type, new HashSet<>());
  }

  /**
   * The schema of an object whose properties are {@code properties} (name to type), for method
   * parameters; every property is required unless its type is {@link Optional}.
   *
   * @param descriptions property descriptions by name (may be missing some)
   */
  public static ObjectNode forProperties(
      Map<String, Type> properties, Map<String, String> descriptions) {
    ObjectNode schema = NODES.objectNode();
    schema.put("type", "object");
    ObjectNode props = schema.putObject("properties");
    ArrayNode required = NODES.arrayNode();
    properties.forEach(
        (name, type) -> {
          ObjectNode property = schema(type, new HashSet<>());
          String description = descriptions.get(name);
          if (description != null && !description.isBlank()) {
            property.put("description", description);
          }
          props.set(name, property);
          if (!isOptional(type)) {
            required.add(name);
          }
        });
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    schema.put("additionalProperties", false);
    return schema;
  }

  private static ObjectNode schema(Type type, Set<Class<?>> visiting) {
    if (type instanceof WildcardType wildcard) {
      return schema(wildcard.getUpperBounds()[0], visiting);
    }
    if (type instanceof GenericArrayType array) {
      return arrayOf(array.getGenericComponentType(), visiting);
    }
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] args = parameterized.getActualTypeArguments();
      if (Optional.class.equals(raw)) {
        return schema(args[0], visiting);
      }
      if (Collection.class.isAssignableFrom(raw)) {
        return arrayOf(args[0], visiting);
      }
      if (Map.class.isAssignableFrom(raw)) {
        if (!String.class.equals(args[0])) {
          throw new IllegalArgumentException(
              "map keys must be strings for JSON, but were " + args[0]);
        }
        ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.set("additionalProperties", schema(args[1], visiting));
        return schema;
      }
      return schema(raw, visiting);
    }
    if (!(type instanceof Class<?> clazz)) {
      throw new IllegalArgumentException("no JSON Schema for type " + type);
    }
    return classSchema(clazz, visiting);
  }

  private static ObjectNode classSchema(Class<?> clazz, Set<Class<?>> visiting) {
    if (clazz == String.class
        || clazz == char.class
        || clazz == Character.class
        || clazz == UUID.class) {
      return NODES.objectNode().put("type", "string");
    }
    if (clazz == URI.class || clazz == URL.class) {
      return NODES.objectNode().put("type", "string").put("format", "uri");
    }
    if (clazz == LocalDate.class) {
      return NODES.objectNode().put("type", "string").put("format", "date");
    }
    if (clazz == Instant.class || clazz == OffsetDateTime.class || clazz == LocalDateTime.class) {
      return NODES.objectNode().put("type", "string").put("format", "date-time");
    }
    if (clazz == Duration.class) {
      return NODES
          .objectNode()
          .put("type", "string")
          .put("description", "ISO-8601 duration, e.g. PT30S");
    }
    if (clazz == boolean.class || clazz == Boolean.class) {
      return NODES.objectNode().put("type", "boolean");
    }
    if (clazz == int.class
        || clazz == Integer.class
        || clazz == long.class
        || clazz == Long.class
        || clazz == short.class
        || clazz == Short.class
        || clazz == byte.class
        || clazz == Byte.class
        || clazz == BigInteger.class) {
      return NODES.objectNode().put("type", "integer");
    }
    if (clazz == double.class
        || clazz == Double.class
        || clazz == float.class
        || clazz == Float.class
        || clazz == BigDecimal.class) {
      return NODES.objectNode().put("type", "number");
    }
    if (clazz.isEnum()) {
      ObjectNode schema = NODES.objectNode().put("type", "string");
      ArrayNode values = schema.putArray("enum");
      for (Object constant : clazz.getEnumConstants()) {
        values.add(((Enum<?>) constant).name());
      }
      describe(schema, clazz);
      return schema;
    }
    if (clazz.isArray()) {
      return arrayOf(clazz.getComponentType(), visiting);
    }
    if (clazz.isRecord()) {
      return recordSchema(clazz, visiting);
    }
    if (clazz == Object.class
        || clazz.isInterface()
        || java.lang.reflect.Modifier.isAbstract(clazz.getModifiers())) {
      throw new IllegalArgumentException(
          "no JSON Schema for "
              + clazz.getName()
              + ": use a record, enum, collection or simple value type");
    }
    throw new IllegalArgumentException(
        "no JSON Schema for class " + clazz.getName() + ": use a record instead of a class");
  }

  private static ObjectNode recordSchema(Class<?> record, Set<Class<?>> visiting) {
    if (!visiting.add(record)) {
      throw new IllegalArgumentException(
          "recursive record " + record.getName() + " has no finite JSON Schema");
    }
    ObjectNode schema = NODES.objectNode();
    schema.put("type", "object");
    describe(schema, record);
    ObjectNode props = schema.putObject("properties");
    ArrayNode required = NODES.arrayNode();
    for (RecordComponent component : record.getRecordComponents()) {
      ObjectNode property = schema(component.getGenericType(), visiting);
      describe(property, component);
      props.set(component.getName(), property);
      if (!isOptional(component.getGenericType())) {
        required.add(component.getName());
      }
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    schema.put("additionalProperties", false);
    visiting.remove(record);
    return schema;
  }

  private static ObjectNode arrayOf(Type element, Set<Class<?>> visiting) {
    ObjectNode schema = NODES.objectNode().put("type", "array");
    schema.set("items", schema(element, visiting));
    return schema;
  }

  private static void describe(ObjectNode schema, AnnotatedElement element) {
    Description description = element.getAnnotation(Description.class);
    if (description != null && !description.value().isBlank()) {
      schema.put("description", description.value());
    }
  }

  private static boolean isOptional(Type type) {
    Class<?> raw =
        type instanceof ParameterizedType p
            ? (Class<?>) p.getRawType()
            : type instanceof Class<?> c ? c : null;
    return raw != null && Optional.class.equals(raw);
  }
}
