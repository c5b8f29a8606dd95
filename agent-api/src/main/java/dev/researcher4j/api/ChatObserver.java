package dev.researcher4j.api;

/**
 * Watches one model call while it runs: streamed deltas and retries. Every method has a no-op
 * default; implementations must be quick and must not throw (a throwing observer is ignored).
 */
public interface ChatObserver {

  /** Observes nothing. */
  ChatObserver NONE = new ChatObserver() {};

  /** A piece of answer text arrived. */
  default void onTextDelta(String delta) {}

  /** A piece of reasoning text arrived. */
  default void onReasoningDelta(String delta) {}

  /**
   * A piece of a tool call arrived.
   *
   * @param index the call's position in the message
   * @param id the call id, when this piece carries it, else empty
   * @param name the tool name, when this piece carries it, else empty
   * @param argumentsDelta more argument text, possibly empty
   */
  default void onToolCallDelta(int index, String id, String name, String argumentsDelta) {}

  /** An attempt failed and will be retried after {@link RetryAttempt#delay()}. */
  default void onRetry(RetryAttempt retry) {}
}
