package dev.researcher4j.core.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DraftTest {

  @Test
  void splitsTheAnswerLineFromTheReport() {
    Draft draft = Draft.parse("Answer: 1937 [S2]\n\n## Summary\nThe bridge opened in 1937 [S2].");

    assertThat(draft.answer()).isEqualTo("1937");
    assertThat(draft.answerLine()).isEqualTo("Answer: 1937 [S2]");
    assertThat(draft.body()).isEqualTo("## Summary\nThe bridge opened in 1937 [S2].");
    assertThat(draft.claims()).extracting(Draft.Claim::inBody).containsExactly(false, true);
  }

  @Test
  void readsTheAnswerLineInTheShapesModelsWriteIt() {
    assertThat(Draft.parse("**Answer:** 42\n\nText.").answer()).isEqualTo("42");
    assertThat(Draft.parse("**Answer**: 42\n\nText.").answer()).isEqualTo("42");
    assertThat(Draft.parse("## Final answer:\n\n42 meters\n\nText.").answer())
        .isEqualTo("42 meters");
    assertThat(Draft.parse("<think>Let me see: answer: 7</think>\nAnswer: 42").answer())
        .isEqualTo("42");
    assertThat(Draft.parse("The answer is 42 [S1].\n\nMore text.").answer())
        .isEqualTo("The answer is 42.");
  }

  @Test
  void dropsAReferenceListTheModelWroteItself() {
    Draft draft =
        Draft.parse(
            "Answer: x\n\nReport:\nX is true [S1].\n\n## References\n- [S1] https://example.org\n"
                + "- [S9] https://invented.example\n\n## Caveats\nNone.");

    assertThat(draft.body()).isEqualTo("X is true [S1].\n\n## Caveats\nNone.");
    assertThat(draft.claims()).extracting(Draft.Claim::text).containsExactly("X is true [S1].");
  }

  @Test
  void citationMarkersAfterTheFullStopBelongToTheirSentence() {
    assertThat(
            Draft.sentences(
                "It opened in 1937. [S3] It is red [S4]. Unsourced. Cost $3.5m [S5][S6]."))
        .containsExactly(
            "It opened in 1937. [S3]", "It is red [S4].", "Unsourced.", "Cost $3.5m [S5][S6].");
  }

  @Test
  void findsCitedIdsInEveryMarkerShape() {
    Draft draft = Draft.parse("Answer: x\n\nA [S1, S3]. B [s2; 4]. C ([S5]). D [S1][S7].");

    assertThat(draft.claims())
        .extracting(Draft.Claim::ids)
        .containsExactly(
            List.of("S1", "S3"), List.of("S2", "S4"), List.of("S5"), List.of("S1", "S7"));
  }

  @Test
  void findsCitedUrls() {
    Draft draft =
        Draft.parse(
            "Answer: x\n\nSee [the report](https://example.org/r.pdf). Also https://a.example/b.");

    assertThat(draft.claims())
        .extracting(Draft.Claim::urls)
        .containsExactly(List.of("https://example.org/r.pdf"), List.of("https://a.example/b"));
  }

  @Test
  void anAnswerOfFiveHundredCharactersIsKeptWholeAndALongerOneIsShortened() {
    String exact = "a".repeat(500);

    assertThat(Draft.parse("Answer: " + exact).answer()).isEqualTo(exact);
    assertThat(Draft.parse("Answer: " + exact + "b").answer()).isEqualTo(exact + "…");
  }

  @Test
  void aCitationRightAfterTheFullStopEndsTheSentence() {
    assertThat(Draft.sentences("It is red.[S4] It opened in 1937.[S3][S5] Done."))
        .containsExactly("It is red.[S4]", "It opened in 1937.[S3][S5]", "Done.");
  }

  @Test
  void aLineWithoutAFullStopIsStillASentence() {
    Draft draft = Draft.parse("Answer: x\n\nFirst. The bridge is red [S1]\n- Opened in 1937 [S2]");

    assertThat(draft.claims())
        .extracting(Draft.Claim::text)
        .containsExactly("The bridge is red [S1]", "- Opened in 1937 [S2]");
  }
}
