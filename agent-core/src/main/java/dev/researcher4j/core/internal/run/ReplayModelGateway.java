package dev.researcher4j.core.internal.run;

import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ModelCall;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.core.internal.port.ModelCallResult;
import dev.researcher4j.core.internal.port.ModelGateway;
import dev.researcher4j.core.internal.trajectory.RecordedCalls;
import java.time.Duration;

/**
 * A resumed run's model gateway: a call its record holds is answered from the record — the recorded
 * request and response, or the recorded failure, with their recorded times — and not made again;
 * from the first step the record lacks, calls go to the live gateway.
 */
final class ReplayModelGateway implements ModelGateway {

  private final Replay replay;
  private final ModelGateway live;

  ReplayModelGateway(Replay replay, ModelGateway live) {
    this.replay = replay;
    this.live = live;
  }

  @Override
  public ModelCallResult call(
      int stepIndex, StepKind kind, ChatRequest request, Duration timeout, ChatObserver observer) {
    if (!replay.replays(stepIndex)) {
      return live.call(stepIndex, kind, request, timeout, observer);
    }
    Step recorded = replay.expect(stepIndex, kind, true);
    if (recorded.kind() == StepKind.ERROR) {
      ModelCallResult.Failure failure = failureOf(recorded);
      ResearchException error =
          failure == ModelCallResult.Failure.FAILED && recorded.data().has("retryable")
              ? RecordedCalls.failure(recorded)
              : null;
      return new ModelCallResult(
          request,
          null,
          failure,
          recorded.error(),
          error,
          recorded.data().path("error_type").asText(""),
          recorded.startedAt(),
          recorded.endedAt(),
          true);
    }
    ModelCall call = recorded.modelCall();
    if (call == null) {
      throw replay.diverged("step " + stepIndex + " was recorded without its model call");
    }
    return new ModelCallResult(
        call.request(),
        call.response(),
        null,
        "",
        null,
        "",
        recorded.startedAt(),
        recorded.endedAt(),
        true);
  }

  private static ModelCallResult.Failure failureOf(Step error) {
    return switch (RecordedCalls.callFailure(error)) {
      case "timeout" -> ModelCallResult.Failure.TIMEOUT;
      case "cancelled" -> ModelCallResult.Failure.CANCELLED;
      case "rejected" -> ModelCallResult.Failure.REJECTED;
      default -> ModelCallResult.Failure.FAILED;
    };
  }
}
