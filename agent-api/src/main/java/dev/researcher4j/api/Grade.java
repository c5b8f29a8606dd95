package dev.researcher4j.api;

import java.util.Objects;

/**
 * A grader's verdict on a run's answer.
 *
 * @param grader the grader's id and version (e.g. {@code exact-match/1}, {@code llm-judge/1})
 * @param judgeModel the judge model for LLM graders, or empty
 * @param label the verdict
 * @param score the score in [0, 1] (1 for correct, 0 for incorrect, partial in between)
 * @param extractedAnswer the final answer as the grader read it, or empty
 * @param explanation why, or empty
 * @param confidence the answer's stated confidence in [0, 1], or {@code NaN} when none
 */
public record Grade(
    String grader,
    String judgeModel,
    Label label,
    double score,
    String extractedAnswer,
    String explanation,
    double confidence) {

  /** A grade's verdict. */
  public enum Label {
    /** The answer matches the reference. */
    CORRECT,
    /** The answer does not match. */
    INCORRECT,
    /** There was no answer to grade. */
    NOT_ATTEMPTED,
    /**
     * The grader could not decide (a judge was down or its reply unreadable): neither pass nor
     * fail.
     */
    GRADER_ERROR
  }

  /** Checks the fields. */
  public Grade {
    grader = Checks.required(grader, "grader");
    judgeModel = Checks.text(judgeModel);
    Objects.requireNonNull(label, "label is required, but was null");
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be in [0, 1], but was " + score);
    }
    extractedAnswer = Checks.text(extractedAnswer);
    explanation = Checks.text(explanation);
    if (!Double.isNaN(confidence) && !(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException(
          "confidence must be in [0, 1] or NaN, but was " + confidence);
    }
  }

  /** Whether the verdict is {@link Label#CORRECT}. */
  public boolean isCorrect() {
    return label == Label.CORRECT;
  }
}
