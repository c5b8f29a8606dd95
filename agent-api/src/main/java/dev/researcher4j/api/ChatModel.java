package dev.researcher4j.api;

/**
 * The port to a language model: a request of messages and tool specs in, one assistant message
 * (with optional tool calls) out.
 *
 * <p>Implementations must be thread-safe; one instance serves every run of an agent. They handle
 * retries themselves and report each retry in {@link ChatResponse#retries()} and to the {@link
 * ChatObserver}. A call that finally fails throws a {@link ResearchException}; its {@link
 * ResearchException#isRetryable()} says whether trying again later might help.
 *
 * <p>For tests, {@code dev.researcher4j.testing.ScriptedChatModel} in agent-testing answers from a
 * script.
 */
public interface ChatModel {

  /**
   * Sends one request and waits for the whole response.
   *
   * @throws ResearchException when the call fails after the model's retries
   */
  ChatResponse chat(ChatRequest request);

  /**
   * Sends one request and reports progress (text deltas when streaming, retries) to {@code
   * observer} while it runs. The default calls {@link #chat(ChatRequest)} and reports the retries
   * and the text once the response is complete; streaming models override this.
   */
  default ChatResponse chat(ChatRequest request, ChatObserver observer) {
    ChatResponse response = chat(request);
    for (RetryAttempt retry : response.retries()) {
      observer.onRetry(retry);
    }
    if (!response.message().content().isEmpty()) {
      observer.onTextDelta(response.message().content());
    }
    return response;
  }

  /** What this model is, for trajectories and context management. */
  default ModelInfo info() {
    return ModelInfo.of(getClass().getSimpleName(), getClass().getSimpleName());
  }

  /**
   * What a call with these tokens costs with this model, in US dollars, or empty when this model
   * has no price. A run with a cost budget uses it to check each call before it is sent (from the
   * estimated prompt and the most the call may write), so it cannot start without a price. The
   * default knows no price.
   */
  default java.util.OptionalDouble costOf(long inputTokens, long outputTokens) {
    return java.util.OptionalDouble.empty();
  }

  /**
   * {@code text} with this model's credentials (API keys, secret header values) masked. A run
   * passes everything it records through this, so a model that echoes its key into a reply does not
   * leak it into trajectories, reports or logs. The default masks nothing; clients that hold
   * credentials override it.
   */
  default String scrubSecrets(String text) {
    return text;
  }
}
