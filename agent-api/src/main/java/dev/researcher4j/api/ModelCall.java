package dev.researcher4j.api;

import java.util.Objects;

/**
 * One call to the model inside a {@link Step}: exactly what was sent and what came back.
 *
 * @param request the request as sent, messages in full (after any compaction)
 * @param response the response
 * @param historyRewritten whether the messages sent are not a plain extension of the previous
 *     call's (context management compacted them), which trainers must know
 */
public record ModelCall(ChatRequest request, ChatResponse response, boolean historyRewritten) {

  /** Checks the fields. */
  public ModelCall {
    Objects.requireNonNull(request, "request is required, but was null");
    Objects.requireNonNull(response, "response is required, but was null");
  }
}
