package dev.researcher4j.core.internal.port;

import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.ResearchException;
import java.time.Instant;
import java.util.Objects;

/**
 * How one model call ended.
 *
 * @param sent the request as sent
 * @param response the response, or {@code null} when the call failed
 * @param failure how the call failed, or {@code null} when it returned a response
 * @param message what went wrong, for the record (secrets removed); empty on success
 * @param error the exception of a {@link Failure#FAILED} call, or {@code null}
 * @param errorType the class name of the exception, or empty
 * @param startedAt when the call started (the recorded time, when replayed)
 * @param endedAt when it ended
 * @param replayed whether the result came from a recorded trajectory instead of the model
 */
public record ModelCallResult(
    ChatRequest sent,
    ChatResponse response,
    Failure failure,
    String message,
    ResearchException error,
    String errorType,
    Instant startedAt,
    Instant endedAt,
    boolean replayed) {

  /** How a call failed. */
  public enum Failure {
    /** The model (or its client) failed; {@link #error()} says how when it is a known kind. */
    FAILED,
    /** The run's time budget ran out during the call. */
    TIMEOUT,
    /** The run was cancelled during the call. */
    CANCELLED,
    /** The executor refused to run the call. */
    REJECTED;

    /** The wire name used in trajectories ({@code call_failure}). */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Checks the fields. */
  public ModelCallResult {
    Objects.requireNonNull(sent, "sent");
    if ((response == null) == (failure == null)) {
      throw new IllegalArgumentException("exactly one of response and failure must be set");
    }
    message = message == null ? "" : message;
    errorType = errorType == null ? "" : errorType;
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
  }

  /** A successful call. */
  public static ModelCallResult of(
      ChatRequest sent, ChatResponse response, Instant startedAt, Instant endedAt) {
    return new ModelCallResult(sent, response, null, "", null, "", startedAt, endedAt, false);
  }

  /** Whether the call returned a response. */
  public boolean succeeded() {
    return response != null;
  }
}
