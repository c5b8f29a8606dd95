package dev.researcher4j.model.anthropic.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between an assistant {@link Message} and the content blocks of a Messages API assistant
 * turn.
 *
 * <p>Text and {@code tool_use} blocks map onto the message's text and tool calls. Every other block
 * ({@code thinking} with its signature, {@code redacted_thinking}, server tool blocks) has no field
 * of its own, so when a response has one, the whole content array is kept in {@link
 * Message#providerData()} under {@value #KEY}. On the way back the kept array is sent exactly as it
 * came, as the API requires of thinking blocks, unless the message's text or tool calls were
 * changed since (context management may shorten a message): then the kept blocks that are neither
 * text nor tool use go first, followed by the message's own text and tool calls. Stateless.
 */
public final class ContentBlocks {

  /** The key of this provider's entry in {@link Message#providerData()}. */
  public static final String KEY = "anthropic";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ContentBlocks() {}

  /** The assistant message for a reply's content. */
  public static Message toMessage(Reply reply) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    boolean opaque = false;
    for (ObjectNode block : reply.content()) {
      switch (type(block)) {
        case "text" -> text.append(block.path("text").asText(""));
        case "tool_use" -> {
          // carried by the tool calls
        }
        case "thinking" -> {
          opaque = true;
          if (reasoning.length() > 0) {
            reasoning.append("\n\n");
          }
          reasoning.append(block.path("thinking").asText(""));
        }
        default -> opaque = true;
      }
    }
    Message message = Message.assistant(text.toString(), reasoning.toString(), reply.toolCalls());
    if (!opaque) {
      return message;
    }
    ObjectNode data = NODES.objectNode();
    ArrayNode content = data.putObject(KEY).putArray("content");
    reply.content().forEach(content::add);
    return message.withProviderData(data);
  }

  /**
   * The content blocks of an assistant turn for {@code message}; empty when it has nothing to say
   * (no text, no tool calls, no kept blocks).
   */
  public static ArrayNode toWire(Message message) {
    JsonNode kept = message.providerData().path(KEY).path("content");
    ArrayNode blocks = NODES.arrayNode();
    if (kept.isArray() && !kept.isEmpty()) {
      if (stillMatches(kept, message)) {
        kept.forEach(blocks::add);
        return blocks;
      }
      for (JsonNode block : kept) {
        String type = type(block);
        if (!type.equals("text") && !type.equals("tool_use")) {
          blocks.add(block);
        }
      }
    }
    if (!message.content().isEmpty()) {
      blocks.addObject().put("type", "text").put("text", message.content());
    }
    for (ToolCall call : message.toolCalls()) {
      blocks
          .addObject()
          .put("type", "tool_use")
          .put("id", call.id())
          .put("name", call.name())
          .set("input", input(call));
    }
    return blocks;
  }

  /** A tool call's arguments as the {@code input} object; {@code {}} when they are not one. */
  static JsonNode input(ToolCall call) {
    return call.hasValidArguments() ? call.parsedArguments() : NODES.objectNode();
  }

  private static boolean stillMatches(JsonNode kept, Message message) {
    StringBuilder text = new StringBuilder();
    List<JsonNode> uses = new ArrayList<>();
    for (JsonNode block : kept) {
      switch (type(block)) {
        case "text" -> text.append(block.path("text").asText(""));
        case "tool_use" -> uses.add(block);
        default -> {
          // opaque blocks are sent as they are
        }
      }
    }
    if (!text.toString().equals(message.content()) || uses.size() != message.toolCalls().size()) {
      return false;
    }
    for (int i = 0; i < uses.size(); i++) {
      JsonNode use = uses.get(i);
      ToolCall call = message.toolCalls().get(i);
      if (!use.path("id").asText("").equals(call.id())
          || !use.path("name").asText("").equals(call.name())
          || !use.path("input").equals(input(call))) {
        return false;
      }
    }
    return true;
  }

  static String type(JsonNode block) {
    return block.path("type").asText("");
  }
}
