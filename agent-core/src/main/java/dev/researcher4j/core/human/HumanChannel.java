package dev.researcher4j.core.human;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The port through which a run reaches the person it works for: questions from the {@code ask_user}
 * tool ({@link AskUserTool}) and approvals of tool calls that need a person's go-ahead.
 *
 * <p>Implementations answer asynchronously: return a stage that completes when the person has
 * replied (a UI callback, a chat message, a terminal prompt, a workflow signal). The caller waits
 * only as long as its own time limit and then cancels the stage and goes on without the answer, so
 * an implementation never needs a timeout of its own; it should let a cancelled stage go (a late
 * reply is dropped). A stage that completes exceptionally counts as "could not reach the person".
 *
 * <p>Implementations must be thread-safe: parallel runs, and parallel tool calls of one run, may
 * ask at the same time.
 */
public interface HumanChannel {

  /**
   * Puts a question to the person.
   *
   * @return a stage completing with the person's reply (an answer, or a refusal to answer)
   */
  CompletionStage<HumanReply> ask(HumanQuestion question);

  /**
   * Asks the person to approve one tool call before it runs.
   *
   * <p>The default refuses, saying that this channel cannot ask for approvals: a call that needs a
   * person's go-ahead never runs without one (fail closed). Override it to put the request to the
   * person.
   *
   * @return a stage completing with the decision
   */
  default CompletionStage<ApprovalDecision> requestApproval(ApprovalRequest request) {
    return CompletableFuture.completedFuture(
        ApprovalDecision.refuse(
            "this human channel cannot ask for approvals, so the call was not made"));
  }

  /**
   * A channel that answers questions with a blocking callback, run on the calling thread (for
   * example one that shows a dialog and waits). A {@code null} from the callback means the person
   * declined to answer. Approvals are refused unless the channel overrides them.
   */
  static HumanChannel answeringWith(Function<HumanQuestion, String> callback) {
    Objects.requireNonNull(callback, "callback is required, but was null");
    return question -> {
      try {
        String answer = callback.apply(question);
        return CompletableFuture.completedFuture(
            answer == null ? HumanReply.declined("") : HumanReply.answer(answer));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    };
  }
}
