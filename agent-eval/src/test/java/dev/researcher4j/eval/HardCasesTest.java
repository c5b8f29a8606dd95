package dev.researcher4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Agent;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.trajectory.export.FineTuningRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardCasesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static ItemStats stats(String id, Grade.Label... labels) {
    List<AttemptResult> results = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      results.add(
          new AttemptResult(
              id,
              i + 1,
              AttemptStatus.FINISHED,
              "a",
              new Grade(
                  "g/1",
                  "",
                  labels[i],
                  labels[i] == Grade.Label.CORRECT ? 1 : 0,
                  "",
                  "",
                  Double.NaN),
              1,
              0,
              0,
              0,
              0,
              null,
              "COMPLETED",
              "",
              "",
              0,
              java.time.Instant.EPOCH));
    }
    return ItemStats.of(id, results);
  }

  private static final Grade.Label OK = Grade.Label.CORRECT;
  private static final Grade.Label NO = Grade.Label.INCORRECT;
  private static final Grade.Label ERR = Grade.Label.GRADER_ERROR;
  private static final Grade.Label NONE = Grade.Label.NOT_ATTEMPTED;

  private static final ItemStats NEVER = stats("never", NO, NO, NONE, NO);
  private static final ItemStats ONCE = stats("once", NO, NO, NO, OK);
  private static final ItemStats HALF = stats("half", OK, NO, OK, NO);
  private static final ItemStats ALWAYS = stats("always", OK, OK, OK, OK);
  private static final ItemStats FLAKY_GRADER = stats("flaky", OK, ERR, NO, NO);
  private static final ItemStats UNGRADED = stats("ungraded", ERR, ERR);
  private static final List<ItemStats> ALL =
      List.of(NEVER, ONCE, HALF, ALWAYS, FLAKY_GRADER, UNGRADED);

  private static List<String> chosen(HardCaseFilter filter) {
    return ALL.stream().filter(filter::test).map(ItemStats::itemId).toList();
  }

  @Test
  void typedFiltersChooseByCountsAndSayWhy() {
    assertThat(chosen(HardCaseFilter.neverSolved())).containsExactly("never");
    assertThat(HardCaseFilter.neverSolved().select(NEVER)).contains("never solved (0 of 4)");
    // pass@4 of "once" is 1 (one of four right); pass@2 is 1 − C(3,2)/C(4,2) = 0.5.
    assertThat(chosen(HardCaseFilter.passAtKBelow(2, 0.6))).containsExactly("never", "once");
    assertThat(HardCaseFilter.passAtKBelow(2, 0.6).select(ONCE)).contains("pass@2 = 0.500 < 0.6");
    // "flaky" has 3 verdicts: not scored at k = 4, so not chosen.
    assertThat(chosen(HardCaseFilter.passAtKBelow(4, 1.1)))
        .containsExactly("never", "once", "half", "always");
    assertThat(chosen(HardCaseFilter.avgBetween(0.2, 0.5)))
        .containsExactly("once", "half", "flaky");
    assertThat(chosen(HardCaseFilter.hasGraderError())).containsExactly("flaky", "ungraded");
    assertThat(chosen(HardCaseFilter.neverSolved().or(HardCaseFilter.hasGraderError())))
        .containsExactly("never", "flaky", "ungraded");
    assertThat(
            chosen(HardCaseFilter.hasGraderError().negate().and(HardCaseFilter.avgBetween(0, 0.5))))
        .containsExactly("never", "once", "half");
    assertThatThrownBy(() -> HardCaseFilter.avgBetween(0.8, 0.2))
        .hasMessage("low must be <= high, but were 0.8 and 0.2");
  }

  @Test
  void theFilterLanguageReadsKeywordsComparisonsRangesAndCombinations() {
    assertThat(chosen(HardCaseFilter.parse("never_solved"))).containsExactly("never");
    assertThat(chosen(HardCaseFilter.parse("never solved"))).containsExactly("never");
    assertThat(chosen(HardCaseFilter.parse("pass@2 < 0.6"))).containsExactly("never", "once");
    assertThat(chosen(HardCaseFilter.parse("0 < avg < 1")))
        .containsExactly("once", "half", "flaky");
    assertThat(chosen(HardCaseFilter.parse("avg between 0.2 and 0.5")))
        .containsExactly("once", "half", "flaky");
    assertThat(chosen(HardCaseFilter.parse("grader_error"))).containsExactly("flaky", "ungraded");
    assertThat(chosen(HardCaseFilter.parse("grader_errors >= 2"))).containsExactly("ungraded");
    assertThat(chosen(HardCaseFilter.parse("c = 1 or n <= 3")))
        .containsExactly("once", "flaky", "ungraded");
    assertThat(
            chosen(
                HardCaseFilter.parse(
                    "never_solved or (pass@4 < 1.1 and not grader_error) and c >= 2")))
        .containsExactly("never", "half", "always");
    assertThat(chosen(HardCaseFilter.parse("NOT always_solved AND avg >= 0.5")))
        .containsExactly("half");
    assertThat(HardCaseFilter.parse("0 < avg < 1").select(HALF))
        .contains("avg = 0.500 > 0 and avg = 0.500 < 1");
    assertThat(HardCaseFilter.parse("pass@4 >= 1").select(ONCE)).contains("pass@4 = 1 >= 1");
  }

  @Test
  void theFilterLanguageSaysWhereItCannotRead() {
    assertThatThrownBy(() -> HardCaseFilter.parse("sometimes_solved"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot parse filter 'sometimes_solved' at position 0: unknown filter 'sometimes_solved'");
    assertThatThrownBy(() -> HardCaseFilter.parse("avg <"))
        .hasMessageEndingWith("at position 5: expected a number, found the end");
    assertThatThrownBy(() -> HardCaseFilter.parse("pass@0 < 1"))
        .hasMessageContaining("pass@K needs K >= 1");
    assertThatThrownBy(() -> HardCaseFilter.parse("median < 1"))
        .hasMessageContaining("unknown figure 'median'");
    assertThatThrownBy(() -> HardCaseFilter.parse("avg between 0.1"))
        .hasMessageContaining("expected 'and', found the end");
    assertThatThrownBy(() -> HardCaseFilter.parse("(never_solved"))
        .hasMessageContaining("expected ')'");
    assertThatThrownBy(() -> HardCaseFilter.parse("never_solved grader_error"))
        .hasMessageContaining("expected 'and', 'or' or the end, found 'grader_error'");
    assertThatThrownBy(() -> HardCaseFilter.parse("avg < 0.5 $"))
        .hasMessageContaining("unexpected character '$'");
    assertThatThrownBy(() -> HardCaseFilter.parse(" "))
        .hasMessage("filter is required, but was blank");
  }

  /** system, user → assistant calls web_search → tool result → assistant answers. */
  static Trajectory toolUsingRun(Task task, String answer) {
    Message system = Message.system("You are a careful researcher.");
    Message user = Message.user(task.question());
    ToolCall call = new ToolCall("call_1", "web_search", "{\"query\": \"" + task.id() + "\"}");
    Message asks = Message.assistant("", "I should search.", List.of(call));
    Message sentBack = Message.assistant("", "", List.of(call));
    Message result = Message.tool("call_1", "web_search", "[S1] Example result");
    Message answers = Message.assistant("Answer: " + answer);
    List<Step> steps =
        List.of(
            TestTrajectories.modelStep(0, List.of(system, user), asks, false),
            new Step(
                1,
                StepKind.TOOLS,
                TestTrajectories.T0,
                TestTrajectories.T0,
                null,
                List.of(TestTrajectories.execution("call_1", ToolExecution.Status.OK)),
                Usage.ZERO,
                "",
                null,
                ""),
            TestTrajectories.modelStep(2, List.of(system, user, sentBack, result), answers, false));
    return TestTrajectories.withSteps(
        task, steps, new Outcome(answer, "", List.of(), List.of(), StopReason.COMPLETED, ""));
  }

  @Test
  void aRunBecomesOneOpenAiFineTuningRowFieldByField() throws Exception {
    Trajectory run = toolUsingRun(Task.builder("Capital of France?").id("q1").build(), "Paris");

    List<ObjectNode> rows = FineTuningRows.of(run);

    assertThat(rows).hasSize(1);
    JsonNode expected =
        JSON.readTree(
            """
            {"messages": [
              {"role": "system", "content": "You are a careful researcher."},
              {"role": "user", "content": "Capital of France?"},
              {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
                 "function": {"name": "web_search", "arguments": "{\\"query\\": \\"q1\\"}"}}],
               "weight": 1},
              {"role": "tool", "tool_call_id": "call_1", "content": "[S1] Example result"},
              {"role": "assistant", "content": "Answer: Paris", "weight": 1}],
             "tools": [{"type": "function", "function": {"name": "web_search",
               "description": "Searches the web.",
               "parameters": {"type": "object", "properties": {"query": {"type": "string"}}}}}]}
            """);
    assertThat(rows.get(0)).isEqualTo(expected);
    assertThat(
            rows.get(0)
                .get("messages")
                .get(2)
                .get("tool_calls")
                .get(0)
                .get("function")
                .get("arguments")
                .isTextual())
        .isTrue();
  }

  @Test
  void aRewrittenHistoryEndsARowAndAssistantMessagesTheRunDidNotWriteAreNotTrained() {
    Message system = Message.system("sys");
    Message user = Message.user("Q?");
    Message first = Message.assistant("draft 1");
    Message second = Message.assistant("draft 2");
    Message note = Message.assistant("(compacted: earlier drafts said 1 and 2)");
    Message third = Message.assistant("final");
    List<Step> steps =
        List.of(
            TestTrajectories.modelStep(0, List.of(system, user), first, false),
            TestTrajectories.modelStep(
                1, List.of(system, user, first, Message.user("go on")), second, false),
            TestTrajectories.modelStep(
                2, List.of(system, user, note, Message.user("go on")), third, true));
    Trajectory run =
        TestTrajectories.withSteps(
            Task.builder("Q?").id("q").build(),
            steps,
            new Outcome("final", "", List.of(), List.of(), StopReason.COMPLETED, ""));

    List<ObjectNode> rows = FineTuningRows.of(run);
    List<ObjectNode> perTurn = FineTuningRows.perTurn(run);

    assertThat(rows).hasSize(2);
    assertThat(weights(rows.get(0))).containsExactly("assistant:draft 1=1", "assistant:draft 2=1");
    assertThat(weights(rows.get(1)))
        .containsExactly(
            "assistant:(compacted: earlier drafts said 1 and 2)=0", "assistant:final=1");
    assertThat(perTurn).hasSize(3);
    assertThat(weights(perTurn.get(1)))
        .containsExactly("assistant:draft 1=0", "assistant:draft 2=1");
    assertThat(FineTuningRows.of(TestTrajectories.withSteps(Task.of("Q"), List.of(), null)))
        .isEmpty();
  }

  private static List<String> weights(ObjectNode row) {
    List<String> found = new ArrayList<>();
    for (JsonNode m : row.get("messages")) {
      if (m.has("weight")) {
        found.add(
            m.get("role").asText()
                + ":"
                + m.path("content").asText()
                + "="
                + m.get("weight").asInt());
      } else {
        assertThat(m.get("role").asText()).isNotEqualTo("assistant");
      }
    }
    return found;
  }

  @Test
  void minesHardItemsIntoADatasetWithProvenanceAndExportsTheirCorrectAttempts() throws Exception {
    List<EvalItem> items = new ArrayList<>();
    for (String id : List.of("easy", "hard", "never")) {
      items.add(
          new EvalItem(
              id,
              "Question " + id + "?",
              "ans-" + id,
              AnswerType.EXACT,
              "",
              java.util.Map.of("level", "2")));
    }
    Dataset dataset = Dataset.of("bench", items);
    // easy: always right; hard: right on attempt 2 only; never: never right.
    Agent agent =
        task -> {
          boolean right =
              task.id().equals("easy") || (task.id().equals("hard") && task.attempt() == 2);
          return toolUsingRun(task, right ? "ans-" + task.id() : "no idea");
        };
    Path out = dir.resolve("run");
    Evaluation.builder().agent(agent).dataset(dataset).attempts(3).outputDir(out).build().run();
    EvalResults results = EvalResults.read(out);

    List<HardCase> hard = HardCases.select(dataset, results, HardCaseFilter.parse("pass@2 < 0.9"));

    assertThat(hard).extracting(h -> h.item().id()).containsExactly("hard", "never");
    assertThat(hard.get(0).reason()).isEqualTo("pass@2 = 0.667 < 0.9");
    Path mined = dir.resolve("bench-hard.jsonl");
    assertThat(HardCases.writeDataset(hard, results, mined)).isEqualTo(2);
    JsonNode line = JSON.readTree(Files.readAllLines(mined).get(0));
    assertThat(line.get("id").asText()).isEqualTo("hard");
    assertThat(line.get("answer").asText()).isEqualTo("ans-hard");
    assertThat(line.get("answer_type").asText()).isEqualTo("exact");
    assertThat(line.get("metadata").get("level").asText()).isEqualTo("2");
    JsonNode provenance = line.get("provenance");
    assertThat(provenance.get("source_dataset").asText()).isEqualTo("bench");
    assertThat(provenance.get("eval_run").asText()).isEqualTo(results.runId()).startsWith("eval-");
    assertThat(provenance.get("n").asInt()).isEqualTo(3);
    assertThat(provenance.get("c").asInt()).isEqualTo(1);
    assertThat(provenance.get("reason").asText()).isEqualTo("pass@2 = 0.667 < 0.9");
    Dataset reloaded = Dataset.loadStrict(mined);
    assertThat(reloaded.items()).extracting(EvalItem::id).containsExactly("hard", "never");
    assertThat(reloaded.items().get(0).metadata()).containsKey("provenance");

    Path sft = dir.resolve("bench-hard-sft.jsonl");
    HardCases.Export export =
        HardCases.writeFineTuningRows(hard, results, TrajectoryStore.jsonFiles(out), sft);

    assertThat(export.trajectories()).isEqualTo(1);
    assertThat(export.rows()).isEqualTo(1);
    assertThat(export.failures()).isEmpty();
    JsonNode row = JSON.readTree(Files.readAllLines(sft).get(0));
    assertThat(row.get("messages").get(4).get("content").asText()).isEqualTo("Answer: ans-hard");
    assertThat(
            row.get("messages")
                .get(2)
                .get("tool_calls")
                .get(0)
                .get("function")
                .get("arguments")
                .asText())
        .isEqualTo("{\"query\": \"hard\"}");
  }

  @Test
  void exportListsCorrectAttemptsWhoseTrajectoryCannotBeLoaded() throws Exception {
    ItemStats stats = stats("a", OK);
    EvalResults results =
        new EvalResults(
            "run",
            "d",
            List.of(
                new AttemptResult(
                    "a",
                    1,
                    AttemptStatus.FINISHED,
                    "x",
                    new Grade("g/1", "", OK, 1, "", "", Double.NaN),
                    1,
                    0,
                    0,
                    0,
                    0,
                    null,
                    "COMPLETED",
                    "trajectories/missing.a1.json",
                    "",
                    1,
                    java.time.Instant.EPOCH)));
    HardCase hardCase = new HardCase(EvalItem.of("a", "Q", "x"), stats, "picked");

    HardCases.Export export =
        HardCases.writeFineTuningRows(
            List.of(hardCase), results, TrajectoryStore.jsonFiles(dir), dir.resolve("sft.jsonl"));

    assertThat(export.rows()).isZero();
    assertThat(export.failures())
        .singleElement()
        .asString()
        .startsWith("a attempt 1: cannot load trajectory");
    assertThat(Optional.of(Files.readString(dir.resolve("sft.jsonl")))).contains("");
  }
}
