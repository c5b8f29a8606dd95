package dev.researcher4j.model.anthropic.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.Usage;
import java.util.List;

/**
 * One Messages API response read from the wire, streamed or not, before it becomes a {@code
 * ChatResponse}.
 *
 * @param id the message id, or empty
 * @param model the model the API reported, or empty
 * @param content the content blocks as the API sent them (streamed ones reassembled), in order
 * @param toolCalls the {@code tool_use} blocks as tool calls, arguments as the model wrote them
 * @param stopReason the API's {@code stop_reason}, or empty
 * @param usage token counts without cost
 */
public record Reply(
    String id,
    String model,
    List<ObjectNode> content,
    List<ToolCall> toolCalls,
    String stopReason,
    Usage usage) {

  /** Copies the lists. */
  public Reply {
    content = List.copyOf(content);
    toolCalls = List.copyOf(toolCalls);
  }
}
