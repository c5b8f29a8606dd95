package dev.researcher4j.core.internal.durable;

import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.NonRetryableException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.RetryableException;
import dev.researcher4j.core.durable.ModelCallOutput;
import dev.researcher4j.core.durable.ModelCallOutput.CallError;
import dev.researcher4j.core.internal.port.ModelCallResult;
import dev.researcher4j.core.internal.port.Scrubber;
import java.time.Instant;

/** Turns a model call's result into the output that crosses the engine, and back. Stateless. */
final class ModelCalls {
  private ModelCalls() {}

  /** The output of {@code result}, made on a worker; error messages masked. */
  static ModelCallOutput output(ModelCallResult result, Scrubber scrubber) {
    if (result.succeeded()) {
      return ModelCallOutput.of(result.response(), result.startedAt(), result.endedAt());
    }
    CallError error = null;
    ResearchException research = result.error();
    if (research != null) {
      error =
          new CallError(
              research.getClass().getName(),
              scrubber.text(research.getMessage()),
              true,
              research.isRetryable(),
              research.statusCode(),
              research.provider(),
              research.errorCode());
    } else if (!result.errorType().isEmpty()) {
      error = new CallError(result.errorType(), result.message(), false, false, 0, "", "");
    }
    return ModelCallOutput.failed(
        ModelCallOutput.Failure.valueOf(result.failure().name()),
        result.message(),
        error,
        result.startedAt(),
        result.endedAt());
  }

  /**
   * The result a run's loop expects of {@code output}, recorded with the engine's times. The
   * model's error comes back as the kind of exception a resumed run rebuilds from its record
   * (retryable or not, with status, provider and code).
   */
  static ModelCallResult result(
      ChatRequest request, ModelCallOutput output, Instant startedAt, Instant endedAt) {
    if (output.succeeded()) {
      return ModelCallResult.of(request, output.response(), startedAt, endedAt);
    }
    CallError error = output.error();
    ResearchException rebuilt = null;
    if (error != null && error.researchError()) {
      rebuilt =
          error.retryable()
              ? new RetryableException(
                  error.message(),
                  null,
                  error.provider(),
                  error.statusCode(),
                  error.errorCode(),
                  null)
              : new NonRetryableException(
                  error.message(), null, error.provider(), error.statusCode(), error.errorCode());
    }
    return new ModelCallResult(
        request,
        null,
        ModelCallResult.Failure.valueOf(output.failure().name()),
        output.message(),
        rebuilt,
        error == null ? "" : error.type(),
        startedAt,
        endedAt,
        false);
  }
}
