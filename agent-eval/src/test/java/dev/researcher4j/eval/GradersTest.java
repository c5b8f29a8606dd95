package dev.researcher4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.Grade;
import dev.researcher4j.eval.internal.GaiaScorer;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GradersTest {

  private static Grade exact(String reference, String response) {
    return Graders.exactMatch().grade(EvalItem.of("i", "Q?", reference), response);
  }

  // GAIA's three rules, case by case. Columns: model answer | reference | match?
  @ParameterizedTest(name = "[{index}] ''{0}'' vs ''{1}'' -> {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // Numbers: $ % , stripped from the answer, then compared as floats, exactly.
        "$1,000 | 1000 | true",
        "1000.0 | 1000 | true",
        "1e3 | 1000 | true",
        "17% | 17 | true",
        "` 42 ` | 42 | true",
        "+42 | 42 | true",
        "42. | 42 | true",
        "0.1 | .1 | true",
        "1_000 | 1000 | true",
        "3.14159 | 3.1416 | false",
        "forty-two | 42 | false",
        "42 apples | 42 | false",
        "0x2A | 42 | false",
        "42d | 42 | false",
        "-5 | -5 | true",
        "5 | -5 | false",
        // A reference with a thousands separator is not a float: GAIA splits it as a list.
        "1000 | 1,000 | false",
        "`1, 000` | 1,000 | true",
        // Lists: split on , and ; ; equal length; numbers as numbers, strings keep punctuation.
        "`apple, banana; cherry` | apple,banana,cherry | true",
        "`Apple , BANANA,cherry` | apple,banana,cherry | true",
        "`3, 4.0` | `3, 4` | true",
        "`$3, 4%` | `3, 4` | true",
        "`St. Louis, Paris` | `St Louis, Paris` | false",
        "`apple, banana` | apple,banana,cherry | false",
        "`banana, apple, cherry` | apple,banana,cherry | false",
        "`a,,b` | `a,,b` | true",
        // Strings: whitespace removed, lowercased, ASCII punctuation stripped.
        "The Beatles! | the beatles | true",
        "New York | newyork | true",
        "rock'n'roll | rock n roll | true",
        "`  Paris.  ` | Paris | true",
        "Paris | Paris, France | false",
        "the Beatles | Beatles | false",
        "`naïve café` | Naïve Café | true",
        "`“quoted”` | quoted | false",
        "Ünïcödé\u00A0space | ünïcödéspace | true",
      })
  void normalisedExactMatchFollowsGaiasScorer(String answer, String reference, boolean match) {
    assertThat(GaiaScorer.matches(answer, reference)).isEqualTo(match);
    assertThat(exact(reference, answer).label())
        .isEqualTo(match ? Grade.Label.CORRECT : Grade.Label.INCORRECT);
  }

  @Test
  void referencesOfInfinityAndNanNeverMatchAnUnreadableAnswer() {
    // GAIA maps an unreadable answer to infinity, so it "equals" a reference of inf; not here.
    assertThat(GaiaScorer.matches("no idea", "inf")).isFalse();
    assertThat(GaiaScorer.matches("inf", "inf")).isTrue();
    assertThat(GaiaScorer.matches("Infinity", "inf")).isTrue();
    assertThat(GaiaScorer.matches("nan", "nan")).isFalse();
    assertThat(GaiaScorer.matches(null, "None")).isTrue();
  }

  @Test
  void floatsAreParsedWithPythonsSyntaxNotJavas() {
    assertThat(GaiaScorer.pythonFloat(" 1e5 ")).isEqualTo(OptionalDouble.of(1e5));
    assertThat(GaiaScorer.pythonFloat("1_000.5")).isEqualTo(OptionalDouble.of(1000.5));
    assertThat(GaiaScorer.pythonFloat("-.5")).isEqualTo(OptionalDouble.of(-0.5));
    assertThat(GaiaScorer.pythonFloat("-Infinity"))
        .isEqualTo(OptionalDouble.of(Double.NEGATIVE_INFINITY));
    for (String notAFloat :
        new String[] {
          "", ".", "1e", "_1", "1__0", "1_", "0x10", "1d", "1f", "1.0L", "1 000", "١٢"
        }) {
      assertThat(GaiaScorer.pythonFloat(notAFloat)).as(notAFloat).isEmpty();
    }
  }

  @Test
  void exactMatchReadsTheFinalAnswerLineAndTheStatedConfidence() {
    Grade grade =
        exact(
            "egalitarian",
            "Explanation: the figure's axis is labelled egalitarian.\n"
                + "Answer: hierarchical\n"
                + "After checking again:\n"
                + "**FINAL ANSWER:** Egalitarian\n"
                + "Confidence: 85%");

    assertThat(grade.label()).isEqualTo(Grade.Label.CORRECT);
    assertThat(grade.extractedAnswer()).isEqualTo("Egalitarian");
    assertThat(grade.confidence()).isEqualTo(0.85);
    assertThat(grade.grader()).isEqualTo("exact-match/1");
    assertThat(grade.judgeModel()).isEmpty();
    assertThat(exact("x", "x").confidence()).isNaN();
    assertThat(exact("x", "Answer: x\nConfidence: 0.4").confidence()).isEqualTo(0.4);
  }

  @Test
  void aBlankResponseIsNotAttempted() {
    Grade grade = exact("Paris", "  \n");

    assertThat(grade.label()).isEqualTo(Grade.Label.NOT_ATTEMPTED);
    assertThat(grade.score()).isZero();
  }

  private static Grade numeric(String reference, String response) {
    return Graders.numeric().grade(EvalItem.of("i", "Q?", reference), response);
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' vs ''{1}'' -> {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "1234567 | 1,234,567 people | true",
        "3500000 | $3.5 million | true",
        "-40 | \u221240 °C | true",
        "300000000 | 3 × 10^8 m/s | true",
        "299792458 | 2.99792458e8 | true",
        "12.0001 | about 12 | true",
        "12 | 13 | false",
        "45% | 45 percent | true",
        "0.5 | 1/2 | false",
        "`1,5` | 1 | true",
        "7 | Answer: 7 km\\nConfidence: 60% | true",
      })
  void numbersMatchWithinToleranceWhateverTheyAreDressedIn(
      String reference, String response, boolean match) {
    assertThat(numeric(reference, response.replace("\\n", "\n")).label())
        .isEqualTo(match ? Grade.Label.CORRECT : Grade.Label.INCORRECT);
  }

  @Test
  void numericToleranceIsRelativeOrAbsoluteWhicheverIsLarger() {
    Grader loose = Graders.numeric(0.05, 0.5);
    EvalItem hundred = EvalItem.of("i", "Q?", "100");
    EvalItem zero = EvalItem.of("i", "Q?", "0");

    assertThat(loose.grade(hundred, "104.9").label()).isEqualTo(Grade.Label.CORRECT);
    assertThat(loose.grade(hundred, "105.1").label()).isEqualTo(Grade.Label.INCORRECT);
    assertThat(loose.grade(zero, "0.4").label()).isEqualTo(Grade.Label.CORRECT);
    assertThat(loose.grade(zero, "0.6").explanation())
        .isEqualTo("0.6 differs from 0 (tolerance 0.5)");
    assertThatThrownBy(() -> Graders.numeric(-1, 0))
        .hasMessage("relative tolerance must be >= 0, but was -1.0");
  }

  @Test
  void numericGraderSaysWhenThereIsNoNumberToCompare() {
    assertThat(numeric("12", "I could not find it").label()).isEqualTo(Grade.Label.INCORRECT);
    assertThat(numeric("12", "I could not find it").explanation())
        .isEqualTo("no number in the answer");
    assertThat(numeric("12", "").label()).isEqualTo(Grade.Label.NOT_ATTEMPTED);
    Grade broken = numeric("unknown", "12");
    assertThat(broken.label()).isEqualTo(Grade.Label.GRADER_ERROR);
    assertThat(broken.explanation()).contains("reference answer has no number");
  }

  private static Grade choice(String reference, String response) {
    return Graders.multipleChoice().grade(EvalItem.of("i", "Q?", reference), response);
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "Answer: C | C",
        "answer: c | C",
        "The answer is (B). | B",
        "I think the correct option is D because... | D",
        "**Answer:** (A) | A",
        "Explanation: it touches two points.\\nAnswer: B\\nConfidence: 80% | B",
        "The answer is a bit subtle. Answer: E | E",
        "C | C",
        "(d) | D",
        "B. | B",
        "C. Three liberties | C",
        "(A) two liberties | A",
        "It must be **B** here | B",
        "Between (A) and (C) I pick (C) | ",
        "I would say Paris | ",
      })
  void readsTheChosenOptionLetter(String response, String letter) {
    Grade grade = choice("C", response.replace("\\n", "\n"));
    if (letter == null) {
      assertThat(grade.label()).isEqualTo(Grade.Label.INCORRECT);
      assertThat(grade.explanation()).isEqualTo("no option letter found in the answer");
    } else {
      assertThat(grade.extractedAnswer()).isEqualTo(letter);
      assertThat(grade.label())
          .isEqualTo(letter.equals("C") ? Grade.Label.CORRECT : Grade.Label.INCORRECT);
    }
  }

  @Test
  void multipleChoiceReadsReferenceLettersInTheirUsualShapesAndRejectsOthers() {
    assertThat(choice("(c)", "Answer: C").label()).isEqualTo(Grade.Label.CORRECT);
    assertThat(choice("C) Three", "C").label()).isEqualTo(Grade.Label.CORRECT);
    assertThat(choice("B", "Answer: B\nConfidence: 70%").confidence()).isEqualTo(0.7);
    Grade broken = choice("Paris", "Answer: C");
    assertThat(broken.label()).isEqualTo(Grade.Label.GRADER_ERROR);
    assertThat(broken.explanation()).contains("not an option letter");
    assertThat(choice("C", "").label()).isEqualTo(Grade.Label.NOT_ATTEMPTED);
  }
}
