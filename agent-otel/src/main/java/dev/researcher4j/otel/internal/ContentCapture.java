package dev.researcher4j.otel.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.core.http.Redactor;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes message contents as the GenAI conventions' JSON ({@code gen_ai.input.messages}, {@code
 * gen_ai.output.messages}, {@code gen_ai.system_instructions}), every text scrubbed of secrets: the
 * values given as secrets, credential-like URL parameters and bearer tokens ({@link Redactor}), and
 * strings shaped like well-known API keys. Thread-safe.
 */
public final class ContentCapture {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** OpenAI, Anthropic, AWS, GitHub, Slack and Google key shapes. */
  private static final Pattern KEY_SHAPES =
      Pattern.compile(
          "\\b(sk-(?:ant-)?[A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}"
              + "|xox[baprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35})");

  private final Redactor redactor;

  public ContentCapture(List<String> secrets) {
    this.redactor = new Redactor(secrets);
  }

  /** {@code text} with every secret replaced by {@value Redactor#MASK}. */
  public String scrub(String text) {
    String redacted = redactor.redact(text);
    return KEY_SHAPES.matcher(redacted).replaceAll(Matcher.quoteReplacement(Redactor.MASK));
  }

  /** The system messages, as {@code gen_ai.system_instructions}. */
  public String systemInstructions(List<Message> messages) {
    ArrayNode parts = JSON.createArrayNode();
    for (Message message : messages) {
      if (message.role() == Role.SYSTEM) {
        parts.addObject().put("type", "text").put("content", scrub(message.content()));
      }
    }
    return parts.isEmpty() ? "" : parts.toString();
  }

  /** The other messages, as {@code gen_ai.input.messages}. */
  public String inputMessages(List<Message> messages) {
    ArrayNode array = JSON.createArrayNode();
    for (Message message : messages) {
      if (message.role() != Role.SYSTEM) {
        array.add(message(message, null));
      }
    }
    return array.toString();
  }

  /** The answer, as {@code gen_ai.output.messages}. */
  public String outputMessages(Message message, String finishReason) {
    return JSON.createArrayNode().add(message(message, finishReason)).toString();
  }

  private ObjectNode message(Message message, String finishReason) {
    ObjectNode node = JSON.createObjectNode();
    node.put("role", message.role().name().toLowerCase(Locale.ROOT));
    ArrayNode parts = node.putArray("parts");
    if (message.role() == Role.TOOL) {
      parts
          .addObject()
          .put("type", "tool_call_response")
          .put("id", message.toolCallId())
          .put("response", scrub(message.content()));
    } else {
      if (!message.reasoning().isEmpty()) {
        parts.addObject().put("type", "reasoning").put("content", scrub(message.reasoning()));
      }
      if (!message.content().isEmpty()) {
        parts.addObject().put("type", "text").put("content", scrub(message.content()));
      }
      for (ToolCall call : message.toolCalls()) {
        parts
            .addObject()
            .put("type", "tool_call")
            .put("id", call.id())
            .put("name", call.name())
            .put("arguments", scrub(call.arguments()));
      }
    }
    if (finishReason != null) {
      node.put("finish_reason", finishReason);
    }
    return node;
  }
}
