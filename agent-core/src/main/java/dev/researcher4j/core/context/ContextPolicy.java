package dev.researcher4j.core.context;

import dev.researcher4j.api.Message;
import java.util.List;

/**
 * Shortens a conversation that grew too large for the model's context window.
 *
 * <p>Called only when the estimated prompt passes the threshold of {@link ContextManagement}. The
 * returned list replaces the run's working history for all later calls; the trajectory still keeps
 * every tool result in full, and the next model step is marked {@code historyRewritten}. A policy
 * must keep the system message first and must not split an assistant message from the tool messages
 * answering its calls (providers reject such histories). It should keep the source ids ({@code
 * [S3]}) of what it removes, so the model can still cite them.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ContextPolicy {

  /** The compacted messages, or {@code request.messages()} when nothing can be done. */
  List<Message> compact(CompactionRequest request);

  /**
   * Estimated tokens that {@link #compact} could clear from {@code messages} without touching what
   * this policy always keeps (for {@link #keepRecentToolResults}: the whole tool results older than
   * the recent ones). Once this reaches {@link ContextManagement#staleResultTokens()}, the loop
   * compacts early, far below the window threshold. The default, 0, means this policy is asked only
   * near the window limit; policies that call a model to compact should keep it so.
   */
  default long reclaimableTokens(List<Message> messages, TokenEstimator estimator) {
    return 0;
  }

  /**
   * Keeps the last {@code keepRecent} tool results whole and replaces older ones with one-line
   * notes naming the call and the source ids it showed; if that is not enough, keeps fewer and
   * finally shortens the kept ones. No model call.
   */
  static ContextPolicy keepRecentToolResults(int keepRecent) {
    return new KeepRecentToolResults(keepRecent);
  }

  /**
   * Asks the model to summarise the older part of the research (all but the last {@code keepRecent}
   * tool exchanges) into notes that keep facts and source ids, and replaces that part with the
   * notes. Falls back to {@link #keepRecentToolResults} when the summary call fails.
   */
  static ContextPolicy summarizing(int keepRecent) {
    return new SummarizingContextPolicy(keepRecent);
  }

  /** Never compacts: a long run fails when its prompt outgrows the window. */
  static ContextPolicy none() {
    return CompactionRequest::messages;
  }
}
