package dev.researcher4j.core.context;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.Source;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link ContextPolicy} gets when the prompt grew too large.
 *
 * @param messages the conversation as it would be sent (system prompt first)
 * @param estimatedTokens its estimated size, tool specs included
 * @param targetTokens the size the messages should be brought under (tool specs already subtracted)
 * @param estimator the estimator to measure candidate histories with
 * @param sources the run's sources by id, to name the sources a compacted result showed
 * @param model the run's model, for policies that write summaries; its calls are recorded as
 *     compaction steps and count against the budget, and it may throw when the budget is spent
 * @param summaryPrompt the agent's prompt asking for a summary of older research
 */
public record CompactionRequest(
    List<Message> messages,
    long estimatedTokens,
    long targetTokens,
    TokenEstimator estimator,
    Map<String, Source> sources,
    ChatModel model,
    String summaryPrompt) {

  /** Checks and copies the fields. */
  public CompactionRequest {
    messages = List.copyOf(messages);
    Objects.requireNonNull(estimator, "estimator is required, but was null");
    sources = Map.copyOf(sources);
    Objects.requireNonNull(model, "model is required, but was null");
    summaryPrompt = summaryPrompt == null ? "" : summaryPrompt;
  }

  /** Estimated tokens of {@code candidate} (messages only). */
  public long tokensOf(List<Message> candidate) {
    return estimator.estimate(candidate, List.of());
  }
}
