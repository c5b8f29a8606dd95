package dev.researcher4j.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A model's request to call a tool.
 *
 * <p>The arguments are kept exactly as the model wrote them ({@link #arguments()}, a JSON string as
 * in the OpenAI wire format), because a model sometimes writes arguments that are not valid JSON,
 * and that text must not be lost: it is what the model did, and it belongs in the trajectory. Use
 * {@link #hasValidArguments()} and {@link #parsedArguments()} to read them.
 *
 * @param id the call id the model gave (echoed back in the tool message)
 * @param name the tool's name
 * @param arguments the arguments as raw JSON text, as the model wrote them; empty means {@code {}}
 */
public record ToolCall(String id, String name, String arguments) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Checks the fields. */
  public ToolCall {
    id = Checks.text(id);
    name = Checks.text(name);
    arguments = Checks.text(arguments);
  }

  /** A call with arguments given as a JSON value. */
  public static ToolCall of(String id, String name, JsonNode arguments) {
    return new ToolCall(id, name, arguments == null ? "{}" : arguments.toString());
  }

  /** Whether the arguments parse as a JSON object (empty text counts as {@code {}}). */
  public boolean hasValidArguments() {
    return argumentsError().isEmpty();
  }

  /**
   * Why the arguments do not parse as a JSON object, or an empty string when they do.
   *
   * @return a message fit to show to the model
   */
  public String argumentsError() {
    if (arguments.isBlank()) {
      return "";
    }
    try {
      JsonNode node = JSON.readTree(arguments);
      if (node == null || !node.isObject()) {
        return "arguments must be a JSON object, but were: " + abbreviate(arguments);
      }
      return "";
    } catch (JsonProcessingException e) {
      return "arguments are not valid JSON ("
          + e.getOriginalMessage()
          + "): "
          + abbreviate(arguments);
    }
  }

  /**
   * The arguments as a JSON object.
   *
   * @throws InvalidRequestException if they are not a valid JSON object; the message says why
   */
  public JsonNode parsedArguments() {
    if (arguments.isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    JsonNode node;
    try {
      node = JSON.readTree(arguments);
    } catch (JsonProcessingException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      // Parsed once on the common path; the message is worked out only for a bad call.
      throw new InvalidRequestException("tool call " + name + ": " + argumentsError());
    }
    return node;
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
