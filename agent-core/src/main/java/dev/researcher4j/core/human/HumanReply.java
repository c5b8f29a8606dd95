package dev.researcher4j.core.human;

import java.util.Objects;

/**
 * The person's reply to a {@link HumanQuestion}: an answer, or a refusal to answer.
 *
 * @param answered whether the person answered
 * @param text the answer, or the reason given for not answering (possibly empty)
 */
public record HumanReply(boolean answered, String text) {

  /** Checks the fields. */
  public HumanReply {
    Objects.requireNonNull(text, "text is required, but was null");
    if (answered && text.isBlank()) {
      throw new IllegalArgumentException("an answer must not be blank; use declined(reason)");
    }
  }

  /** The person answered {@code text}. */
  public static HumanReply answer(String text) {
    return new HumanReply(true, text);
  }

  /** The person would not answer, for {@code reason} (may be empty). */
  public static HumanReply declined(String reason) {
    return new HumanReply(false, reason == null ? "" : reason);
  }
}
