package dev.researcher4j.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.Role;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.eval.AttemptResult;
import dev.researcher4j.eval.Dataset;
import dev.researcher4j.eval.EvalResults;
import dev.researcher4j.eval.EvalSummary;
import dev.researcher4j.eval.Evaluation;
import dev.researcher4j.testing.ScriptedChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalWorkflowTest {

  @TempDir Path dir;

  /** Answers "4" to q1, "Paris" to q2, and wrongly "Rome" to q3. */
  static ScriptedChatModel answering() {
    return ScriptedChatModel.answering(
        request -> {
          String question = firstUser(request);
          String answer =
              question.contains("2+2") ? "4" : question.contains("France") ? "Paris" : "Rome";
          return ScriptedChatModel.text("Answer: " + answer + "\n\nIt is " + answer + ".");
        });
  }

  static String firstUser(ChatRequest request) {
    return request.messages().stream()
        .filter(m -> m.role() == Role.USER)
        .map(Message::content)
        .findFirst()
        .orElse("");
  }

  static ResearchAgent agent(ScriptedChatModel model) {
    return ResearchAgent.builder()
        .chatModel(model)
        .planning(false)
        .verification(VerificationPolicy.disabled())
        .build();
  }

  Path dataset() throws Exception {
    return datasetIn(dir);
  }

  /** Three items: q1 and q2 the model gets right, q3 wrong. */
  Path datasetIn(Path dir) throws Exception {
    Path file = dir.resolve("three.jsonl");
    Files.write(
        file,
        List.of(
            "{\"id\":\"q1\",\"question\":\"What is 2+2?\",\"answer\":\"4\",\"answer_type\":\"exact\"}",
            "{\"id\":\"q2\",\"question\":\"Capital of France?\",\"answer\":\"Paris\",\"answer_type\":\"exact\"}",
            "{\"id\":\"q3\",\"question\":\"Capital of Spain?\",\"answer\":\"Madrid\",\"answer_type\":\"exact\"}"));
    return file;
  }

  @Test
  void anEvaluationOnTemporalRecordsWhatALocalEvaluationRecords() throws Exception {
    Path data = dataset();
    EvalSummary local =
        Evaluation.builder()
            .agent(agent(answering()))
            .dataset(Dataset.load(data))
            .attempts(2)
            .outputDir(dir.resolve("local"))
            .build()
            .run();
    ScriptedChatModel model = answering();
    try (TemporalFixture temporal = new TemporalFixture(agent(model), dir)) {
      String out = dir.resolve("temporal").toString();
      String evalId = temporal.research.evaluate(EvalInput.of(data.toString(), 2, 2, out));
      EvalSummary summary = temporal.research.evaluation(evalId);

      assertThat(summary.attemptsRecorded()).isEqualTo(6).isEqualTo(local.attemptsRecorded());
      assertThat(summary.count(Grade.Label.CORRECT)).isEqualTo(4);
      assertThat(summary.passAt1()).isEqualTo(local.passAt1());
      assertThat(summary.passAtK()).isEqualTo(local.passAtK());
      assertThat(summary.perItem()).isEqualTo(local.perItem());
      assertThat(model.callCount()).isEqualTo(6);
      List<AttemptResult> results = EvalResults.read(Path.of(out)).attempts();
      assertThat(results)
          .extracting(r -> r.itemId() + "#" + r.attempt() + ":" + r.label())
          .containsExactlyInAnyOrder(
              "q1#1:CORRECT",
              "q1#2:CORRECT",
              "q2#1:CORRECT",
              "q2#2:CORRECT",
              "q3#1:INCORRECT",
              "q3#2:INCORRECT");
      assertThat(results)
          .allSatisfy(r -> assertThat(Path.of(out).resolve(r.trajectory())).exists());
      assertThat(Path.of(out).resolve(Evaluation.SUMMARY_JSON)).exists();
      assertThat(temporal.research.evaluationProgress(evalId))
          .isEqualTo(new EvalWorkflow.Progress(6, 6, 0, 4));

      // Started again on the same directory, it runs nothing and reports the same.
      String again = temporal.research.evaluate(EvalInput.of(data.toString(), 2, 2, out));
      EvalSummary resumed = temporal.research.evaluation(again);
      assertThat(model.callCount()).isEqualTo(6);
      assertThat(resumed.perItem()).isEqualTo(summary.perItem());
      assertThat(resumed.runId()).isEqualTo(summary.runId());
    }
  }
}
