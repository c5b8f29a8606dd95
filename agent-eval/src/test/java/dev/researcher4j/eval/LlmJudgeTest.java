package dev.researcher4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.ResponseFormat;
import dev.researcher4j.api.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmJudgeTest {

  @TempDir Path dir;

  private static final EvalItem ITEM =
      EvalItem.of("hle-1", "Who wrote the Example Treatise?", "Ada Example")
          .withAnswerType(AnswerType.FREE_TEXT);
  private static final String RESPONSE =
      "Explanation: the preface is signed A. Example.\nAnswer: Ada Example\nConfidence: 85%";

  /** A judge replying with {@code replies} in turn, recording each request. */
  private static final class ScriptedJudge implements ChatModel {
    final List<ChatRequest> requests = new ArrayList<>();
    private final Iterator<String> replies;

    ScriptedJudge(String... replies) {
      this.replies = List.of(replies).iterator();
    }

    @Override
    public synchronized ChatResponse chat(ChatRequest request) {
      requests.add(request);
      return ChatResponse.of(Message.assistant(replies.next()));
    }
  }

  private static LlmJudge judge(ChatModel model) {
    return LlmJudge.builder(model).judgeModel("o3-mini-2025-01-31").build();
  }

  @Test
  void aYesVerdictIsCorrectWithTheExtractedAnswerReasoningAndConfidence() {
    ScriptedJudge model =
        new ScriptedJudge(
            "{\"extractedFinalAnswer\": \"Ada Example\", \"reasoning\": \"Same name as the"
                + " reference.\", \"correct\": \"yes\", \"confidence\": \"85\"}");

    Grade grade = judge(model).grade(ITEM, RESPONSE);

    assertThat(grade.label()).isEqualTo(Grade.Label.CORRECT);
    assertThat(grade.score()).isEqualTo(1.0);
    assertThat(grade.grader()).isEqualTo("llm-judge/1");
    assertThat(grade.judgeModel()).isEqualTo("o3-mini-2025-01-31");
    assertThat(grade.extractedAnswer()).isEqualTo("Ada Example");
    assertThat(grade.explanation()).isEqualTo("Same name as the reference.");
    assertThat(grade.confidence()).isEqualTo(0.85);

    ChatRequest sent = model.requests.get(0);
    assertThat(sent.messages()).extracting(Message::role).containsExactly(Role.SYSTEM, Role.USER);
    assertThat(sent.messages().get(1).content())
        .contains(
            "<question>\nWho wrote the Example Treatise?\n</question>",
            "<response>\n" + RESPONSE + "\n</response>",
            "<reference_answer>\nAda Example\n</reference_answer>",
            "\"correct\"",
            "do not try to solve it");
    assertThat(sent.responseFormat().type()).isEqualTo(ResponseFormat.Type.JSON_SCHEMA);
    assertThat(sent.responseFormat().schema().get("required").toString())
        .contains("extractedFinalAnswer", "reasoning", "correct", "confidence");
  }

  @Test
  void aNoVerdictIsIncorrectAndNoneMeansNoExtractedAnswer() {
    ScriptedJudge model =
        new ScriptedJudge(
            "Here is my verdict:\n```json\n{\"extracted_final_answer\": \"None\", \"reasoning\":"
                + " \"The response gives no name.\", \"correct\": \"no\", \"confidence\": 100}\n```");

    Grade grade = judge(model).grade(ITEM, "I could not find out.");

    assertThat(grade.label()).isEqualTo(Grade.Label.INCORRECT);
    assertThat(grade.extractedAnswer()).isEmpty();
    assertThat(grade.confidence()).isEqualTo(1.0);
  }

  @Test
  void verdictsWrittenAsLabelledLinesAreReadByTheirYesOrNo() {
    // HLE's and BrowseComp's template format; the word after "correct:" decides, not the match.
    String labelled =
        "extracted_final_answer: Ada Example\n\nreasoning: Identical.\n\ncorrect: yes\n\n"
            + "confidence: 90%";
    ScriptedJudge yes = new ScriptedJudge(labelled, labelled);
    String bold =
        "**extracted_final_answer**: Bob\n**reasoning**: Different person.\n**correct**: no\n"
            + "**confidence**: 40";
    ScriptedJudge no = new ScriptedJudge(bold, bold);

    Grade correct = judge(yes).grade(ITEM, RESPONSE);
    Grade incorrect = judge(no).grade(ITEM, "Bob");

    assertThat(correct.label()).isEqualTo(Grade.Label.CORRECT);
    assertThat(correct.extractedAnswer()).isEqualTo("Ada Example");
    assertThat(correct.explanation()).isEqualTo("Identical.");
    assertThat(correct.confidence()).isEqualTo(0.9);
    assertThat(incorrect.label()).isEqualTo(Grade.Label.INCORRECT);
    assertThat(incorrect.extractedAnswer()).isEqualTo("Bob");
  }

  @Test
  void anUnreadableReplyIsAskedAgainOnceThenReadable() {
    ScriptedJudge model =
        new ScriptedJudge(
            "Let me think about whether these match...",
            "{\"extractedFinalAnswer\": \"Ada Example\", \"reasoning\": \"ok\", \"correct\": true,"
                + " \"confidence\": 0.7}");

    Grade grade = judge(model).grade(ITEM, RESPONSE);

    assertThat(model.requests).hasSize(2);
    assertThat(model.requests.get(1).messages().get(3).content()).contains("could not be read");
    assertThat(grade.label()).isEqualTo(Grade.Label.CORRECT);
    assertThat(grade.confidence()).isEqualTo(0.7);
  }

  @Test
  void aReplyThatStaysUnreadableIsAGraderErrorNeverAPassOrFail() {
    ScriptedJudge model = new ScriptedJudge("The answer looks right to me.", "Yes, correct!");

    Grade grade = judge(model).grade(ITEM, RESPONSE);

    assertThat(model.requests).hasSize(2);
    assertThat(grade.label()).isEqualTo(Grade.Label.GRADER_ERROR);
    assertThat(grade.score()).isZero();
    assertThat(grade.judgeModel()).isEqualTo("o3-mini-2025-01-31");
    assertThat(grade.explanation()).startsWith("judge reply unreadable");
  }

  @Test
  void aVerdictThatIsNeitherYesNorNoIsAGraderError() {
    ScriptedJudge model =
        new ScriptedJudge(
            "{\"extractedFinalAnswer\": \"Ada\", \"reasoning\": \"close\", \"correct\": \"partially\","
                + " \"confidence\": \"50\"}");

    Grade grade = judge(model).grade(ITEM, RESPONSE);

    assertThat(grade.label()).isEqualTo(Grade.Label.GRADER_ERROR);
    assertThat(grade.explanation()).contains("correct=partially");
  }

  @Test
  void aVerdictWithoutItsCorrectFieldIsAGraderError() {
    ScriptedJudge model =
        new ScriptedJudge("{\"extractedFinalAnswer\": \"Ada\", \"reasoning\": \"fine\"}");

    assertThat(judge(model).grade(ITEM, RESPONSE).label()).isEqualTo(Grade.Label.GRADER_ERROR);
  }

  @Test
  void aJudgeThatIsDownIsAGraderErrorAndIsAskedAgainNextTime() {
    int[] calls = {0};
    ChatModel down =
        request -> {
          calls[0]++;
          throw new RateLimitException(
              "rate limited (429)",
              null,
              "judge",
              429,
              "rate_limit_exceeded",
              Duration.ofSeconds(30));
        };
    LlmJudge judge = judge(down);

    Grade first = judge.grade(ITEM, RESPONSE);
    Grade second = judge.grade(ITEM, RESPONSE);

    assertThat(first.label()).isEqualTo(Grade.Label.GRADER_ERROR);
    assertThat(first.explanation())
        .isEqualTo("judge failed: RateLimitException: rate limited (429)");
    assertThat(second.label()).isEqualTo(Grade.Label.GRADER_ERROR);
    assertThat(calls[0]).isEqualTo(2);
  }

  @Test
  void aBlankResponseIsNotAttemptedWithoutAskingTheJudge() {
    ScriptedJudge model = new ScriptedJudge();

    Grade grade = judge(model).grade(ITEM, " ");

    assertThat(grade.label()).isEqualTo(Grade.Label.NOT_ATTEMPTED);
    assertThat(grade.judgeModel()).isEqualTo("o3-mini-2025-01-31");
    assertThat(model.requests).isEmpty();
  }

  private static final String YES =
      "{\"extractedFinalAnswer\": \"x\", \"reasoning\": \"r\", \"correct\": \"yes\","
          + " \"confidence\": \"100\"}";

  @Test
  void judgementsAreCachedByItemAnswerAndJudge() {
    ScriptedJudge model = new ScriptedJudge(YES, YES, YES, YES);
    LlmJudge judge = judge(model);

    judge.grade(ITEM, RESPONSE);
    judge.grade(ITEM, RESPONSE);
    judge.grade(ITEM, "Answer: Ada Example");
    judge.grade(ITEM.withGrader("judge"), RESPONSE);
    judge.grade(EvalItem.of("hle-2", ITEM.question(), ITEM.answer()), RESPONSE);

    assertThat(model.requests).hasSize(3);
  }

  @Test
  void judgementsCachedOnDiskSurviveANewJudge() throws Exception {
    Path file = dir.resolve("judgements.jsonl");
    ScriptedJudge first = new ScriptedJudge(YES);
    judge(first).withCacheFile(file).grade(ITEM, RESPONSE);
    ScriptedJudge second = new ScriptedJudge(YES);
    ScriptedJudge otherModel = new ScriptedJudge(YES);

    Grade cached = judge(second).withCacheFile(file).grade(ITEM, RESPONSE);
    LlmJudge.builder(otherModel)
        .judgeModel("gpt-x")
        .build()
        .withCacheFile(file)
        .grade(ITEM, RESPONSE);

    assertThat(second.requests).isEmpty();
    assertThat(cached.label()).isEqualTo(Grade.Label.CORRECT);
    assertThat(cached.judgeModel()).isEqualTo("o3-mini-2025-01-31");
    assertThat(otherModel.requests).hasSize(1);
    assertThat(Files.readAllLines(file))
        .hasSize(2)
        .first()
        .asString()
        .contains("\"item_id\":\"hle-1\"", "\"answer_sha256\":", "\"raw\":");
  }

  @Test
  void aJudgeThatAnswersOnlyInItsReasoningChannelIsStillRead() {
    ChatModel thinking =
        request -> ChatResponse.of(new Message(Role.ASSISTANT, "", YES, List.of(), "", ""));

    assertThat(judge(thinking).grade(ITEM, RESPONSE).label()).isEqualTo(Grade.Label.CORRECT);
  }

  @Test
  void theSchemaFormatCanBeSwitchedOffForServersThatRejectIt() {
    ScriptedJudge model = new ScriptedJudge(YES);

    LlmJudge.builder(model).judgeModel("local").schemaFormat(false).build().grade(ITEM, RESPONSE);

    assertThat(model.requests.get(0).responseFormat()).isEqualTo(ResponseFormat.TEXT);
  }
}
