package dev.researcher4j.tools.web.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtractionScorerTest {

  private static final double EPS = 1e-9;

  @Test
  void identicalTextsScoreOne() {
    ExtractionScorer.DocumentScore d =
        ExtractionScorer.scoreDocument(
            "a", "the moss grows fast in cities", "the moss grows fast in cities");

    assertThat(d.precision()).isEqualTo(1.0);
    assertThat(d.recall()).isEqualTo(1.0);
  }

  @Test
  void countsFourTokenShingles() {
    // truth: a b c d e f -> shingles abcd bcde cdef (3)
    // prediction: a b c d e x y -> abcd bcde cdex dexy (4); common: abcd, bcde (2)
    ExtractionScorer.DocumentScore d =
        ExtractionScorer.scoreDocument("x", "a b c d e x y", "a b c d e f");

    assertThat(d.precision()).isCloseTo(2.0 / 4, within(EPS));
    assertThat(d.recall()).isCloseTo(2.0 / 3, within(EPS));
  }

  @Test
  void tokensAreWordCharactersSoPunctuationAndSpacingDoNotMatter() {
    ExtractionScorer.DocumentScore d =
        ExtractionScorer.scoreDocument(
            "x", "Moss, grows -- fast!\n\nin cities.", "Moss grows fast in cities");

    assertThat(d.precision()).isEqualTo(1.0);
    assertThat(d.recall()).isEqualTo(1.0);
  }

  @Test
  void repeatedShinglesCountOnlyAsOftenAsTheyOccurInTheTruth() {
    // prediction repeats the truth: 2 x (w x y z) shingles... truth "w x y z" has 1 shingle
    ExtractionScorer.DocumentScore d =
        ExtractionScorer.scoreDocument("x", "w x y z w x y z", "w x y z");

    // prediction shingles: wxyz, xyzw, yzwx, zwxy, wxyz -> 5, one matches once
    assertThat(d.precision()).isCloseTo(1.0 / 5, within(EPS));
    assertThat(d.recall()).isEqualTo(1.0);
  }

  @Test
  void shortTextsAreOneShingle() {
    assertThat(ExtractionScorer.scoreDocument("x", "two words", "two words").precision())
        .isEqualTo(1.0);
    assertThat(ExtractionScorer.scoreDocument("x", "two words", "other words").recall())
        .isEqualTo(0.0);
  }

  @Test
  void averagesPerDocumentThenTakesTheF1OfTheMeans() {
    Map<String, String> truth = new LinkedHashMap<>();
    Map<String, String> predicted = new LinkedHashMap<>();
    truth.put("perfect", "a b c d e f");
    predicted.put("perfect", "a b c d e f"); // P 1, R 1
    truth.put("half", "a b c d e f");
    predicted.put("half", "a b c d e x y"); // P 1/2, R 2/3
    truth.put("extra", "a b c d");
    predicted.put("extra", "a b c d q r s t"); // shingles abcd bcdq cdqr dqrs qrst: P 1/5, R 1

    ExtractionScorer.Score score = ExtractionScorer.score(predicted, truth);

    double p = (1 + 0.5 + 0.2) / 3;
    double r = (1 + 2.0 / 3 + 1) / 3;
    assertThat(score.precision()).isCloseTo(p, within(EPS));
    assertThat(score.recall()).isCloseTo(r, within(EPS));
    assertThat(score.f1()).isCloseTo(2 * p * r / (p + r), within(EPS));
    assertThat(score.f1()).as("17/30 and 8/9").isCloseTo(272.0 / 393, within(1e-12));
  }

  @Test
  void leavesEmptyPredictionsOutOfPrecisionAndEmptyTruthsOutOfRecall() {
    Map<String, String> truth = Map.of("missed", "a b c d", "empty", "", "both-empty", "");
    Map<String, String> predicted = Map.of("empty", "x y z w", "both-empty", "");

    ExtractionScorer.Score score = ExtractionScorer.score(predicted, truth);

    // missed: P undefined, R 0; empty: P 0, R undefined; both-empty: P 1, R 1
    assertThat(score.precision()).isCloseTo(0.5, within(EPS));
    assertThat(score.recall()).isCloseTo(0.5, within(EPS));
    assertThat(score.f1()).isCloseTo(0.5, within(EPS));
  }

  @Test
  void handlesNonLatinScriptsAsWordCharacters() {
    ExtractionScorer.DocumentScore d =
        ExtractionScorer.scoreDocument(
            "x", "Мох растёт быстрее в городах", "Мох растёт быстрее в городах");

    assertThat(d.precision()).isEqualTo(1.0);
    assertThat(ExtractionScorer.shingles("Мох растёт быстрее в городах")).hasSize(2);
  }
}
