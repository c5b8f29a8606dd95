package dev.researcher4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelCall;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.ResponseFormat;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.Reward;
import dev.researcher4j.api.RunTotals;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.TokenTrace;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolChoice;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.core.trajectory.TrajectoryValidator;
import dev.researcher4j.eval.internal.EvalJson;
import dev.researcher4j.eval.internal.ResultsFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {

  @TempDir Path dir;

  private static Trajectory everyField() {
    Task task =
        Task.builder("What is the boiling point of water on Everest?")
            .id("item/7")
            .groupId("item/7")
            .attempt(3)
            .instructions("Cite sources.")
            .outputFormat("a number")
            .metadata("dataset", "d")
            .build();
    ChatRequest request =
        ChatRequest.builder()
            .addMessage(Message.system("You research."))
            .addMessage(Message.user(task.question()))
            .tools(List.of(TestTrajectories.SEARCH))
            .toolChoice(ToolChoice.tool("web_search"))
            .parallelToolCalls(true)
            .responseFormat(ResponseFormat.TEXT)
            .options(ChatOptions.builder().temperature(0.2).seed(7).extra("top_k", 20).build())
            .build();
    ChatResponse response =
        new ChatResponse(
            Message.assistant(
                "",
                "thinking…",
                List.of(new ToolCall("call_1", "web_search", "{\"query\":\"x\"}"))),
            FinishReason.TOOL_CALLS,
            "tool_calls",
            new Usage(120, 30, 100, 10, 0.0021),
            "model-x",
            "resp-1",
            Duration.ofMillis(850),
            List.of(
                new RetryAttempt(1, "503", "ServerErrorException", 503, Duration.ofMillis(500))),
            new TokenTrace(List.of(1, 2), List.of(3), List.of("a"), List.of(-0.25)));
    Step model =
        new Step(
            0,
            StepKind.MODEL,
            TestTrajectories.T0,
            TestTrajectories.T0.plusSeconds(1),
            new ModelCall(request, response, true),
            List.of(),
            response.usage(),
            "asked 1 tool",
            JsonNodeFactory.instance
                .objectNode()
                .put("note", "n")
                .set("list", JsonNodeFactory.instance.arrayNode().add(1)),
            "");
    Step tools =
        new Step(
            1,
            StepKind.TOOLS,
            TestTrajectories.T0.plusSeconds(1),
            TestTrajectories.T0.plusSeconds(2),
            null,
            List.of(TestTrajectories.execution("call_1", ToolExecution.Status.TIMEOUT)),
            Usage.ZERO,
            "",
            null,
            "one tool timed out");
    Outcome outcome =
        new Outcome(
            "71 °C",
            "# Report\nWater boils at about 71 °C [S1].",
            List.of(Source.web("https://example.org/boil", "Boiling", "71 °C").withId("S1")),
            List.of(
                new Citation("S1", "Water boils at about 71 °C", Citation.Support.SUPPORTED, "")),
            StopReason.BUDGET_STEPS,
            "");
    TrajectoryHeader header =
        new TrajectoryHeader(
            TrajectoryHeader.SCHEMA_V1,
            "run-1",
            "",
            task,
            new ModelInfo(
                "openai-compatible",
                "model-x",
                128_000,
                Map.of("temperature", 0.2, "base_url", "http://localhost")),
            List.of(TestTrajectories.SEARCH),
            Budget.unlimited(),
            "0.1.0",
            TestTrajectories.T0);
    List<Step> steps = List.of(model, tools);
    return new Trajectory(
        header,
        steps,
        outcome,
        RunTotals.of(steps, 1, Duration.ofSeconds(2)),
        List.of(new Grade("exact-match/1", "", Grade.Label.CORRECT, 1, "71", "ok", Double.NaN)),
        new Reward(0.5, Map.of("correctness", 1.0, "format", -0.5), "exact-match/1"));
  }

  @Test
  void jsonFileStoreRoundTripsEveryFieldOfATrajectory() throws Exception {
    TrajectoryStore store = TrajectoryStore.jsonFiles(dir);
    Trajectory original = everyField();

    String location = store.save(original);
    Trajectory loaded = store.load(location);

    assertThat(location).startsWith("trajectories/item_7-").endsWith(".a3.jsonl");
    assertThat(loaded).isEqualTo(original);
    String json = Files.readString(dir.resolve(location));
    assertThat(json).doesNotContain("\"finished\"", "\"completed\"", "\"correct\"");
    assertThat(Files.list(dir.resolve("trajectories"))).hasSize(1);
  }

  @Test
  void savedTrajectoriesAreValidTrajectoryFilesWithGradesAndRewardInTheFooter() throws Exception {
    TrajectoryStore store = TrajectoryStore.jsonFiles(dir);
    Trajectory original = everyField();

    Path file = dir.resolve(store.save(original));

    assertThat(TrajectoryValidator.validate(file).isValid()).isTrue();
    assertThat(TrajectoryReader.read(file)).isEqualTo(original);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0))
        .startsWith("{\"type\":\"header\",\"schema\":\"researcher4j.trajectory/v1\"");
    assertThat(lines.get(lines.size() - 1))
        .startsWith("{\"type\":\"footer\"")
        .contains("\"grades\":[{\"grader\":\"exact-match/1\"", "\"reward\":{\"value\":0.5");
  }

  @Test
  void trajectoriesSavedByEarlierVersionsAsOneJsonDocumentStillLoad() throws Exception {
    TrajectoryStore store = TrajectoryStore.jsonFiles(dir);
    Trajectory original = everyField();
    Files.createDirectories(dir.resolve("trajectories"));
    EvalJson.RECORDS.writeValue(dir.resolve("trajectories/old.a1.json").toFile(), original);

    assertThat(store.load("trajectories/old.a1.json")).isEqualTo(original);
  }

  @Test
  void savingAnAttemptAgainReplacesItAndLocationsOutsideTheStoreAreRefused() {
    TrajectoryStore store = TrajectoryStore.jsonFiles(dir);
    Trajectory original = everyField();

    String first = store.save(original);
    String second = store.save(original.withGrades(List.of(), null));

    assertThat(second).isEqualTo(first);
    assertThat(store.load(first).grades()).isEmpty();
    assertThatThrownBy(() -> store.load("../outside.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a location of this store");
  }

  private static AttemptResult line(String item, int attempt) {
    return new AttemptResult(
        item,
        attempt,
        AttemptStatus.FINISHED,
        "ans",
        new Grade("exact-match/1", "", Grade.Label.CORRECT, 1, "ans", "", 0.5),
        3,
        2,
        100,
        50,
        0.01,
        Duration.ofMillis(1500),
        "COMPLETED",
        "trajectories/x.json",
        "",
        1.0,
        Instant.parse("2026-03-01T10:00:00Z"));
  }

  @Test
  void resultsRoundTripThroughTheirJsonLine() {
    AttemptResult result = line("a", 2);

    AttemptResult read = ResultsFile.fromJson(ResultsFile.toJson(result));

    assertThat(read).isEqualTo(result);
  }

  @Test
  void repairDropsAHalfWrittenLastLineAndKeepsACompleteOneMissingItsNewline() throws Exception {
    Path file = dir.resolve("results.jsonl");
    String good = ResultsFile.toJson(line("a", 1)).toString();
    Files.writeString(file, good + "\n" + "{\"item_id\":\"b\",\"att", StandardCharsets.UTF_8);

    assertThat(ResultsFile.repair(file)).isEqualTo(ResultsFile.Repair.PARTIAL_LINE_REMOVED);
    assertThat(Files.readString(file)).isEqualTo(good + "\n");
    assertThat(ResultsFile.repair(file)).isEqualTo(ResultsFile.Repair.NONE);

    Files.writeString(file, good, StandardOpenOption.APPEND);
    assertThat(ResultsFile.repair(file)).isEqualTo(ResultsFile.Repair.NEWLINE_ADDED);
    assertThat(ResultsFile.read(file).results()).hasSize(2);
    assertThat(ResultsFile.repair(dir.resolve("missing.jsonl"))).isEqualTo(ResultsFile.Repair.NONE);
  }

  @Test
  void unreadableLinesInTheMiddleAreReportedAndLeftInPlace() throws Exception {
    Path file = dir.resolve("results.jsonl");
    String good = ResultsFile.toJson(line("a", 1)).toString();
    Files.writeString(file, good + "\nnot json\n{\"item_id\":\"a\",\"attempt\":0}\n" + good + "\n");

    ResultsFile.Contents contents = ResultsFile.read(file);

    assertThat(contents.results()).hasSize(2);
    assertThat(contents.unreadableLines()).containsExactly(2, 3);
    assertThat(Files.readAllLines(file)).hasSize(4);
  }
}
