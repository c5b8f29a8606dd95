package dev.researcher4j.core.internal.trajectory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.api.NonRetryableException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.RetryableException;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import java.util.Locale;

/**
 * How a recorded trajectory answers a model call when it is replayed — by {@code ReplayChatModel}
 * in tests and by a resumed run: a step with a model call answers with its response; an error step
 * of a failed call fails again the way it failed. Stateless.
 */
public final class RecordedCalls {
  private RecordedCalls() {}

  /** How a recorded model-call failure ended the call ({@code failed}, {@code timeout}, …). */
  public static String callFailure(Step error) {
    return error.data().path("call_failure").asText("failed").toLowerCase(Locale.ROOT);
  }

  /** Whether {@code step} records a model call that failed (the model threw). */
  public static boolean isFailedCall(Step step) {
    return step.kind() == StepKind.ERROR
        && step.data().has("call_failure")
        && callFailure(step).equals("failed");
  }

  /** The exception a recorded failed call had, rebuilt from its error step. */
  public static ResearchException failure(Step error) {
    JsonNode data = error.data();
    String message = data.path("error_message").asText(error.error());
    String provider = data.path("provider").asText("");
    int status = data.path("status_code").asInt(0);
    String code = data.path("error_code").asText("");
    return data.path("retryable").asBoolean(false)
        ? new RetryableException(message, null, provider, status, code, null)
        : new NonRetryableException(message, null, provider, status, code);
  }
}
