package dev.researcher4j.core.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a JSON value in a model's reply, however it was wrapped: reasoning blocks, Markdown code
 * fences, prose before and after, trailing commas, comments, single quotes.
 */
public final class JsonExtraction {
  private JsonExtraction() {}

  /** A lenient mapper for reading model output; shared, immutable once configured. */
  public static final ObjectMapper LENIENT =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .addModule(new Jdk8Module())
          .addModule(new JavaTimeModule())
          .build();

  private static final Pattern FENCE = Pattern.compile("(?s)```[a-zA-Z0-9_-]*\\s*\\n?(.*?)```");

  /** Thrown when no candidate in the text binds to the type; the message says why. */
  public static final class ExtractionException extends Exception {
    private static final long serialVersionUID = 1L;

    ExtractionException(String message) {
      super(message);
    }
  }

  /**
   * Reads {@code text} as {@code type}, trying the whole text, then each fenced block, then each
   * balanced {@code {…}} or {@code […]} span, in order.
   *
   * @throws ExtractionException with the most useful reason when nothing binds
   */
  public static <T> T extract(String text, JavaType type) throws ExtractionException {
    String answer = ReasoningText.split(text).answer();
    List<String> candidates = candidates(answer);
    if (candidates.isEmpty()) {
      throw new ExtractionException("the reply contains no JSON object or array");
    }
    String firstError = null;
    for (String candidate : candidates) {
      try {
        JsonNode node = LENIENT.readTree(candidate);
        if (node == null || node.isMissingNode()) {
          continue;
        }
        return LENIENT.readerFor(type).readValue(node);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        if (firstError == null) {
          firstError = describe(e);
        }
      } catch (java.io.IOException e) {
        if (firstError == null) {
          firstError = e.getMessage();
        }
      }
    }
    throw new ExtractionException(
        firstError == null ? "the reply contains no JSON value" : firstError);
  }

  /** Candidate JSON texts, most likely first. */
  static List<String> candidates(String text) {
    List<String> candidates = new ArrayList<>();
    String trimmed = text.strip();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      candidates.add(trimmed);
    }
    Matcher fence = FENCE.matcher(text);
    while (fence.find()) {
      String inner = fence.group(1).strip();
      if (!inner.isEmpty()) {
        candidates.add(inner);
      }
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{' || c == '[') {
        int end = balancedEnd(text, i);
        if (end > i) {
          candidates.add(text.substring(i, end + 1));
          if (c == '{') {
            i = end; // objects: skip nested spans; arrays of objects are tried whole first
          }
        }
      }
    }
    return candidates.stream().distinct().toList();
  }

  /** Index of the bracket closing the one at {@code start}, or -1; strings are respected. */
  static int balancedEnd(String text, int start) {
    int depth = 0;
    boolean inString = false;
    char quote = 0;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          inString = false;
        }
        continue;
      }
      if (c == '"' || c == '\'') {
        inString = true;
        quote = c;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  private static String describe(Exception e) {
    if (e instanceof JsonProcessingException jpe) {
      String where =
          jpe.getLocation() == null
              ? ""
              : " at line "
                  + jpe.getLocation().getLineNr()
                  + ", column "
                  + jpe.getLocation().getColumnNr();
      return jpe.getOriginalMessage() + where;
    }
    return String.valueOf(e.getMessage());
  }
}
