package dev.researcher4j.temporal;

import java.util.Objects;

/**
 * A person's reply to a question a run asked, sent to the run with {@link TemporalResearch#answer}.
 *
 * @param toolCallId the {@code ask_user} call that asked (see {@link RunProgress#questions()})
 * @param text the answer, or why the person declines
 * @param declined whether the person declines to answer
 */
public record HumanAnswer(String toolCallId, String text, boolean declined) {

  /** Checks the fields. */
  public HumanAnswer {
    Objects.requireNonNull(toolCallId, "toolCallId is required, but was null");
    text = text == null ? "" : text;
  }

  /** An answer. */
  public static HumanAnswer of(String toolCallId, String text) {
    return new HumanAnswer(toolCallId, text, false);
  }
}
