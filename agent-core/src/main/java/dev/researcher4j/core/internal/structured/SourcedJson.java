package dev.researcher4j.core.internal.structured;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.core.internal.cite.SourceIds;
import dev.researcher4j.core.internal.json.JsonExtraction;
import dev.researcher4j.core.internal.trajectory.SchemaCheck;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The JSON of a typed, cited answer: the value the schema asks for, where every object carries a
 * {@value #SOURCES} map from each of its fields to the ids of the sources that field rests on (and,
 * in a finished answer, a {@value #FLAGS} map from each field that failed its check to why). Reads
 * such answers from a model's reply, lists their fields, and writes them back with only the ids the
 * run knows. Pure and thread-safe.
 */
public final class SourcedJson {
  private SourcedJson() {}

  /** The member of every object naming the sources of its fields. */
  public static final String SOURCES = "_sources";

  /** The member of every object naming its fields that failed their check, and why. */
  public static final String FLAGS = "_flags";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * A field of the answer with a value of its own (not an object): a cell of a table.
   *
   * @param pointer where it is, as a JSON Pointer ({@code /products/3/price})
   * @param claim what it says, for the verifier and for people ({@code products[3] (name: "X") —
   *     price: 999})
   * @param value its value
   * @param sourceIds the ids its object names as its sources (inherited from the field holding the
   *     object when the object names none), in order
   */
  public record Field(String pointer, String claim, JsonNode value, List<String> sourceIds) {
    /** Copies the list. */
    public Field {
      sourceIds = List.copyOf(sourceIds);
    }
  }

  /**
   * {@code schema} with a {@value #SOURCES} member allowed in each of its objects, to show the
   * model (and to check its answer against).
   */
  public static ObjectNode withSources(ObjectNode schema) {
    ObjectNode copy = schema.deepCopy();
    addSources(copy);
    return copy;
  }

  private static void addSources(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      node.properties().forEach(e -> addSources(e.getValue()));
      JsonNode properties = object.get("properties");
      if (properties instanceof ObjectNode props && !props.has(SOURCES)) {
        ObjectNode sources = props.putObject(SOURCES);
        sources.put("type", "object");
        sources.put(
            "description",
            "For each field of this object, the ids of the sources that support its value,"
                + " e.g. {\"price\": [\"S3\"]}");
        sources
            .putObject("additionalProperties")
            .put("type", "array")
            .putObject("items")
            .put("type", "string");
      }
    } else if (node.isArray()) {
      node.forEach(SourcedJson::addSources);
    }
  }

  /**
   * The JSON value in a model's reply, checked against {@code schema} (with {@value #SOURCES}
   * members allowed).
   *
   * @throws IllegalArgumentException naming what is wrong, for the model to fix
   */
  public static JsonNode read(String reply, ObjectNode schema) {
    JsonNode value;
    try {
      value =
          JsonExtraction.extract(
              reply, JsonExtraction.LENIENT.getTypeFactory().constructType(JsonNode.class));
    } catch (JsonExtraction.ExtractionException e) {
      throw new IllegalArgumentException("it is not JSON: " + e.getMessage(), e);
    }
    if (value == null || !(value.isObject() || value.isArray())) {
      throw new IllegalArgumentException("it is not a JSON object or array");
    }
    List<SchemaCheck.Violation> violations = new SchemaCheck(withSources(schema)).check(value);
    if (!violations.isEmpty()) {
      List<String> problems = new ArrayList<>();
      for (SchemaCheck.Violation v : violations) {
        problems.add((v.path().isEmpty() ? "the value" : v.path()) + " " + v.message());
      }
      throw new IllegalArgumentException(
          "it does not match the schema: " + String.join("; ", problems));
    }
    return value;
  }

  /** The fields of {@code answer} that hold values (not objects), in document order. */
  public static List<Field> fields(JsonNode answer) {
    List<Field> fields = new ArrayList<>();
    walk(answer, "", "", List.of(), fields);
    return fields;
  }

  private static void walk(
      JsonNode node, String pointer, String path, List<String> inherited, List<Field> out) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        if (element.isObject() || element.isArray()) {
          walk(element, pointer + "/" + i, path + "[" + i + "]", inherited, out);
        }
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    String label = path.isEmpty() ? "" : path + identity(node) + " — ";
    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      if (name.startsWith("_")) {
        continue;
      }
      List<String> ids = ids(node.path(SOURCES).get(name));
      if (ids.isEmpty()) {
        ids = inherited;
      }
      String childPointer = pointer + "/" + escape(name);
      String childPath = path.isEmpty() ? name : path + "." + name;
      if (value.isObject() || (value.isArray() && hasContainers(value))) {
        walk(value, childPointer, childPath, ids, out);
      } else if (!value.isNull() && !(value.isArray() && value.isEmpty())) {
        out.add(new Field(childPointer, label + name + ": " + shown(value), value, ids));
      }
    }
  }

  /** The ids named by one entry of a {@value #SOURCES} map: a list, or one id, as written. */
  static List<String> ids(JsonNode entry) {
    Set<String> ids = new LinkedHashSet<>();
    if (entry == null) {
      return List.of();
    }
    List<JsonNode> items = new ArrayList<>();
    if (entry.isArray()) {
      entry.forEach(items::add);
    } else {
      items.add(entry);
    }
    for (JsonNode item : items) {
      if (item.isTextual()) {
        ids.addAll(SourceIds.idsIn(item.asText()));
      } else if (item.isIntegralNumber()) {
        ids.add("S" + item.asInt());
      }
    }
    return List.copyOf(ids);
  }

  /**
   * {@code answer} as the run gives it back: in each object, {@value #SOURCES} keeps only the ids
   * {@code known} accepts (an entry per field that has any), {@value #FLAGS} names each field in
   * {@code flags} (by pointer) with its reason, and other members starting with {@code _} go.
   */
  public static JsonNode rebuilt(
      JsonNode answer, Function<String, Boolean> known, Map<String, String> flags) {
    JsonNode copy = answer.deepCopy();
    Map<String, Field> byPointer = new java.util.LinkedHashMap<>();
    fields(answer).forEach(f -> byPointer.put(f.pointer(), f));
    rebuild(copy, "", known, flags, byPointer);
    return copy;
  }

  private static void rebuild(
      JsonNode node,
      String pointer,
      Function<String, Boolean> known,
      Map<String, String> flags,
      Map<String, Field> fields) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        rebuild(node.get(i), pointer + "/" + i, known, flags, fields);
      }
      return;
    }
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    ObjectNode sources = NODES.objectNode();
    ObjectNode flagged = NODES.objectNode();
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (name.startsWith("_")) {
        object.remove(name);
        continue;
      }
      String child = pointer + "/" + escape(name);
      Field field = fields.get(child);
      if (field != null) {
        ArrayNode ids = NODES.arrayNode();
        field.sourceIds().stream().filter(known::apply).forEach(ids::add);
        if (!ids.isEmpty()) {
          sources.set(name, ids);
        }
        String flag = flags.get(child);
        if (flag != null) {
          flagged.put(name, flag);
        }
      } else {
        rebuild(object.get(name), child, known, flags, fields);
      }
    }
    object.set(SOURCES, sources);
    if (!flagged.isEmpty()) {
      object.set(FLAGS, flagged);
    }
  }

  /** {@code value} without the {@code _}-members the run adds, as the schema describes it. */
  public static JsonNode plain(JsonNode value) {
    JsonNode copy = value.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      names.stream().filter(n -> n.startsWith("_")).forEach(object::remove);
      object.forEach(SourcedJson::strip);
    } else if (node.isArray()) {
      node.forEach(SourcedJson::strip);
    }
  }

  /** A field's value for the claim: text quoted, numbers and lists as JSON. */
  static String shown(JsonNode value) {
    String text = value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }

  /** What tells an object apart from its siblings: its first short text field, if any. */
  private static String identity(JsonNode object) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode value = entry.getValue();
      if (!entry.getKey().startsWith("_") && value.isTextual() && value.asText().length() <= 80) {
        return " (" + entry.getKey() + ": " + shown(value) + ")";
      }
    }
    return "";
  }

  private static boolean hasContainers(JsonNode array) {
    for (JsonNode element : array) {
      if (element.isObject() || element.isArray()) {
        return true;
      }
    }
    return false;
  }

  /** A member name as a JSON Pointer token (RFC 6901). */
  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
