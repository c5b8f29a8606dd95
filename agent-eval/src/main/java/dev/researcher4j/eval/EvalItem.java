package dev.researcher4j.eval;

import java.util.Map;
import java.util.Objects;

/**
 * One question of a {@link Dataset}, with its reference answer.
 *
 * @param id the item's id, unique in its dataset; the {@code groupId} of its attempts
 * @param question what the agent is asked
 * @param answer the reference answer
 * @param answerType how the answer is compared; picks the default grader
 * @param grader the name of the grader for this item (e.g. {@code judge}), or empty for the one its
 *     answer type maps to
 * @param metadata further fields of the dataset line (level, topic, provenance, …); values that
 *     were not strings are kept as JSON text. Never shown to the agent.
 */
public record EvalItem(
    String id,
    String question,
    String answer,
    AnswerType answerType,
    String grader,
    Map<String, String> metadata) {

  /** Checks the fields and copies the metadata. */
  public EvalItem {
    id = required(id, "id");
    question = required(question, "question");
    answer = Objects.requireNonNull(answer, "answer is required, but was null");
    answerType = answerType == null ? AnswerType.UNSPECIFIED : answerType;
    grader = grader == null ? "" : grader.strip();
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** An item with no answer type, grader or metadata. */
  public static EvalItem of(String id, String question, String answer) {
    return new EvalItem(id, question, answer, AnswerType.UNSPECIFIED, "", Map.of());
  }

  /** A copy with another answer type. */
  public EvalItem withAnswerType(AnswerType type) {
    return new EvalItem(id, question, answer, type, grader, metadata);
  }

  /** A copy with another grader name. */
  public EvalItem withGrader(String name) {
    return new EvalItem(id, question, answer, answerType, name, metadata);
  }

  private static String required(String value, String name) {
    Objects.requireNonNull(value, () -> name + " is required, but was null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is required, but was blank");
    }
    return value;
  }
}
