package dev.researcher4j.core.tool;

import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolExecution.Status;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a run does when a tool call fails, per kind of failure: tell the model (the default for
 * every kind: it gets an error observation and can adapt) or fail the run. Also decides what the
 * model is told about an exception a tool threw.
 *
 * <p>The kinds are the failure values of {@link ToolExecution.Status}: {@code ERROR} (the tool
 * returned an error result), {@code UNKNOWN_TOOL}, {@code INVALID_ARGUMENTS}, {@code EXCEPTION},
 * {@code TIMEOUT}, {@code CIRCUIT_OPEN}.
 *
 * <p>By default the model sees the message of {@link ResearchException}s (written to be shown, and
 * free of secrets) and of {@link IllegalArgumentException}s (usually about the arguments), and only
 * the exception's type for anything else, so stack details and internals do not leak into the
 * conversation. The full exception goes to the log and the step's data.
 *
 * <p>Immutable and thread-safe.
 */
public final class ToolFailurePolicy {

  /** What to do about one kind of failure. */
  public enum Action {
    /** Show the model an error observation and go on. */
    TELL_MODEL,
    /** End the run with {@link dev.researcher4j.api.StopReason#FAILED}. */
    FAIL_RUN
  }

  private static final Function<Throwable, String> DEFAULT_MESSAGE =
      error -> {
        String message = error.getMessage();
        if ((error instanceof ResearchException || error instanceof IllegalArgumentException)
            && message != null
            && !message.isBlank()) {
          return message;
        }
        return "unexpected " + error.getClass().getSimpleName();
      };

  private static final ToolFailurePolicy DEFAULTS = builder().build();

  private final Map<Status, Action> actions;
  private final Function<Throwable, String> exceptionMessage;

  private ToolFailurePolicy(Builder b) {
    this.actions = new EnumMap<>(b.actions);
    this.exceptionMessage = b.exceptionMessage;
  }

  /** Tells the model about every failure. */
  public static ToolFailurePolicy ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** What to do about failures of kind {@code status}. */
  public Action action(Status status) {
    return actions.getOrDefault(status, Action.TELL_MODEL);
  }

  /** What the model is told about {@code error} thrown by a tool. */
  public String exceptionMessage(Throwable error) {
    String message;
    try {
      message = exceptionMessage.apply(error);
    } catch (RuntimeException e) {
      message = null;
    }
    return message == null || message.isBlank() ? DEFAULT_MESSAGE.apply(error) : message;
  }

  @Override
  public String toString() {
    return "ToolFailurePolicy" + actions;
  }

  /** Builds a {@link ToolFailurePolicy}. Not thread-safe. */
  public static final class Builder {
    private final Map<Status, Action> actions = new EnumMap<>(Status.class);
    private Function<Throwable, String> exceptionMessage = DEFAULT_MESSAGE;

    private Builder() {}

    /**
     * Sets what to do about failures of kind {@code status}.
     *
     * @throws IllegalArgumentException if {@code status} is not a failure ({@code OK}, {@code
     *     CACHED}) or is {@code CANCELLED} (which always ends the run)
     */
    public Builder on(Status status, Action action) {
      Objects.requireNonNull(status, "status is required, but was null");
      Objects.requireNonNull(action, "action is required, but was null");
      if (!status.isFailure() || status == Status.CANCELLED) {
        throw new IllegalArgumentException(
            "status must be a tool failure kind, but was "
                + status.name().toLowerCase(Locale.ROOT));
      }
      actions.put(status, action);
      return this;
    }

    /** Fails the run on each of these kinds of failure. */
    public Builder failRunOn(Status... statuses) {
      for (Status status : statuses) {
        on(status, Action.FAIL_RUN);
      }
      return this;
    }

    /**
     * Decides what the model is told about an exception a tool threw; returning {@code null} or
     * blank falls back to the default.
     */
    public Builder exceptionMessage(Function<Throwable, String> exceptionMessage) {
      this.exceptionMessage =
          Objects.requireNonNull(exceptionMessage, "exceptionMessage is required, but was null");
      return this;
    }

    /** Builds the policy. */
    public ToolFailurePolicy build() {
      return new ToolFailurePolicy(this);
    }
  }
}
