package dev.researcher4j.core.trajectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.api.Usage;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrajectoryCodecTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-01-15T09:00:00Z");

  private static ToolSpec searchSpec() {
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    schema.putObject("properties").putObject("query").put("type", "string").put("description", "q");
    schema.putArray("required").add("query");
    return ToolSpec.of("web_search", "Searches the web.", schema);
  }

  /** A trajectory using every field of the format. */
  private static com.fasterxml.jackson.databind.node.ObjectNode thinkingBlocks() {
    com.fasterxml.jackson.databind.node.ObjectNode data = JSON.createObjectNode();
    data.putObject("anthropic")
        .putArray("content")
        .addObject()
        .put("type", "thinking")
        .put("thinking", "I should search.")
        .put("signature", "EqQBCgIYAhIM");
    return data;
  }

  private static ObjectNode answerSchema() {
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    schema.putObject("properties").putObject("x").put("type", "number");
    schema.putArray("required").add("x");
    return schema;
  }

  static Trajectory everything() {
    Task task =
        Task.builder("What is X?")
            .id("item-7")
            .instructions("be brief")
            .outputFormat("a number")
            .attempt(2)
            .groupId("group-1")
            .metadata("dataset", "demo")
            .outputSchema(answerSchema())
            .build();
    TrajectoryHeader header =
        new TrajectoryHeader(
            TrajectoryHeader.SCHEMA_V1,
            "run-1",
            "parent-0",
            task,
            new ModelInfo(
                "openai-compatible",
                "gpt-test",
                128_000,
                Map.of("temperature", 0.2, "base_url", "http://localhost")),
            List.of(searchSpec()),
            Budget.builder().maxSteps(20).maxCostUsd(1.5).maxTime(Duration.ofMinutes(5)).build(),
            "0.1.0",
            T0);
    List<Message> first =
        List.of(Message.system("You research."), Message.user("Research question: What is X?"));
    ToolCall call = new ToolCall("call_1", "web_search", "{\"query\":\"x\"}");
    ChatResponse toolTurn =
        new ChatResponse(
            Message.assistant("", "I should search.", List.of(call))
                .withProviderData(thinkingBlocks()),
            FinishReason.TOOL_CALLS,
            "tool_calls",
            new Usage(120, 30, 100, 10, 0.0012, 20),
            "gpt-test-2026",
            "resp-1",
            Duration.ofMillis(1234),
            List.of(
                new RetryAttempt(
                    1, "rate limited", "RateLimitException", 429, Duration.ofSeconds(2))),
            new TokenTrace(
                List.of(1, 2, 3), List.of(4, 5), List.of("a", "b"), List.of(-0.5, -0.25)));
    ChatRequest firstRequest =
        ChatRequest.builder()
            .messages(first)
            .tools(List.of(searchSpec()))
            .parallelToolCalls(true)
            .options(
                ChatOptions.builder()
                    .maxTokens(500)
                    .temperature(0.2)
                    .seed(7)
                    .stop(List.of("END"))
                    .extra("reasoning_effort", "low")
                    .build())
            .build();
    Source source =
        new Source(
            "S1",
            Source.Kind.PAPER,
            "https://doi.org/10.1/x",
            "X paper",
            List.of("X is 42."),
            Map.of("doi", "10.1/x"));
    ToolExecution execution =
        new ToolExecution(
            call,
            new ToolResult(
                "X is 42.\n\nSources:\n[S1] X paper — https://doi.org/10.1/x",
                List.of(source),
                false),
            ToolExecution.Status.OK,
            List.of("S1"),
            T0.plusSeconds(2),
            Duration.ofMillis(250),
            1,
            false,
            List.of("child-1"));
    List<Message> second = new ArrayList<>(first);
    second.add(toolTurn.message());
    second.add(Message.tool("call_1", "web_search", "X is 42."));
    ChatRequest secondRequest =
        ChatRequest.builder()
            .messages(second)
            .tools(List.of(searchSpec()))
            .toolChoice(ToolChoice.NONE)
            .build();
    ChatResponse answer = ChatResponse.of(Message.assistant("Answer: 42\n\nX is 42 [S1]."));
    ObjectNode verdicts = JsonNodeFactory.instance.objectNode().put("round", 1);
    verdicts.putArray("citations").addObject().put("source_id", "S1").put("support", "SUPPORTED");
    ChatRequest verifyRequest =
        ChatRequest.builder()
            .addMessage(Message.system("Check."))
            .addMessage(Message.user("1. X is 42 [S1]."))
            .responseFormat(
                ResponseFormat.jsonSchema(
                    "claim_verdicts", JsonNodeFactory.instance.objectNode().put("type", "object")))
            .build();
    List<Step> steps =
        List.of(
            new Step(
                0,
                StepKind.MODEL,
                T0,
                T0.plusSeconds(1),
                new ModelCall(firstRequest, toolTurn, false),
                List.of(),
                toolTurn.usage(),
                "asked for 1 tool call",
                null,
                ""),
            new Step(
                1,
                StepKind.TOOLS,
                T0.plusSeconds(2),
                T0.plusSeconds(3),
                null,
                List.of(execution),
                Usage.ZERO,
                "ran 1 tool call",
                null,
                ""),
            new Step(
                2,
                StepKind.MODEL,
                T0.plusSeconds(3),
                T0.plusSeconds(4),
                new ModelCall(secondRequest, answer, true),
                List.of(),
                Usage.ZERO,
                "final",
                null,
                ""),
            new Step(
                3,
                StepKind.VERIFY,
                T0.plusSeconds(4),
                T0.plusSeconds(5),
                new ModelCall(verifyRequest, ChatResponse.of(Message.assistant("{}")), false),
                List.of(),
                Usage.ZERO,
                "0 of 1 claims with problems",
                verdicts,
                ""),
            new Step(
                4,
                StepKind.ERROR,
                T0.plusSeconds(5),
                T0.plusSeconds(5),
                null,
                List.of(),
                Usage.ZERO,
                "oops",
                null,
                "something failed"));
    Outcome outcome =
        new Outcome(
            "42",
            "X is 42 [S1].\n\n## Sources\n\n- [S1] X paper — https://doi.org/10.1/x",
            List.of(source),
            List.of(new Citation("S1", "X is 42 [S1].", Citation.Support.SUPPORTED, "")),
            StopReason.COMPLETED,
            "");
    return new Trajectory(
        header,
        steps,
        outcome,
        RunTotals.of(steps, 1, Duration.ofSeconds(5)),
        List.of(new Grade("exact-match/1", "", Grade.Label.CORRECT, 1.0, "42", "", Double.NaN)),
        new Reward(1.0, Map.of("correctness", 1.0), "exact-match/1"));
  }

  @Test
  void everyFieldSurvivesARoundTrip() {
    Trajectory original = everything();

    List<String> lines = TrajectoryCodec.encode(original, T0.plusSeconds(6));
    Trajectory decoded = TrajectoryCodec.decode(lines);

    assertThat(decoded).isEqualTo(original);
    assertThat(lines).hasSize(7);
  }

  @Test
  void linesFollowTheDocumentedShape() throws Exception {
    List<String> lines = TrajectoryCodec.encode(everything(), T0.plusSeconds(6));

    JsonNode header = JSON.readTree(lines.get(0));
    assertThat(header.path("type").asText()).isEqualTo("header");
    assertThat(header.path("schema").asText()).isEqualTo("researcher4j.trajectory/v1");
    assertThat(header.path("run_id").asText()).isEqualTo("run-1");
    assertThat(header.path("task").path("output_format").asText()).isEqualTo("a number");
    assertThat(header.path("task").path("output_schema")).isEqualTo(answerSchema());
    assertThat(header.path("budget").path("max_input_tokens").isNull()).isTrue();
    assertThat(header.path("budget").path("max_time").asText()).isEqualTo("PT5M");
    JsonNode firstModel = JSON.readTree(lines.get(1));
    assertThat(firstModel.path("type").asText()).isEqualTo("step");
    assertThat(firstModel.path("model_call").path("request").path("tools").asText())
        .isEqualTo("header");
    assertThat(firstModel.path("model_call").path("request").path("messages")).hasSize(2);
    assertThat(firstModel.path("model_call").path("response").path("latency").asText())
        .isEqualTo("PT1.234S");
    assertThat(
            firstModel
                .path("model_call")
                .path("response")
                .path("tokens")
                .path("logprobs")
                .get(1)
                .asDouble())
        .isEqualTo(-0.25);
    JsonNode footer = JSON.readTree(lines.get(6));
    assertThat(footer.path("type").asText()).isEqualTo("footer");
    assertThat(footer.path("outcome").path("stop_reason").asText()).isEqualTo("COMPLETED");
    assertThat(footer.path("grades").get(0).path("confidence").isNull()).isTrue();
  }

  @Test
  void requestsThatExtendAnEarlierOneStoreOnlyTheNewMessages() throws Exception {
    Trajectory original = everything();
    Step extended =
        new Step(
            5,
            StepKind.MODEL,
            T0.plusSeconds(6),
            T0.plusSeconds(7),
            new ModelCall(
                original.steps().get(2).modelCall().request().toBuilder()
                    .addMessage(Message.assistant("Answer: 42"))
                    .addMessage(Message.user("Check again."))
                    .build(),
                ChatResponse.of(Message.assistant("ok")),
                false),
            List.of(),
            Usage.ZERO,
            "",
            null,
            "");
    List<Step> steps = new ArrayList<>(original.steps());
    steps.add(extended);
    Trajectory longer =
        new Trajectory(
            original.header(), steps, null, RunTotals.of(steps, 1, Duration.ZERO), List.of(), null);

    List<String> lines = TrajectoryCodec.encode(longer, T0);

    JsonNode request = JSON.readTree(lines.get(6)).path("model_call").path("request");
    assertThat(request.path("messages_base").asInt()).isEqualTo(2);
    assertThat(request.path("messages")).hasSize(2);
    // Step 2 rewrote its history, so it is stored in full even though step 0 is its prefix.
    JsonNode rewritten = JSON.readTree(lines.get(3)).path("model_call").path("request");
    assertThat(rewritten.has("messages_base")).isFalse();
    assertThat(rewritten.path("messages")).hasSize(4);
    assertThat(TrajectoryCodec.decode(lines).steps()).isEqualTo(steps);
  }

  @Test
  void aFileCutShortByACrashReadsBackUpToItsLastCompleteLine(@TempDir Path dir) throws IOException {
    List<String> lines = TrajectoryCodec.encode(everything(), T0.plusSeconds(6));
    String complete = String.join("\n", lines.subList(0, 4)) + "\n";
    String halfOfNextLine = lines.get(4).substring(0, lines.get(4).length() / 2);
    Path file = dir.resolve("run-1.jsonl");
    Files.writeString(file, complete + halfOfNextLine, StandardCharsets.UTF_8);

    Trajectory read = TrajectoryReader.read(file);

    assertThat(read.isFinished()).isFalse();
    assertThat(read.steps()).isEqualTo(everything().steps().subList(0, 3));
    assertThat(read.totals().modelCalls()).isEqualTo(2);
    assertThat(read.totals().toolCalls()).isEqualTo(1);
    assertThat(read.totals().elapsed()).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void aDamagedLineBeforeTheLastFailsTheReadNamingTheLine() {
    List<String> lines = new ArrayList<>(TrajectoryCodec.encode(everything(), T0));
    lines.set(2, "{\"type\":\"step\",");

    assertThatThrownBy(
            () ->
                TrajectoryReader.read(new StringReader(String.join("\n", lines)), "damaged.jsonl"))
        .isInstanceOf(TrajectoryFormatException.class)
        .hasMessageStartingWith("damaged.jsonl: line 3: not valid JSON");
  }

  @Test
  void aFileWithoutHeaderIsRejected() {
    assertThatThrownBy(() -> TrajectoryReader.read(new StringReader(""), "empty.jsonl"))
        .isInstanceOf(IOException.class)
        .hasMessage("empty.jsonl: no trajectory header (is the file empty?)");
    assertThatThrownBy(
            () -> TrajectoryCodec.decode(List.of("{\"type\":\"header\",\"schema\":\"other/v1\"}")))
        .hasMessageContaining("not a researcher4j trajectory");
  }

  @Test
  void linesOfUnknownTypeAndUnknownFieldsAreIgnored() {
    List<String> lines = new ArrayList<>(TrajectoryCodec.encode(everything(), T0.plusSeconds(6)));
    lines.add(1, "{\"type\":\"annotation\",\"text\":\"from a later version\"}");
    lines.set(2, lines.get(2).replaceFirst("\\{", "{\"future_field\":[1,2],"));

    assertThat(TrajectoryCodec.decode(lines)).isEqualTo(everything());
  }

  @Test
  void theJsonlSinkWritesOneFilePerRunThatReadsBack(@TempDir Path dir) throws IOException {
    Trajectory original = everything();
    JsonlTrajectorySink sink = JsonlTrajectorySink.inDirectory(dir.resolve("runs"));

    sink.onHeader(original.header());
    for (Step step : original.steps()) {
      sink.onStep("run-1", step);
    }
    Path file = sink.fileOf("run-1");
    assertThat(TrajectoryReader.read(file).steps()).isEqualTo(original.steps());
    sink.onFooter(
        "run-1",
        new TrajectoryFooter(
            T0.plusSeconds(6),
            original.outcome(),
            original.totals(),
            original.grades(),
            original.reward()));

    assertThat(TrajectoryReader.read(file)).isEqualTo(original);
    assertThat(sink.location("run-1")).contains(file.toString());
    assertThat(Files.readAllLines(file)).hasSize(7);
  }

  @Test
  void theInMemorySinkShowsRunsInProgressAndFinished() {
    Trajectory original = everything();
    InMemoryTrajectorySink sink = new InMemoryTrajectorySink();

    sink.onHeader(original.header());
    sink.onStep("run-1", original.steps().get(0));
    assertThat(sink.trajectory("run-1").orElseThrow().isFinished()).isFalse();
    original.steps().subList(1, 5).forEach(s -> sink.onStep("run-1", s));
    sink.onFooter(
        "run-1",
        new TrajectoryFooter(
            T0, original.outcome(), original.totals(), original.grades(), original.reward()));

    assertThat(sink.trajectories()).containsExactly(original);
    sink.clear();
    assertThat(sink.trajectory("run-1")).isEmpty();
  }
}
