package dev.researcher4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.ConfigurationException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {

  @TempDir Path dir;

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(DatasetTest.class.getResource("/eval/" + name).toURI());
  }

  @Test
  void readsHleItemsAndSkipsTheOnesThatNeedAnImage() throws Exception {
    Dataset hle = Dataset.load(fixture("hle.jsonl"));

    assertThat(hle.name()).isEqualTo("hle");
    assertThat(hle.items())
        .extracting(EvalItem::id)
        .containsExactly("6687ffb1091058ff19128813", "66e8f3a3d5bb1a6f1e0c0a11");
    EvalItem choice = hle.items().get(0);
    assertThat(choice.answer()).isEqualTo("B");
    assertThat(choice.answerType()).isEqualTo(AnswerType.MULTIPLE_CHOICE);
    assertThat(choice.question()).contains("Answer Choices:");
    assertThat(choice.metadata())
        .containsEntry("raw_subject", "Games")
        .containsEntry("rationale", "A corner stone touches two points.")
        .doesNotContainKeys("image", "image_preview", "answer", "question", "id");
    assertThat(hle.items().get(1).answerType()).isEqualTo(AnswerType.EXACT);
    assertThat(hle.skipped())
        .containsExactly(
            new SkippedItem(
                3, "66f00000aaaaaaaaaaaaaaaa", "needs an image (the agent reads text only)"));
    assertThat(hle.skippedByReason())
        .containsExactly(Map.entry("needs an image (the agent reads text only)", 1));
    assertThat(hle.problems()).isEmpty();
  }

  @Test
  void readsSimpleQaWithStableGeneratedIdsAndKeepsItsMetadata() throws Exception {
    Dataset simpleQa = Dataset.load(fixture("simpleqa.jsonl"));

    assertThat(simpleQa.items()).hasSize(2);
    EvalItem first = simpleQa.items().get(0);
    assertThat(first.question()).startsWith("Who received the Example Prize");
    assertThat(first.answer()).isEqualTo("Ada Example");
    assertThat(first.id()).matches("q-[0-9a-f]{12}");
    assertThat(Dataset.load(fixture("simpleqa.jsonl")).items().get(0).id()).isEqualTo(first.id());
    // SimpleQA's answer_type says what the answer is about, not how to grade it: kept as metadata.
    assertThat(first.answerType()).isEqualTo(AnswerType.UNSPECIFIED);
    assertThat(first.metadata())
        .containsEntry("topic", "Science and technology")
        .containsEntry("answer_type", "Person")
        .containsEntry(
            "urls", "https://en.wikipedia.org/wiki/Example_prize, https://example.org/laureates");
    assertThat(simpleQa.items().get(1).metadata()).containsKey("metadata");
  }

  @Test
  void readsFramesWithItsIndexColumnAsIdAndNumericAnswersAsText() throws Exception {
    Dataset frames = Dataset.load(fixture("frames.jsonl"));

    assertThat(frames.items()).extracting(EvalItem::id).containsExactly("0", "1");
    assertThat(frames.items().get(0).answer()).isEqualTo("Jane Ballou");
    assertThat(frames.items().get(1).answer()).isEqualTo("37");
    assertThat(frames.items().get(0).metadata())
        .containsEntry("reasoning_types", "Multiple constraints")
        .containsKey("wikipedia_link_2")
        .doesNotContainKeys("wikipedia_link_11+", "Unnamed: 0", "Prompt", "Answer");
  }

  @Test
  void readsGaiaAndSkipsItemsNeedingAFileOrWithoutAnAnswer() throws Exception {
    Dataset gaia = Dataset.load(fixture("gaia.jsonl"));

    assertThat(gaia.items()).hasSize(1);
    EvalItem item = gaia.items().get(0);
    assertThat(item.id()).isEqualTo("c61d22de-5f6c-4958-a7f6-5e9707bd3466");
    assertThat(item.answer()).isEqualTo("egalitarian");
    assertThat(item.metadata()).containsEntry("Level", "2").containsKey("Annotator Metadata");
    assertThat(gaia.skipped())
        .extracting(SkippedItem::line, SkippedItem::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, "needs an attached file (file_name is set)"),
            org.assertj.core.groups.Tuple.tuple(3, "reference answer is a placeholder (?)"));
  }

  @Test
  void readsBrowseCompProblems() throws Exception {
    Dataset browseComp = Dataset.load(fixture("browsecomp.jsonl"));

    assertThat(browseComp.items()).hasSize(1);
    assertThat(browseComp.items().get(0).answer())
        .isEqualTo("The Fundamentals of Bread Making: The Science of Bread");
    assertThat(browseComp.items().get(0).metadata()).containsEntry("problem_topic", "Art");
  }

  @Test
  void reportsMalformedLinesWithTheirNumbersAndKeepsTheRest() throws Exception {
    Dataset mixed = Dataset.load(fixture("mixed.jsonl"));

    assertThat(mixed.items())
        .extracting(EvalItem::id)
        .containsExactly("g1", mixed.items().get(1).id(), "g6");
    EvalItem generic = mixed.items().get(1);
    assertThat(generic.question()).isEqualTo("What is 2 + 2?");
    assertThat(generic.answer()).isEqualTo("4");
    assertThat(generic.answerType()).isEqualTo(AnswerType.NUMERIC);
    EvalItem g1 = mixed.items().get(0);
    assertThat(g1.grader()).isEqualTo("exact");
    assertThat(g1.metadata()).containsEntry("source", "unit");
    EvalItem g6 = mixed.items().get(2);
    assertThat(g6.answer()).isEqualTo("red, green, blue");
    assertThat(g6.metadata())
        .containsEntry("answer_type", "Person")
        .containsEntry("difficulty", "3")
        .containsEntry("tags", "{\"a\":1}");

    assertThat(mixed.problems()).extracting(DatasetProblem::line).containsExactly(4, 5, 6, 10);
    assertThat(mixed.problems().get(0).message()).startsWith("not valid JSON");
    assertThat(mixed.problems().get(1).message()).isEqualTo("not a JSON object");
    assertThat(mixed.problems().get(2).message()).startsWith("no question");
    assertThat(mixed.problems().get(2).excerpt()).contains("no question here");
    assertThat(mixed.skipped())
        .extracting(SkippedItem::line, SkippedItem::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(7, "duplicate id (first seen on line 1)"),
            org.assertj.core.groups.Tuple.tuple(8, "no reference answer"));
  }

  @Test
  void strictLoadingFailsOnTheFirstMalformedLine() throws Exception {
    Path mixed = fixture("mixed.jsonl");

    assertThatThrownBy(() -> Dataset.loadStrict(mixed))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("mixed.jsonl")
        .hasMessageContaining("line 4: not valid JSON");
  }

  @Test
  void writtenDatasetsReadBackUnchanged() {
    Dataset original =
        Dataset.of(
            "mine",
            List.of(
                new EvalItem(
                    "a/1",
                    "Line one\nline two \"quoted\"",
                    "0.10",
                    AnswerType.NUMERIC,
                    "numeric",
                    Map.of("level", "3", "note", "ü")),
                EvalItem.of("b", "Q?", "Paris")));
    Path file = dir.resolve("mine.jsonl");

    original.write(file);
    Dataset read = Dataset.loadStrict(file);

    assertThat(read.items()).isEqualTo(original.items());
    assertThat(read.name()).isEqualTo("mine");
  }

  @Test
  void answerTypesAcceptTheSpellingsOfPublicBenchmarks() {
    assertThat(AnswerType.fromName("exactMatch")).contains(AnswerType.EXACT);
    assertThat(AnswerType.fromName("multipleChoice")).contains(AnswerType.MULTIPLE_CHOICE);
    assertThat(AnswerType.fromName("multiple_choice")).contains(AnswerType.MULTIPLE_CHOICE);
    assertThat(AnswerType.fromName("Free-Text")).contains(AnswerType.FREE_TEXT);
    assertThat(AnswerType.fromName("number")).contains(AnswerType.NUMERIC);
    assertThat(AnswerType.fromName("Person")).isEmpty();
  }

  @Test
  void itemsRejectMissingFieldsAndDatasetsRejectRepeatedIds() {
    assertThatThrownBy(() -> EvalItem.of(" ", "Q?", "A"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("id is required, but was blank");
    assertThatThrownBy(() -> EvalItem.of("a", null, "A"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("question is required, but was null");
    assertThatThrownBy(
            () -> Dataset.of("d", List.of(EvalItem.of("a", "Q", "A"), EvalItem.of("a", "Q", "B"))))
        .hasMessageContaining("a repeats");
  }
}
