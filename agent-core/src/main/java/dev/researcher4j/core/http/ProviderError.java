package dev.researcher4j.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/**
 * The provider's explanation of a failed call, read from an error body of whatever shape it has.
 *
 * @param code the provider's error code or type, or empty
 * @param message the provider's message, or a short description of the body
 */
public record ProviderError(String code, String message) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 500;

  /**
   * Reads the common error shapes: {@code {"error": {"message", "code", "type"}}} (OpenAI and most
   * compatible servers), {@code {"error": "text"}}, {@code {"message": …}}, {@code {"detail": …}}
   * (FastAPI, vLLM), {@code {"errors": [...]}} , plain text, or an HTML error page.
   */
  public static ProviderError parse(String body) {
    if (body == null || body.isBlank()) {
      return new ProviderError("", "(empty body)");
    }
    String trimmed = body.strip();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        JsonNode root = JSON.readTree(trimmed);
        ProviderError fromJson = fromJson(root);
        if (fromJson != null) {
          return fromJson;
        }
      } catch (java.io.IOException notJson) {
        // treat as text below
      }
    }
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.startsWith("<!doctype html") || lower.startsWith("<html")) {
      return new ProviderError("", "HTML error page: " + abbreviate(stripTags(trimmed)));
    }
    return new ProviderError("", abbreviate(trimmed));
  }

  private static ProviderError fromJson(JsonNode root) {
    JsonNode error = root.get("error");
    if (error != null && error.isObject()) {
      String message = text(error.get("message"));
      String code = text(error.get("code"));
      if (code.isEmpty()) {
        code = text(error.get("type"));
      }
      if (!message.isEmpty() || !code.isEmpty()) {
        return new ProviderError(code, abbreviate(message));
      }
    }
    if (error != null && error.isTextual()) {
      String code = text(root.get("code"));
      String message = text(root.get("message"));
      return new ProviderError(
          code.isEmpty() ? error.asText() : code,
          abbreviate(message.isEmpty() ? error.asText() : message));
    }
    for (String field : new String[] {"message", "detail", "msg", "error_description"}) {
      JsonNode node = root.get(field);
      if (node != null && !node.isNull()) {
        String code = text(root.get("code"));
        if (code.isEmpty()) {
          code = text(root.get("type"));
        }
        return new ProviderError(
            code, abbreviate(node.isTextual() ? node.asText() : node.toString()));
      }
    }
    JsonNode errors = root.get("errors");
    if (errors != null && errors.isArray() && !errors.isEmpty()) {
      JsonNode first = errors.get(0);
      String message = first.isTextual() ? first.asText() : text(first.get("message"));
      return new ProviderError(
          text(first.get("code")), abbreviate(message.isEmpty() ? first.toString() : message));
    }
    return null;
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isContainerNode()) {
      return "";
    }
    return node.asText();
  }

  private static String stripTags(String html) {
    return html.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ")
        .replaceAll("<[^>]+>", " ")
        .replaceAll("\\s+", " ")
        .strip();
  }

  private static String abbreviate(String text) {
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
  }
}
