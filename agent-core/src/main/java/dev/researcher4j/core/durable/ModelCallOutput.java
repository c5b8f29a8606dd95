package dev.researcher4j.core.durable;

import dev.researcher4j.api.ChatResponse;
import java.time.Instant;
import java.util.Objects;

/**
 * How one model call ended: its response, or how it failed. Secrets are already masked.
 *
 * @param response the response, or {@code null} when the call failed
 * @param failure how the call failed, or {@code null} when it returned a response
 * @param message what went wrong, for the record; empty on success
 * @param error the model's error of a {@link Failure#FAILED} call, or {@code null}
 * @param startedAt when the call started (on the worker that made it)
 * @param endedAt when it ended
 */
public record ModelCallOutput(
    ChatResponse response,
    Failure failure,
    String message,
    CallError error,
    Instant startedAt,
    Instant endedAt) {

  /** How a call failed; the same endings a local run's calls have. */
  public enum Failure {
    /** The model (or its client) failed; {@link #error()} says how when it is a known kind. */
    FAILED,
    /** The run's time budget ran out during the call. */
    TIMEOUT,
    /** The run was cancelled during the call (or the engine cancelled it). */
    CANCELLED,
    /** The call could not be started. */
    REJECTED
  }

  /**
   * The model's error, as far as a run needs it: enough to rebuild the typed exception a stage
   * reacts to, and to record the call as failed.
   *
   * @param type the exception's class name
   * @param message its message (secrets masked)
   * @param researchError whether it is a {@link dev.researcher4j.api.ResearchException} (whose kind
   *     a run reacts to), not some other exception the model's client threw
   * @param retryable whether it is a retryable kind
   * @param statusCode the HTTP status, or 0
   * @param provider the provider's name, or empty
   * @param errorCode the provider's error code, or empty
   */
  public record CallError(
      String type,
      String message,
      boolean researchError,
      boolean retryable,
      int statusCode,
      String provider,
      String errorCode) {
    /** Checks the fields. */
    public CallError {
      type = type == null ? "" : type;
      message = message == null ? "" : message;
      provider = provider == null ? "" : provider;
      errorCode = errorCode == null ? "" : errorCode;
    }
  }

  /** Checks the fields. */
  public ModelCallOutput {
    if ((response == null) == (failure == null)) {
      throw new IllegalArgumentException("exactly one of response and failure must be set");
    }
    message = message == null ? "" : message;
    Objects.requireNonNull(startedAt, "startedAt is required, but was null");
    Objects.requireNonNull(endedAt, "endedAt is required, but was null");
  }

  /** A call that returned {@code response}. */
  public static ModelCallOutput of(ChatResponse response, Instant startedAt, Instant endedAt) {
    Objects.requireNonNull(response, "response is required, but was null");
    return new ModelCallOutput(response, null, "", null, startedAt, endedAt);
  }

  /** A call that failed; {@code error} may be {@code null}. */
  public static ModelCallOutput failed(
      Failure failure, String message, CallError error, Instant startedAt, Instant endedAt) {
    Objects.requireNonNull(failure, "failure is required, but was null");
    return new ModelCallOutput(null, failure, message, error, startedAt, endedAt);
  }

  /** Whether the call returned a response. */
  public boolean succeeded() {
    return response != null;
  }
}
