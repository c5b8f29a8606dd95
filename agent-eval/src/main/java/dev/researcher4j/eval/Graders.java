package dev.researcher4j.eval;

import dev.researcher4j.eval.internal.ExactMatchGrader;
import dev.researcher4j.eval.internal.MultipleChoiceGrader;
import dev.researcher4j.eval.internal.NumericGrader;

/**
 * The rule-based graders, and the names items use to ask for a grader.
 *
 * <p>Each reads the response's final answer first: the text after the last {@code FINAL ANSWER:},
 * {@code Exact Answer:} or {@code Answer:} line label when there is one, else the whole response.
 * Each also reads a stated confidence ({@code Confidence: 80%}) into the grade, for calibration.
 */
public final class Graders {
  private Graders() {}

  /** The name of the normalised exact-match grader, the default for {@link AnswerType#EXACT}. */
  public static final String EXACT = "exact";

  /** The name of the numeric grader, the default for {@link AnswerType#NUMERIC}. */
  public static final String NUMERIC = "numeric";

  /** The name of the multiple-choice grader, the default for {@link AnswerType#MULTIPLE_CHOICE}. */
  public static final String MULTIPLE_CHOICE = "multiple_choice";

  /** The name of the LLM judge, when an evaluation has one. */
  public static final String JUDGE = "judge";

  /** Default relative tolerance of {@link #numeric()}: 0.01%. */
  public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-4;

  /** Default absolute tolerance of {@link #numeric()}. */
  public static final double DEFAULT_ABSOLUTE_TOLERANCE = 1e-9;

  private static final Grader EXACT_MATCH = new ExactMatchGrader();
  private static final Grader MC = new MultipleChoiceGrader();
  private static final Grader NUMERIC_DEFAULT =
      new NumericGrader(DEFAULT_RELATIVE_TOLERANCE, DEFAULT_ABSOLUTE_TOLERANCE);

  /**
   * Normalised exact match exactly as GAIA's scorer ({@code exact-match/1}): a numeric reference is
   * compared as a float after {@code $ % ,} are stripped from the answer; a reference containing
   * {@code ,} or {@code ;} is compared as a list, element by element; anything else as a string
   * with whitespace removed, lowercased and ASCII punctuation stripped. No numeric tolerance.
   */
  public static Grader exactMatch() {
    return EXACT_MATCH;
  }

  /**
   * Numbers within {@link #DEFAULT_RELATIVE_TOLERANCE} relative or {@link
   * #DEFAULT_ABSOLUTE_TOLERANCE} absolute difference ({@code numeric/1}); units, currency, percent
   * signs, thousands separators and scale words ({@code million}) are stripped.
   */
  public static Grader numeric() {
    return NUMERIC_DEFAULT;
  }

  /**
   * Numbers equal when {@code |answer − reference| <= max(absolute, relative × |reference|)}.
   *
   * @throws IllegalArgumentException if a tolerance is negative or NaN
   */
  public static Grader numeric(double relative, double absolute) {
    return new NumericGrader(relative, absolute);
  }

  /**
   * The chosen option letter against the reference letter ({@code multiple-choice/1}): reads
   * "Answer: C", "the answer is (C)", "**C**", "C. …" and a bare "C".
   */
  public static Grader multipleChoice() {
    return MC;
  }
}
