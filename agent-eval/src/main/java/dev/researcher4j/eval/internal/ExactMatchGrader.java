package dev.researcher4j.eval.internal;

import dev.researcher4j.api.Grade;
import dev.researcher4j.eval.EvalItem;
import dev.researcher4j.eval.Grader;

/** GAIA's quasi-exact match on the response's final answer. Stateless and thread-safe. */
public final class ExactMatchGrader implements Grader {

  /** This grader's id and version. */
  public static final String ID = "exact-match/1";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Grade grade(EvalItem item, String response) {
    if (response == null || response.isBlank()) {
      return Grades.notAttempted(ID, "");
    }
    String answer = AnswerText.finalAnswer(response);
    boolean correct = GaiaScorer.matches(answer, item.answer());
    return Grades.decided(
        ID,
        "",
        correct,
        answer,
        correct ? "matches the reference" : "does not match the reference " + item.answer(),
        AnswerText.confidence(response));
  }

  @Override
  public String toString() {
    return ID;
  }
}
