package dev.researcher4j.api;

import java.util.Locale;

/**
 * Why the model stopped writing. Providers add values over time; unknown ones map to {@link #OTHER}
 * and the raw value is kept in {@link ChatResponse#rawFinishReason()}.
 */
public enum FinishReason {
  /** The model finished its message. */
  STOP,
  /** The model stopped to call tools. */
  TOOL_CALLS,
  /** The completion hit the token limit: the message is cut short. */
  LENGTH,
  /** The provider's content filter removed or stopped the output. */
  CONTENT_FILTER,
  /** Any other or missing reason. */
  OTHER;

  /** Maps a provider's wire value ({@code stop}, {@code tool_calls}, {@code length}, …). */
  public static FinishReason fromWire(String value) {
    if (value == null) {
      return OTHER;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "stop", "end_turn", "stop_sequence", "eos" -> STOP;
      case "tool_calls", "function_call", "tool_use" -> TOOL_CALLS;
      case "length", "max_tokens" -> LENGTH;
      case "content_filter", "safety", "refusal" -> CONTENT_FILTER;
      default -> OTHER;
    };
  }
}
