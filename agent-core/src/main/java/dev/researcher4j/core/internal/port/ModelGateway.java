package dev.researcher4j.core.internal.port;

import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.StepKind;
import java.time.Duration;

/**
 * Makes one model call of a run: on the run's executor, stopped when {@code timeout} passes or the
 * run is cancelled, with the model's retries reported to the observer. Never throws for a failed
 * call; the result says how it ended.
 */
public interface ModelGateway {

  /**
   * Calls the model for step {@code stepIndex}.
   *
   * @param kind the kind of step the call belongs to (act, plan, verify, compaction)
   * @param request the request as it is to be sent (output cap applied)
   * @param timeout how long the call may take (the time left in the run's budget)
   * @param observer receives streamed text and retries (the run adds listener forwarding)
   */
  ModelCallResult call(
      int stepIndex, StepKind kind, ChatRequest request, Duration timeout, ChatObserver observer);
}
