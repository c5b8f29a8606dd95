package dev.researcher4j.core.durable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.ServerErrorException;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.trajectory.InMemoryTrajectorySink;
import dev.researcher4j.core.trajectory.TrajectoryCodec;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.testing.FakeClock;
import dev.researcher4j.testing.RecordingListener;
import dev.researcher4j.testing.ScriptedChatModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DurableAgentTest {

  /** A tool that registers one source per URL in {@code urls} and cites them in its text. */
  static Tool reader(String name) {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    schema.putObject("properties").putObject("urls").put("type", "string");
    schema.putArray("required").add("urls");
    ToolSpec spec = ToolSpec.of(name, "Reads pages.", schema);
    return new Tool() {
      @Override
      public ToolSpec spec() {
        return spec;
      }

      @Override
      public ToolResult execute(ToolCall call, ToolContext context) {
        StringBuilder text = new StringBuilder();
        for (String url : call.parsedArguments().path("urls").asText().split(",")) {
          Source source = context.registerSource(Source.web(url, "Page " + url, "About " + url));
          text.append('[').append(source.id()).append("] read ").append(url).append('\n');
        }
        return ToolResult.of(text.toString());
      }
    };
  }

  static ToolCall read(String id, String urls) {
    return new ToolCall(id, "reader", "{\"urls\":\"" + urls + "\"}");
  }

  static ResearchAgent.Builder agent(ScriptedChatModel model) {
    return ResearchAgent.builder()
        .chatModel(model)
        .tools(reader("reader"))
        .planning(false)
        .verification(VerificationPolicy.disabled())
        .clock(FakeClock.fixed());
  }

  @Test
  void aDurableRunRecordsWhatALocalRunRecords() {
    ScriptedChatModel localModel = script();
    InMemoryTrajectorySink localSink = new InMemoryTrajectorySink();
    Trajectory local =
        agent(localModel).trajectorySink(localSink).build().run(Task.of("What is a?"));

    ScriptedChatModel model = script();
    DurableAgent durable = agent(model).build().durable();
    InMemoryTrajectorySink sink = new InMemoryTrajectorySink();
    InProcessEngine engine = InProcessEngine.live(durable, FakeClock.fixed());
    Trajectory run =
        durable
            .newRun(RunRequest.of("run-1", Task.of("What is a?")).withSinks(List.of(sink)), engine)
            .execute();

    assertThat(run.outcome().stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(run.outcome().answer()).isEqualTo(local.outcome().answer());
    assertThat(run.outcome().report()).isEqualTo(local.outcome().report());
    assertThat(run.steps())
        .extracting(Step::kind)
        .isEqualTo(local.steps().stream().map(Step::kind).toList());
    assertThat(model.requests()).isEqualTo(localModel.requests());
    assertThat(engine.modelInputs).extracting(ModelCallInput::kind).containsOnly(StepKind.MODEL);
    assertThat(sink.trajectory("run-1")).isPresent();
    assertThat(sink.trajectory("run-1").orElseThrow().outcome()).isEqualTo(run.outcome());
  }

  private static ScriptedChatModel script() {
    return ScriptedChatModel.of(
        ScriptedChatModel.toolCalls(read("c1", "https://a.example/1")),
        ScriptedChatModel.text("Answer: a [S1]\n\nA is one [S1]."));
  }

  @Test
  void parallelCallsGetUniqueIdsInCallOrderWhateverOrderTheyFinishIn() throws Exception {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            ScriptedChatModel.toolCalls(read("c0", "https://a.example/known")),
            ScriptedChatModel.toolCalls(
                read("c1", "https://a.example/x,https://a.example/known"),
                read("c2", "https://a.example/y,https://a.example/x"),
                read("c3", "https://a.example/z")),
            ScriptedChatModel.text("Answer: xyz [S2]\n\nX [S2], y [S3], z [S4]."));
    // The calls finish in reverse order: c3 first, c1 last.
    CountDownLatch c3Done = new CountDownLatch(1);
    CountDownLatch c2Done = new CountDownLatch(1);
    Tool slow =
        new Tool() {
          final Tool inner = reader("reader");

          @Override
          public ToolSpec spec() {
            return inner.spec();
          }

          @Override
          public ToolResult execute(ToolCall call, ToolContext context) throws Exception {
            if (call.id().equals("c1")) {
              c2Done.await(5, TimeUnit.SECONDS);
            } else if (call.id().equals("c2")) {
              c3Done.await(5, TimeUnit.SECONDS);
            }
            ToolResult result = inner.execute(call, context);
            (call.id().equals("c3")
                    ? c3Done
                    : call.id().equals("c2") ? c2Done : new CountDownLatch(1))
                .countDown();
            return result;
          }
        };
    DurableAgent durable =
        ResearchAgent.builder()
            .chatModel(model)
            .tool(slow, null)
            .planning(false)
            .verification(VerificationPolicy.disabled())
            .clock(FakeClock.fixed())
            .build()
            .durable();
    InProcessEngine engine = InProcessEngine.live(durable, FakeClock.fixed());

    Trajectory run = durable.newRun(RunRequest.of("run-ids", Task.of("q")), engine).execute();

    Step batch = run.steps().stream().filter(s -> s.kind() == StepKind.TOOLS).toList().get(1);
    assertThat(batch.toolExecutions())
        .extracting(e -> e.result().content())
        .containsExactly(
            "[S2] read https://a.example/x\n[S1] read https://a.example/known\n",
            "[S3] read https://a.example/y\n[S2] read https://a.example/x\n",
            "[S4] read https://a.example/z\n");
    assertThat(batch.toolExecutions())
        .extracting(e -> e.sourceIds())
        .containsExactly(List.of("S2", "S1"), List.of("S3", "S2"), List.of("S4"));
    assertThat(run.outcome().sources()).extracting(Source::id).containsExactly("S2", "S3", "S4");
    ChatRequest last = model.requests().get(2);
    assertThat(last.messages().stream().filter(m -> m.role() == Role.TOOL).map(Message::content))
        .noneMatch(text -> text.matches("(?s).*S\\d{7}.*"));
    // Each call was handed the run's sources so far, without excerpts.
    assertThat(engine.toolInputs.get(1).knownSources())
        .singleElement()
        .satisfies(s -> assertThat(s.id()).isEqualTo("S1"))
        .satisfies(s -> assertThat(s.excerpts()).isEmpty());
  }

  @Test
  void replayingTheRecordedOutputsMakesTheSameRun() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            ScriptedChatModel.toolCalls(
                read("c1", "https://a.example/1"), read("c2", "https://a.example/2")),
            ScriptedChatModel.text("Answer: b [S2]\n\nB [S2]."));
    DurableAgent durable = agent(model).build().durable();
    InProcessEngine live = InProcessEngine.live(durable, FakeClock.fixed());
    Task task = Task.of("q");
    Trajectory first = durable.newRun(RunRequest.of("run-r", task), live).execute();

    // The journal goes through JSON, as an engine's history does.
    List<Object> journal = roundTrip(live.journal());
    InProcessEngine replay = InProcessEngine.replaying(journal, FakeClock.fixed());
    Trajectory second =
        agent(ScriptedChatModel.of())
            .build()
            .durable()
            .newRun(RunRequest.of("run-r", task), replay)
            .execute();

    assertThat(TrajectoryCodec.encode(second, second.header().startedAt()))
        .isEqualTo(TrajectoryCodec.encode(first, first.header().startedAt()));
    assertThat(replay.modelInputs)
        .extracting(ModelCallInput::request)
        .isEqualTo(live.modelInputs.stream().map(ModelCallInput::request).toList());
  }

  private static List<Object> roundTrip(List<Object> journal) {
    var mapper = DurableJson.newMapper();
    return journal.stream()
        .map(
            entry -> {
              try {
                if (entry instanceof ModelCallOutput output) {
                  return (Object)
                      mapper.readValue(mapper.writeValueAsString(output), ModelCallOutput.class);
                }
                @SuppressWarnings("unchecked")
                List<ToolCallOutput> outputs = (List<ToolCallOutput>) entry;
                return mapper.readValue(
                    mapper.writeValueAsString(outputs),
                    mapper
                        .getTypeFactory()
                        .constructCollectionType(List.class, ToolCallOutput.class));
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            })
        .toList();
  }

  @Test
  void aModelThatIsDownFailsTheRunWithTheStopReasonAndMessageOfALocalRun() {
    ServerErrorException down =
        new ServerErrorException("HTTP 503: the model server is down", null, "test", 503, "", null);
    Trajectory local =
        agent(ScriptedChatModel.builder().fail(down).build()).build().run(Task.of("q"));
    DurableAgent durable = agent(ScriptedChatModel.builder().fail(down).build()).build().durable();

    Trajectory run =
        durable
            .newRun(
                RunRequest.of("run-down", Task.of("q")),
                InProcessEngine.live(durable, FakeClock.fixed()))
            .execute();

    assertThat(local.outcome().stopReason()).isEqualTo(StopReason.FAILED);
    assertThat(run.outcome().stopReason()).isEqualTo(local.outcome().stopReason());
    assertThat(run.outcome().error()).isEqualTo(local.outcome().error()).contains("503");
    assertThat(run.steps().get(0).data()).isEqualTo(local.steps().get(0).data());
  }

  @Test
  void aCancelledRunEndsCancelledAtItsNextStep() {
    AtomicReference<DurableRun> holder = new AtomicReference<>();
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .reply(
                request -> {
                  holder.get().cancel();
                  return ScriptedChatModel.toolCalls(read("c1", "https://a.example/1"));
                })
            .build();
    DurableAgent durable = agent(model).build().durable();
    RecordingListener listener = new RecordingListener();
    DurableRun run =
        durable.newRun(
            RunRequest.of("run-c", Task.of("q")).withListener(listener),
            InProcessEngine.live(durable, FakeClock.fixed()));
    holder.set(run);

    Trajectory trajectory = run.execute();

    assertThat(trajectory.outcome().stopReason()).isEqualTo(StopReason.CANCELLED);
    assertThat(listener.finishedRuns()).hasSize(1);
  }

  @Test
  void aCancelledModelCallOnAWorkerEndsAsCancelled() throws Exception {
    CountDownLatch called = new CountDownLatch(1);
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .reply(
                request -> {
                  called.countDown();
                  Thread.sleep(60_000);
                  return ScriptedChatModel.text("late");
                })
            .build();
    DurableAgent durable = agent(model).build().durable();
    Cancellation cancellation = new Cancellation();
    var pool = Executors.newSingleThreadExecutor();
    try {
      var output =
          pool.submit(
              () ->
                  durable.callModel(
                      new ModelCallInput(
                          "run-x",
                          0,
                          StepKind.MODEL,
                          ChatRequest.builder().addMessage(Message.user("hi")).build(),
                          Duration.ofMinutes(5)),
                      cancellation));
      assertThat(called.await(5, TimeUnit.SECONDS)).isTrue();
      cancellation.cancel();
      assertThat(output.get(5, TimeUnit.SECONDS).failure())
          .isEqualTo(ModelCallOutput.Failure.CANCELLED);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aToolCallOnAWorkerGivesNewSourcesProvisionalIdsAndKeepsKnownOnes() {
    DurableAgent durable = agent(ScriptedChatModel.of()).build().durable();
    Source known =
        new Source(
            "S1",
            Source.Kind.WEB,
            "https://a.example/known",
            "Known",
            List.of(),
            java.util.Map.of());

    ToolCallOutput output =
        durable.callTool(
            new ToolCallInput(
                "run-t",
                Task.of("q"),
                1,
                read("c1", "https://a.example/new,https://a.example/known"),
                List.of(known),
                Duration.ofMinutes(1)),
            new Cancellation());

    assertThat(output.execution().sourceIds()).containsExactly("S1000001", "S1");
    assertThat(output.modelText())
        .contains("[S1000001] read https://a.example/new")
        .contains("[S1] read https://a.example/known");
  }
}
