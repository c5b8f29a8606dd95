package dev.researcher4j.eval.internal;

import dev.researcher4j.api.Grade;
import dev.researcher4j.eval.EvalItem;
import dev.researcher4j.eval.Grader;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Numbers equal within a tolerance: {@code |answer − reference| <= max(absolute, relative ×
 * |reference|)}, after units, separators and signs are stripped ({@link NumberText}). Immutable and
 * thread-safe.
 */
public final class NumericGrader implements Grader {

  /** This grader's id and version. */
  public static final String ID = "numeric/1";

  private final double relative;
  private final double absolute;

  /** A grader with these tolerances (both at least 0). */
  public NumericGrader(double relative, double absolute) {
    if (!(relative >= 0)) {
      throw new IllegalArgumentException("relative tolerance must be >= 0, but was " + relative);
    }
    if (!(absolute >= 0)) {
      throw new IllegalArgumentException("absolute tolerance must be >= 0, but was " + absolute);
    }
    this.relative = relative;
    this.absolute = absolute;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Grade grade(EvalItem item, String response) {
    OptionalDouble reference = NumberText.firstNumber(item.answer());
    if (reference.isEmpty()) {
      return Grades.error(ID, "", "the reference answer has no number: " + item.answer());
    }
    if (response == null || response.isBlank()) {
      return Grades.notAttempted(ID, "");
    }
    String answer = AnswerText.finalAnswer(response);
    double confidence = AnswerText.confidence(response);
    OptionalDouble value = NumberText.firstNumber(answer);
    if (value.isEmpty()) {
      return Grades.decided(ID, "", false, answer, "no number in the answer", confidence);
    }
    double expected = reference.getAsDouble();
    double got = value.getAsDouble();
    double allowed = Math.max(absolute, relative * Math.abs(expected));
    boolean correct = Math.abs(got - expected) <= allowed;
    String explanation =
        String.format(
            Locale.ROOT,
            "%s %s %s (tolerance %s)",
            plain(got),
            correct ? "is within tolerance of" : "differs from",
            plain(expected),
            plain(allowed));
    return Grades.decided(ID, "", correct, answer, explanation, confidence);
  }

  private static String plain(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  @Override
  public String toString() {
    return ID + "{relative=" + relative + ", absolute=" + absolute + "}";
  }
}
