package dev.researcher4j.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link ChatModel} answered: one assistant message, why it stopped, what it cost.
 *
 * @param message the assistant message (text, reasoning, tool calls)
 * @param finishReason why the model stopped
 * @param rawFinishReason the provider's own word for it, or empty
 * @param usage tokens and cost of this call (all attempts' billed usage is the provider's concern;
 *     this is the successful attempt's)
 * @param model the model name the provider reported, or empty
 * @param responseId the provider's response id, or empty
 * @param latency wall time of the call, retries included
 * @param retries the attempts that failed before this answer, in order
 * @param tokens token ids and logprobs when the server returned them
 */
public record ChatResponse(
    Message message,
    FinishReason finishReason,
    String rawFinishReason,
    Usage usage,
    String model,
    String responseId,
    Duration latency,
    List<RetryAttempt> retries,
    TokenTrace tokens) {

  /** Checks the fields. */
  public ChatResponse {
    Objects.requireNonNull(message, "message is required, but was null");
    if (message.role() != Role.ASSISTANT) {
      throw new IllegalArgumentException(
          "a response holds an assistant message, not " + message.role());
    }
    finishReason = finishReason == null ? FinishReason.OTHER : finishReason;
    rawFinishReason = Checks.text(rawFinishReason);
    usage = usage == null ? Usage.ZERO : usage;
    model = Checks.text(model);
    responseId = Checks.text(responseId);
    latency = latency == null ? Duration.ZERO : latency;
    retries = Checks.list(retries);
    tokens = tokens == null ? TokenTrace.NONE : tokens;
  }

  /** A plain answer, as a scripted model would give: finish reason STOP, no usage. */
  public static ChatResponse of(Message message) {
    FinishReason reason = message.hasToolCalls() ? FinishReason.TOOL_CALLS : FinishReason.STOP;
    return new ChatResponse(
        message, reason, "", Usage.ZERO, "", "", Duration.ZERO, List.of(), null);
  }

  /** The answer text (empty when the model only called tools). */
  public String text() {
    return message.content();
  }

  /** The tool calls the model asked for. */
  public List<ToolCall> toolCalls() {
    return message.toolCalls();
  }

  /** A copy with other retries and latency, for clients that wrap another. */
  public ChatResponse withRetries(List<RetryAttempt> newRetries, Duration newLatency) {
    return new ChatResponse(
        message,
        finishReason,
        rawFinishReason,
        usage,
        model,
        responseId,
        newLatency,
        newRetries,
        tokens);
  }

  /** A copy with other usage, for clients that price a call after the fact. */
  public ChatResponse withUsage(Usage newUsage) {
    return new ChatResponse(
        message,
        finishReason,
        rawFinishReason,
        newUsage,
        model,
        responseId,
        latency,
        retries,
        tokens);
  }
}
