package dev.researcher4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.Reward;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.ResearchScenario;
import dev.researcher4j.core.trajectory.TrajectoryCodec;
import dev.researcher4j.core.trajectory.export.ExportSummary;
import dev.researcher4j.core.trajectory.export.Redaction;
import dev.researcher4j.core.trajectory.export.TrajectoryExport;
import dev.researcher4j.core.trajectory.export.TrajectoryFilter;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.testing.FakeClock;
import dev.researcher4j.testing.ScriptedChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrajectoryExportTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Grade CORRECT =
      new Grade("exact-match/1", "", Grade.Label.CORRECT, 1, "42", "", Double.NaN);
  private static final Grade WRONG =
      new Grade("exact-match/1", "", Grade.Label.INCORRECT, 0, "41", "", Double.NaN);

  @TempDir Path dir;

  private static Trajectory graded(Trajectory run, Grade grade) {
    Trajectory withGrade = run.withGrades(List.of(grade), null);
    Reward reward = RewardFunction.ofDefaults().reward(withGrade, grade).orElse(null);
    return run.withGrades(List.of(grade), reward);
  }

  /** The scenario, graded correct and saved as the evaluation saves it; read back from the file. */
  private Path recordedFile() {
    Trajectory run = ResearchScenario.completing().record(dir.resolve("raw"));
    TrajectoryStore store = TrajectoryStore.jsonFiles(dir.resolve("eval"));
    return dir.resolve("eval").resolve(store.save(graded(run, CORRECT)));
  }

  private static List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      rows.add(JSON.readTree(line));
    }
    return rows;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.properties().forEach(e -> names.add(e.getKey()));
    return names;
  }

  @Test
  void openAiRowsHoldTheConversationWithToolCallsToolMessagesToolsAndWeights() throws Exception {
    Path file = recordedFile();

    ExportSummary summary =
        TrajectoryExport.openAi().build().write(List.of(file), dir.resolve("sft.jsonl"));

    assertThat(summary.files()).isEqualTo(1);
    assertThat(summary.exported()).isEqualTo(1);
    assertThat(summary.rows()).isEqualTo(1);
    assertThat(summary.unreadable()).isEmpty();
    JsonNode row = lines(dir.resolve("sft.jsonl")).get(0);
    assertThat(fieldNames(row)).containsExactly("messages", "tools", "parallel_tool_calls");
    assertThat(row.path("parallel_tool_calls").asBoolean()).isTrue();
    JsonNode messages = row.path("messages");
    assertThat(messages).hasSize(17);
    assertThat(fieldNames(messages.get(0))).containsExactly("role", "content");
    assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
    assertThat(messages.get(0).path("content").asText())
        .startsWith("You are a careful research agent.");
    assertThat(messages.get(1).path("role").asText()).isEqualTo("user");
    assertThat(messages.get(1).path("content").asText()).contains("What are alpha and gamma?");

    JsonNode firstTurn = messages.get(2);
    assertThat(fieldNames(firstTurn)).containsExactly("role", "tool_calls", "weight");
    assertThat(firstTurn.path("role").asText()).isEqualTo("assistant");
    assertThat(firstTurn.path("weight").asInt()).isEqualTo(1);
    JsonNode call = firstTurn.path("tool_calls").get(0);
    assertThat(fieldNames(call)).containsExactly("id", "type", "function");
    assertThat(call.path("id").asText()).isEqualTo("c1");
    assertThat(call.path("type").asText()).isEqualTo("function");
    assertThat(call.path("function").path("name").asText()).isEqualTo("web_search");
    assertThat(call.path("function").path("arguments").isTextual()).isTrue();
    assertThat(call.path("function").path("arguments").asText()).isEqualTo("{\"query\":\"alpha\"}");
    assertThat(firstTurn.path("tool_calls").get(1).path("id").asText()).isEqualTo("c2");

    JsonNode toolMessage = messages.get(3);
    assertThat(fieldNames(toolMessage)).containsExactly("role", "tool_call_id", "content");
    assertThat(toolMessage.path("role").asText()).isEqualTo("tool");
    assertThat(toolMessage.path("tool_call_id").asText()).isEqualTo("c1");
    assertThat(toolMessage.path("content").asText())
        .isEqualTo(
            "Result for alpha\n\nSources:\n[S1] Page about alpha — https://example.org/alpha");

    List<String> roles = new ArrayList<>();
    messages.forEach(m -> roles.add(m.path("role").asText()));
    assertThat(roles)
        .containsExactly(
            "system",
            "user",
            "assistant",
            "tool",
            "tool",
            "assistant",
            "tool",
            "tool",
            "tool",
            "assistant",
            "tool",
            "tool",
            "assistant",
            "user",
            "assistant",
            "tool",
            "assistant");
    // The draft was trained on, the loop's feedback was not (it is a user message: no weight).
    assertThat(messages.get(12).path("content").asText()).startsWith("Answer: 42");
    assertThat(messages.get(12).path("weight").asInt()).isEqualTo(1);
    assertThat(messages.get(13).path("content").asText())
        .startsWith("A check of your draft against its cited sources found problems:");
    assertThat(messages.get(13).has("weight")).isFalse();
    assertThat(messages.get(10).path("content").asText()).contains("[Result truncated");
    JsonNode last = messages.get(16);
    assertThat(last.path("content").asText())
        .isEqualTo("Answer: 42\n\nAlpha is 42 [S1]. Gamma is 7 [S3].");
    assertThat(last.path("weight").asInt()).isEqualTo(1);
    assertThat(row.toString()).doesNotContain("I should search for both.");

    assertThat(row.path("tools")).hasSize(4);
    JsonNode tool = row.path("tools").get(0);
    assertThat(fieldNames(tool)).containsExactly("type", "function");
    assertThat(tool.path("type").asText()).isEqualTo("function");
    assertThat(fieldNames(tool.path("function")))
        .containsExactly("name", "description", "parameters");
    assertThat(tool.path("function").path("parameters").path("required").get(0).asText())
        .isEqualTo("query");
  }

  @Test
  void openAiRowsPerTurnTrainOnlyEachTurnsReply() throws Exception {
    Path file = recordedFile();

    ExportSummary summary =
        TrajectoryExport.openAi().perTurn().build().write(List.of(file), dir.resolve("t.jsonl"));

    List<JsonNode> rows = lines(dir.resolve("t.jsonl"));
    assertThat(summary.rows()).isEqualTo(6);
    assertThat(rows).hasSize(6);
    for (JsonNode row : rows) {
      JsonNode messages = row.path("messages");
      JsonNode reply = messages.get(messages.size() - 1);
      assertThat(reply.path("role").asText()).isEqualTo("assistant");
      assertThat(reply.path("weight").asInt()).isEqualTo(1);
      for (int i = 0; i < messages.size() - 1; i++) {
        if (messages.get(i).path("role").asText().equals("assistant")) {
          assertThat(messages.get(i).path("weight").asInt()).isZero();
        }
      }
    }
    assertThat(rows.get(0).path("messages")).hasSize(3);
    assertThat(rows.get(5).path("messages")).hasSize(17);
  }

  @Test
  void rlRowsHoldPromptMaskedCompletionTokensRewardAndIds() throws Exception {
    Path file = recordedFile();

    TrajectoryExport.rl()
        .rewardFunction(RewardFunction.custom().gamma(0.9).build())
        .build()
        .write(List.of(file), dir.resolve("rl.jsonl"));

    List<JsonNode> rows = lines(dir.resolve("rl.jsonl"));
    assertThat(rows).hasSize(1);
    JsonNode row = rows.get(0);
    assertThat(fieldNames(row))
        .containsExactly(
            "format",
            "id",
            "run_id",
            "task_id",
            "group_id",
            "attempt",
            "data_source",
            "question",
            "prompt",
            "completion",
            "loss_mask",
            "turns",
            "tools",
            "num_turns",
            "reward",
            "reward_components",
            "reward_source",
            "step_rewards",
            "gamma",
            "is_correct",
            "grades",
            "termination_reason",
            "answer",
            "metrics");
    assertThat(row.path("format").asText()).isEqualTo("researcher4j.rollout/v1");
    assertThat(row.path("id").asText()).isEqualTo("item-1:2");
    assertThat(row.path("run_id").asText()).hasSize(36);
    assertThat(row.path("task_id").asText()).isEqualTo("item-1");
    assertThat(row.path("group_id").asText()).isEqualTo("group-1");
    assertThat(row.path("attempt").asInt()).isEqualTo(2);
    assertThat(row.path("data_source").asText()).isEqualTo("demo");
    assertThat(row.path("question").asText()).isEqualTo("What are alpha and gamma?");

    JsonNode prompt = row.path("prompt");
    assertThat(prompt).hasSize(2);
    assertThat(prompt.get(0).path("role").asText()).isEqualTo("system");
    assertThat(prompt.get(1).path("role").asText()).isEqualTo("user");
    assertThat(prompt.get(1).path("content").asText()).contains("What is alpha?");

    JsonNode completion = row.path("completion");
    JsonNode mask = row.path("loss_mask");
    assertThat(completion).hasSize(15);
    assertThat(mask).hasSize(15);
    for (int i = 0; i < completion.size(); i++) {
      boolean trainable = completion.get(i).path("trainable").asBoolean();
      assertThat(mask.get(i).asInt()).isEqualTo(trainable ? 1 : 0);
      assertThat(trainable).isEqualTo(completion.get(i).path("role").asText().equals("assistant"));
    }
    JsonNode first = completion.get(0);
    assertThat(fieldNames(first))
        .containsExactly("role", "tool_calls", "reasoning_content", "trainable", "turn");
    assertThat(first.path("reasoning_content").asText()).isEqualTo("I should search for both.");
    assertThat(first.path("tool_calls").get(1).path("function").path("arguments").asText())
        .isEqualTo("{\"query\":\"beta\"}");
    assertThat(first.path("turn").asInt()).isZero();
    JsonNode observation = completion.get(1);
    assertThat(fieldNames(observation))
        .containsExactly("role", "tool_call_id", "content", "trainable");
    assertThat(observation.path("tool_call_id").asText()).isEqualTo("c1");
    assertThat(completion.get(6).path("tool_call_id").asText()).isEqualTo("c5");
    assertThat(completion.get(6).path("content").asText())
        .isEqualTo(
            "Error: flaky failed: the flaky service said no. Try different arguments or another"
                + " tool.");
    assertThat(completion.get(8).path("content").asText()).contains("[Result truncated");
    assertThat(completion.get(11).path("role").asText()).isEqualTo("user");
    assertThat(completion.get(14).path("content").asText())
        .isEqualTo("Answer: 42\n\nAlpha is 42 [S1]. Gamma is 7 [S3].");

    JsonNode turns = row.path("turns");
    assertThat(turns).hasSize(6);
    assertThat(row.path("num_turns").asInt()).isEqualTo(6);
    JsonNode turn = turns.get(2);
    assertThat(fieldNames(turn))
        .containsExactly(
            "turn",
            "step",
            "finish_reason",
            "history_rewritten",
            "prompt_ids",
            "response_ids",
            "response_logprobs",
            "response_tokens",
            "reward",
            "usage");
    assertThat(turn.path("step").asInt()).isEqualTo(5);
    assertThat(turn.path("finish_reason").asText()).isEqualTo("TOOL_CALLS");
    assertThat(turn.path("history_rewritten").asBoolean()).isFalse();
    assertThat(turn.path("prompt_ids").toString()).isEqualTo("[1,2,3]");
    assertThat(turn.path("response_ids").toString()).isEqualTo("[12,13]");
    assertThat(turn.path("response_logprobs").toString()).isEqualTo("[-0.1,-0.2]");
    assertThat(turn.path("usage").path("input_tokens").asLong()).isEqualTo(200);

    assertThat(row.path("reward").asDouble()).isEqualTo(1.0);
    assertThat(row.path("reward_components").path("correctness").asDouble()).isEqualTo(1.0);
    assertThat(row.path("reward_components").path("format").asDouble()).isEqualTo(0.0);
    assertThat(row.path("reward_components").path("efficiency").asDouble()).isEqualTo(0.0);
    assertThat(row.path("reward_source").asText()).isEqualTo("exact-match/1");
    assertThat(row.path("gamma").asDouble()).isEqualTo(0.9);
    JsonNode stepRewards = row.path("step_rewards");
    assertThat(stepRewards).hasSize(6);
    for (int i = 0; i < 6; i++) {
      assertThat(stepRewards.get(i).asDouble()).isCloseTo(Math.pow(0.9, 5 - i), within(1e-12));
      assertThat(turns.get(i).path("reward").asDouble()).isEqualTo(stepRewards.get(i).asDouble());
    }
    assertThat(row.path("is_correct").asBoolean()).isTrue();
    assertThat(row.path("grades").get(0).path("label").asText()).isEqualTo("CORRECT");
    assertThat(row.path("termination_reason").asText()).isEqualTo("completed");
    assertThat(row.path("answer").asText()).isEqualTo("42");
    JsonNode metrics = row.path("metrics");
    assertThat(metrics.path("tool_calls").asInt()).isEqualTo(8);
    assertThat(metrics.path("failed_tool_calls").asInt()).isEqualTo(1);
    assertThat(metrics.path("invalid_tool_calls").asInt()).isZero();
    assertThat(metrics.path("sources").asInt()).isEqualTo(6);
    assertThat(metrics.path("model_calls").asInt()).isEqualTo(9);
    assertThat(row.path("tools")).hasSize(4);
  }

  @Test
  void shapingPenalisesBudgetOverrunsAndInvalidToolCalls() throws Exception {
    RewardFunction gamma = RewardFunction.custom().gamma(0.5).build();
    TrajectoryExport export = TrajectoryExport.rl().rewardFunction(gamma).build();
    ResearchScenario endless = ResearchScenario.endless();
    Trajectory overran =
        graded(endless.agent(endless.model()).build().run(ResearchScenario.TASK), CORRECT);

    ObjectNode row = export.rows(overran).get(0);

    assertThat(row.path("termination_reason").asText()).isEqualTo("budget_steps");
    assertThat(row.path("reward_components").path("format").asDouble()).isEqualTo(-0.5);
    assertThat(row.path("reward").asDouble()).isEqualTo(0.5);
    int turns = row.path("num_turns").asInt();
    assertThat(row.path("step_rewards").get(turns - 1).asDouble()).isEqualTo(0.5);
    assertThat(row.path("step_rewards").get(turns - 2).asDouble()).isEqualTo(0.25);

    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .toolCalls(new ToolCall("c1", "web_search", "{\"q\":\"no such argument\"}"))
            .text("Answer: 42\n\nForty-two.")
            .build();
    ResearchScenario scenario = ResearchScenario.completing();
    Trajectory invalid =
        graded(
            scenario
                .agent(model)
                .planning(false)
                .verification(VerificationPolicy.disabled())
                .build()
                .run(Task.of("q")),
            WRONG);

    ObjectNode wrong = export.rows(invalid).get(0);

    assertThat(wrong.path("metrics").path("invalid_tool_calls").asInt()).isEqualTo(1);
    assertThat(wrong.path("reward_components").path("format").asDouble()).isEqualTo(-0.1);
    assertThat(wrong.path("reward").asDouble()).isEqualTo(-0.1);
    assertThat(wrong.path("is_correct").asBoolean()).isFalse();
    // A wrong run gives every turn the same reward.
    assertThat(wrong.path("step_rewards").toString()).isEqualTo("[-0.1,-0.1]");
  }

  @Test
  void filtersChooseRunsByOutcomeGradeAndScore() throws Exception {
    Path runs = dir.resolve("runs");
    Files.createDirectories(runs);
    ResearchScenario scenario = ResearchScenario.completing();
    Trajectory run = scenario.agent(scenario.model()).build().run(ResearchScenario.TASK);
    Grade partial = new Grade("judge/1", "m", Grade.Label.INCORRECT, 0.6, "", "", Double.NaN);
    Grade error = new Grade("judge/1", "m", Grade.Label.GRADER_ERROR, 0, "", "", Double.NaN);
    save(runs.resolve("correct.jsonl"), graded(run, CORRECT));
    save(runs.resolve("wrong.jsonl"), graded(run, WRONG));
    save(runs.resolve("partial.jsonl"), graded(run, partial));
    save(runs.resolve("error.jsonl"), run.withGrades(List.of(error), null));
    save(runs.resolve("ungraded.jsonl"), run);
    save(
        runs.resolve("unfinished.jsonl"),
        new Trajectory(
            run.header(), run.steps().subList(0, 3), null, run.totals(), List.of(), null));
    Files.writeString(runs.resolve("results.jsonl"), "{\"item_id\":\"a\",\"attempt\":1}\n");

    assertThat(exported(TrajectoryFilter.all(), runs))
        .containsExactly("correct", "error", "partial", "ungraded", "wrong");
    assertThat(exported(TrajectoryFilter.successful(), runs))
        .containsExactly("correct", "ungraded");
    assertThat(exported(TrajectoryFilter.failed(), runs)).containsExactly("partial", "wrong");
    assertThat(exported(TrajectoryFilter.gradedAs(Grade.Label.GRADER_ERROR), runs))
        .containsExactly("error");
    assertThat(exported(TrajectoryFilter.minScore(0.5), runs))
        .containsExactly("correct", "partial");
    assertThat(exported(TrajectoryFilter.failed().and(TrajectoryFilter.minScore(0.5)), runs))
        .containsExactly("partial");

    ExportSummary summary =
        TrajectoryExport.openAi()
            .filter(TrajectoryFilter.successful())
            .build()
            .write(List.of(runs), dir.resolve("out.jsonl"));
    assertThat(summary.files()).isEqualTo(7);
    assertThat(summary.exported()).isEqualTo(2);
    assertThat(summary.filteredOut()).isEqualTo(4);
    assertThat(summary.unreadable())
        .singleElement()
        .asString()
        .startsWith(
            runs.resolve("results.jsonl") + ": " + runs.resolve("results.jsonl") + ": line 1");
    assertThatThrownBy(() -> TrajectoryFilter.minScore(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("score must be in [0, 1], but was 2.0");
  }

  /** The file names (without extension) of runs an RL export with {@code filter} includes. */
  private List<String> exported(TrajectoryFilter filter, Path runs) throws Exception {
    TrajectoryExport export = TrajectoryExport.rl().filter(filter).build();
    List<String> names = new ArrayList<>();
    try (var files = Files.list(runs)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString().replace(".jsonl", "");
        if (!name.equals("results")
            && !export
                .rows(dev.researcher4j.core.trajectory.TrajectoryReader.read(file))
                .isEmpty()) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private static void save(Path file, Trajectory trajectory) throws Exception {
    Files.write(file, TrajectoryCodec.encode(trajectory, Instant.parse("2026-01-15T09:00:00Z")));
  }

  @Test
  void redactionCleansEveryStringOfBothFormatsBeforeTheyAreWritten() throws Exception {
    String secrets =
        "Contact jane.doe@example.com or ops@corp.example.org. Key sk-proj-abcdefghijklmnop0123"
            + " and ghp_abcdefghijklmnopqrstuvwxyz0123. Header: Authorization: Bearer"
            + " eyJhbGciOi.payload.sig-123. Ticket ACME-4711.";
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .toolCalls(
                new ToolCall("c1", "web_search", "{\"query\":\"mail jane.doe@example.com\"}"))
            .text(
                "Answer: done\n\nWrite to jane.doe@example.com, key sk-abcdefghijklmnopqrstu [S1].")
            .build();
    ResearchAgent agent =
        ResearchAgent.builder()
            .chatModel(model)
            .tools(
                Fixture.tool(
                    "web_search",
                    call ->
                        ToolResult.of(
                            "Found: " + secrets,
                            List.of(Source.web("https://example.org/contact", "Contact", "")))))
            .planning(false)
            .verification(VerificationPolicy.disabled())
            .clock(FakeClock.fixed())
            .build();
    Trajectory run = agent.run(Task.of("Who to contact? " + secrets));
    Redaction redaction = Redaction.builder().pattern("ACME-\\d+").build();

    for (TrajectoryExport export :
        List.of(
            TrajectoryExport.openAi().redaction(redaction).build(),
            TrajectoryExport.openAi().perTurn().redaction(redaction).build(),
            TrajectoryExport.rl().redaction(redaction).build())) {
      List<ObjectNode> rows = export.rows(graded(run, CORRECT));
      assertThat(rows).isNotEmpty();
      for (ObjectNode row : rows) {
        String text = row.toString();
        assertThat(text)
            .doesNotContain("jane.doe@example.com", "ops@corp.example.org", "sk-proj-", "sk-abc")
            .doesNotContain("ghp_", "eyJhbGciOi", "ACME-4711")
            .contains(Redaction.EMAIL, Redaction.KEY, "Bearer " + Redaction.TOKEN, "[REDACTED]");
        // Arguments stay valid JSON strings after redaction.
        for (JsonNode call : row.findValues("arguments")) {
          assertThat(JSON.readTree(call.asText()).path("query").asText())
              .isEqualTo("mail " + Redaction.EMAIL);
        }
      }
    }
    assertThat(Redaction.none().apply(secrets)).isEqualTo(secrets);
    assertThat(Redaction.builder().emails(false).build().apply("a@b.org sk-abcdefghijklmnopqrstu"))
        .isEqualTo("a@b.org " + Redaction.KEY);
    assertThatThrownBy(() -> Redaction.builder().pattern("x*"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("regex must not match the empty string, but 'x*' does");
    assertThatThrownBy(() -> Redaction.builder().pattern("("))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("regex must be a valid pattern, but was '(':");
  }

  /** A tool for these tests. */
  private static final class Fixture {
    interface Body {
      ToolResult run(ToolCall call);
    }

    static dev.researcher4j.api.Tool tool(String name, Body body) {
      com.fasterxml.jackson.databind.node.ObjectNode schema =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      schema.put("type", "object");
      schema.putObject("properties").putObject("query").put("type", "string");
      dev.researcher4j.api.ToolSpec spec = dev.researcher4j.api.ToolSpec.of(name, "Test.", schema);
      return new dev.researcher4j.api.Tool() {
        @Override
        public dev.researcher4j.api.ToolSpec spec() {
          return spec;
        }

        @Override
        public ToolResult execute(ToolCall call, dev.researcher4j.api.ToolContext context) {
          return body.run(call);
        }
      };
    }
  }

  @Test
  void optionsOfTheOtherFormatAreRefused() {
    assertThatThrownBy(() -> TrajectoryExport.rl().perTurn())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("perTurn applies to the OpenAI chat format, not RL_ROLLOUT");
    assertThatThrownBy(() -> TrajectoryExport.openAi().rewardFunction(RewardFunction.ofDefaults()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("rewardFunction applies to the RL rollout format, not OPENAI_CHAT");
    assertThat(Set.of(TrajectoryExport.Format.values())).hasSize(2);
  }
}
