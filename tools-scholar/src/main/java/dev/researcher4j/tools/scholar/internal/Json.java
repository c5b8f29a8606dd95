package dev.researcher4j.tools.scholar.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.researcher4j.api.MalformedResponseException;
import java.util.ArrayList;
import java.util.List;

/** Tolerant reading of JSON responses: missing, null or oddly typed fields read as absent. */
public final class Json {
  private Json() {}

  /** Shared mapper; configured once here and never changed, so sharing it is safe. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Parses {@code body}.
   *
   * @throws MalformedResponseException naming {@code provider} if it is not JSON
   */
  public static JsonNode parse(String body, String provider, int status) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new MalformedResponseException(
            provider + ": empty response body where JSON was expected", null, provider, status, "");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedResponseException(
          provider
              + ": response is not valid JSON ("
              + e.getOriginalMessage()
              + "): "
              + Texts.snippet(body, 200),
          e,
          provider,
          status,
          "");
    }
  }

  /** The node at {@code path} (field names), or a missing node. Never {@code null}. */
  public static JsonNode at(JsonNode node, String... path) {
    JsonNode current = node == null ? MissingNode.getInstance() : node;
    for (String field : path) {
      current = current.isObject() ? current.path(field) : MissingNode.getInstance();
    }
    return current;
  }

  /** The text at {@code path}: strings as they are, numbers and booleans as text, else empty. */
  public static String text(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isNumber() || value.isBoolean()) {
      return value.asText();
    }
    return "";
  }

  /** The integer at {@code path} (a number or a numeric string), or {@code null}. */
  public static Integer integer(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    if (value.isIntegralNumber() && value.canConvertToInt()) {
      return value.intValue();
    }
    if (value.isNumber()) {
      double d = value.doubleValue();
      return d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE ? (int) d : null;
    }
    if (value.isTextual()) {
      String s = value.asText().strip();
      if (s.matches("-?\\d{1,9}")) {
        return Integer.parseInt(s);
      }
    }
    return null;
  }

  /** The long at {@code path} (a number or numeric string), or {@code fallback}. */
  public static long longValue(JsonNode node, long fallback, String... path) {
    JsonNode value = at(node, path);
    if (value.isNumber()) {
      return value.longValue();
    }
    if (value.isTextual() && value.asText().strip().matches("\\d{1,18}")) {
      return Long.parseLong(value.asText().strip());
    }
    return fallback;
  }

  /** The elements of the array at {@code path}; empty when it is absent or not an array. */
  public static List<JsonNode> array(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    List<JsonNode> out = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(out::add);
    }
    return out;
  }

  /** The strings in the array at {@code path} (non-strings skipped). */
  public static List<String> strings(JsonNode node, String... path) {
    List<String> out = new ArrayList<>();
    for (JsonNode element : array(node, path)) {
      if (element.isTextual() && !element.asText().isBlank()) {
        out.add(element.asText());
      }
    }
    return out;
  }
}
