package dev.researcher4j.core.internal.durable;

import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.core.durable.Engine;
import dev.researcher4j.core.durable.ModelCallInput;
import dev.researcher4j.core.durable.ModelCallOutput;
import dev.researcher4j.core.internal.port.ModelCallResult;
import dev.researcher4j.core.internal.port.ModelGateway;
import dev.researcher4j.core.internal.port.RunScope;
import java.time.Duration;
import java.time.Instant;

/**
 * A run's model gateway in an engine's deterministic code: each call is handed to the {@link
 * Engine} (an activity) and its output turned back into the result the loop expects. The step's
 * times are the engine's clock before and after the call, so a replay sees the same times.
 */
final class EngineModelGateway implements ModelGateway {

  private final Engine engine;
  private final RunScope run;

  EngineModelGateway(Engine engine, RunScope run) {
    this.engine = engine;
    this.run = run;
  }

  @Override
  public ModelCallResult call(
      int stepIndex, StepKind kind, ChatRequest request, Duration timeout, ChatObserver observer) {
    Instant started = run.clock().instant();
    if (run.isCancelled()) {
      return ModelCalls.result(
          request,
          ModelCallOutput.failed(
              ModelCallOutput.Failure.CANCELLED,
              "the run was cancelled before the model call",
              null,
              started,
              started),
          started,
          started);
    }
    run.listener().onModelCall(run.runId(), request);
    ModelCallOutput output =
        engine.callModel(new ModelCallInput(run.runId(), stepIndex, kind, request, timeout));
    Instant ended = run.clock().instant();
    if (output.succeeded()) {
      // Masked on the worker already; masked again in case the engine's worker knew fewer secrets.
      output =
          ModelCallOutput.of(
              run.scrubber().response(output.response()), output.startedAt(), output.endedAt());
    }
    return ModelCalls.result(request, output, started, ended);
  }
}
