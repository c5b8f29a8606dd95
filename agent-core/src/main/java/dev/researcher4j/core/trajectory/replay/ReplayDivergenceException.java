package dev.researcher4j.core.trajectory.replay;

import java.util.Objects;

/**
 * A replayed run did something other than its record: the model was sent a different request, a
 * tool was asked a different call, or the run made more or fewer calls than were recorded. The
 * message names the step of the record where it happened and what differed.
 *
 * <p>Not a {@link dev.researcher4j.api.ResearchException}, so a run does not mistake it for a
 * provider failure it could work around; but a run still turns any exception from its model or
 * tools into a failed step, so tests should call {@link ReplayChatModel#verify()} and {@link
 * ReplayTools#verify()} after the run, which throw the first divergence.
 */
public final class ReplayDivergenceException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** What kind of difference was found. */
  public enum Kind {
    /** A model request differs from the recorded one. */
    REQUEST,
    /** A tool call differs from the recorded one (or was not recorded). */
    TOOL_CALL,
    /** The run made a model call after the recorded ones were used up. */
    EXTRA_CALL,
    /** The run ended before making every recorded model call. */
    MISSING_CALL
  }

  private final int stepIndex;
  private final Kind kind;
  private final String expected;
  private final String actual;

  /**
   * A divergence at step {@code stepIndex} of the record.
   *
   * @param what what differed, in words
   * @param expected what the record holds, or empty
   * @param actual what the run did, or empty
   */
  public ReplayDivergenceException(
      int stepIndex, Kind kind, String what, String expected, String actual) {
    super(message(stepIndex, what, expected, actual));
    this.stepIndex = stepIndex;
    this.kind = Objects.requireNonNull(kind, "kind is required, but was null");
    this.expected = expected == null ? "" : expected;
    this.actual = actual == null ? "" : actual;
  }

  /** The index of the recorded step where the run diverged. */
  public int stepIndex() {
    return stepIndex;
  }

  /** What kind of difference it is. */
  public Kind kind() {
    return kind;
  }

  /** What the record holds at that point (shortened), or empty. */
  public String expected() {
    return expected;
  }

  /** What the run did instead (shortened), or empty. */
  public String actual() {
    return actual;
  }

  private static String message(int step, String what, String expected, String actual) {
    StringBuilder text = new StringBuilder("replay diverged at step ").append(step).append(": ");
    text.append(what);
    if (expected != null && !expected.isEmpty()) {
      text.append("; recorded: ").append(expected);
    }
    if (actual != null && !actual.isEmpty()) {
      text.append("; now: ").append(actual);
    }
    return text.toString();
  }
}
