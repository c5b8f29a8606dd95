package dev.researcher4j.core.context;

import dev.researcher4j.api.Message;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolSpec;
import java.util.List;

/**
 * Estimates how many tokens a text takes, to decide when to compact history and to check input
 * budgets before a call. Estimates, not counts: the provider's tokenizer decides the real number,
 * which the run records afterwards.
 *
 * <p>Implementations must be thread-safe. Plug in a real tokenizer by implementing {@link
 * #estimate(String)}.
 */
@FunctionalInterface
public interface TokenEstimator {

  /** Default characters per token: about right for English prose and JSON with GPT-style BPE. */
  double DEFAULT_CHARS_PER_TOKEN = 4.0;

  /** Tokens a message costs beyond its text (role, separators), as chat templates add them. */
  int MESSAGE_OVERHEAD = 4;

  /** Estimated tokens of {@code text}. */
  long estimate(String text);

  /**
   * Estimated tokens of a prompt: every message (text, tool calls, overhead) plus the tool specs.
   */
  default long estimate(List<Message> messages, List<ToolSpec> tools) {
    long total = 0;
    for (Message message : messages) {
      total += MESSAGE_OVERHEAD + estimate(message.content());
      for (ToolCall call : message.toolCalls()) {
        total += MESSAGE_OVERHEAD + estimate(call.name()) + estimate(call.arguments());
      }
    }
    for (ToolSpec tool : tools) {
      total +=
          MESSAGE_OVERHEAD
              + estimate(tool.name())
              + estimate(tool.description())
              + estimate(tool.parameters().toString());
    }
    return total;
  }

  /** Characters divided by {@code charsPerToken}, rounded up. */
  static TokenEstimator charsPerToken(double charsPerToken) {
    if (!(charsPerToken > 0)) {
      throw new IllegalArgumentException("charsPerToken must be > 0, but was " + charsPerToken);
    }
    return text ->
        text == null || text.isEmpty() ? 0 : (long) Math.ceil(text.length() / charsPerToken);
  }

  /** {@link #charsPerToken} with {@value #DEFAULT_CHARS_PER_TOKEN}. */
  static TokenEstimator ofDefaults() {
    return charsPerToken(DEFAULT_CHARS_PER_TOKEN);
  }
}
