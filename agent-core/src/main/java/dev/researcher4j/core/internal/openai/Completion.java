package dev.researcher4j.core.internal.openai;

import dev.researcher4j.api.TokenTrace;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.Usage;
import java.util.List;

/**
 * One completion read from the wire, streamed or not, before it is priced and wrapped in a {@code
 * ChatResponse}.
 *
 * @param id the provider's response id, or empty
 * @param model the model the provider reported, or empty
 * @param content the answer text, reasoning blocks removed
 * @param reasoning the reasoning, from reasoning fields and inline blocks; empty when none
 * @param toolCalls the tool calls, arguments as the model wrote them
 * @param finishReason the provider's finish reason, or empty when it gave none
 * @param usage token counts without cost
 * @param tokens token ids and logprobs, when sent
 */
public record Completion(
    String id,
    String model,
    String content,
    String reasoning,
    List<ToolCall> toolCalls,
    String finishReason,
    Usage usage,
    TokenTrace tokens) {

  /** Copies the list. */
  public Completion {
    toolCalls = List.copyOf(toolCalls);
  }
}
