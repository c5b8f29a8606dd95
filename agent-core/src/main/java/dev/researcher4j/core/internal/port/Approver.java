package dev.researcher4j.core.internal.port;

import dev.researcher4j.api.ToolCall;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the person a run works for to approve one tool call before it runs (the run adapts its
 * {@code HumanChannel}). Cancelling the returned future withdraws the question.
 */
@FunctionalInterface
public interface Approver {

  /**
   * The person's decision on {@code call}, which needs approval for {@code reason}, asked at {@code
   * at}.
   */
  CompletableFuture<ToolOutcome.Approval> decide(ToolCall call, String reason, Instant at);
}
