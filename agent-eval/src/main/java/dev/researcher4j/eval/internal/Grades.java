package dev.researcher4j.eval.internal;

import dev.researcher4j.api.Grade;

/** Builds grades of the common shapes. */
public final class Grades {
  private Grades() {}

  /** A correct or incorrect verdict. */
  public static Grade decided(
      String grader,
      String judgeModel,
      boolean correct,
      String extracted,
      String explanation,
      double confidence) {
    return new Grade(
        grader,
        judgeModel,
        correct ? Grade.Label.CORRECT : Grade.Label.INCORRECT,
        correct ? 1 : 0,
        extracted,
        explanation,
        confidence);
  }

  /** No answer to grade. */
  public static Grade notAttempted(String grader, String judgeModel) {
    return new Grade(grader, judgeModel, Grade.Label.NOT_ATTEMPTED, 0, "", "no answer", Double.NaN);
  }

  /** The grader could not decide. */
  public static Grade error(String grader, String judgeModel, String why) {
    return new Grade(grader, judgeModel, Grade.Label.GRADER_ERROR, 0, "", why, Double.NaN);
  }
}
