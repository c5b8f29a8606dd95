package dev.researcher4j.eval.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The JSON mappers and small JSON helpers of the evaluation harness. */
public final class EvalJson {
  private EvalJson() {}

  /** Plain JSON nodes. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Reads dataset and result lines: forgiving of {@code NaN} (Python's {@code json.dumps} writes
   * it) and keeps decimals exact so that a reference answer of {@code 0.10} stays {@code 0.10}.
   */
  public static final ObjectMapper LINES =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  /**
   * Maps API records (trajectories) to JSON and back. {@code is…()} helpers such as {@code
   * Trajectory.isFinished()} are not record components, so they are not written; unknown fields are
   * ignored on reading so that files from newer versions still load.
   */
  public static final ObjectMapper RECORDS =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(new JavaTimeModule())
          .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  /** A new empty object node. */
  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** The text of a field, or empty when it is missing or JSON null. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  /** A number field, or {@code fallback} when it is missing, null or not a number. */
  public static double number(JsonNode node, String field, double fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isTextual()) {
      try {
        return Double.parseDouble(value.asText());
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
    return fallback;
  }

  /** A long field, or {@code fallback}. */
  public static long integer(JsonNode node, String field, long fallback) {
    JsonNode value = node.get(field);
    return value != null && value.isNumber() ? value.longValue() : fallback;
  }

  /** Puts a double, writing JSON null for NaN and infinities (which JSON cannot hold). */
  public static void putNumber(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  /** The lowercase hex SHA-256 of {@code text} in UTF-8. */
  public static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The start of {@code text} on one line, for messages. */
  public static String excerpt(String text, int max) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= max ? flat : flat.substring(0, max) + "…";
  }
}
