package dev.researcher4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.core.prompt.Prompts;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.core.trajectory.replay.ReplayChatModel;
import dev.researcher4j.core.trajectory.replay.ReplayDivergenceException;
import dev.researcher4j.core.trajectory.replay.ReplayTools;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.testing.ScriptedChatModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

  @TempDir Path dir;

  /**
   * The trajectory with the run id replaced and exception class names in step data dropped: what a
   * replay may change.
   */
  private static Trajectory normalized(Trajectory t) {
    TrajectoryHeader h = t.header();
    TrajectoryHeader header =
        new TrajectoryHeader(
            h.schema(),
            "run",
            h.parentRunId(),
            h.task(),
            h.model(),
            h.tools(),
            h.budget(),
            h.sdkVersion(),
            h.startedAt());
    List<Step> steps = new ArrayList<>();
    for (Step s : t.steps()) {
      JsonNode data = s.data();
      if (data.has("errors")) {
        ((ObjectNode) data).remove("errors");
      }
      steps.add(
          new Step(
              s.index(),
              s.kind(),
              s.startedAt(),
              s.endedAt(),
              s.modelCall(),
              s.toolExecutions(),
              s.usage(),
              s.summary(),
              data,
              s.error()));
    }
    return new Trajectory(header, steps, t.outcome(), t.totals(), t.grades(), t.reward());
  }

  private Trajectory recorded() throws Exception {
    Trajectory run = ResearchScenario.completing().record(dir);
    // Replay what a file holds, as users do.
    return TrajectoryReader.read(dir.resolve(run.runId() + ".jsonl"));
  }

  @Test
  void replayingModelAndToolsReproducesTheRecordedRun() throws Exception {
    Trajectory recorded = recorded();
    ReplayChatModel model = ReplayChatModel.of(recorded);
    ReplayTools tools = ReplayTools.of(recorded);
    ResearchScenario scenario = ResearchScenario.completing();

    Trajectory again = scenario.agent(model, tools.tools()).build().run(recorded.header().task());

    model.verify();
    tools.verify();
    assertThat(normalized(again)).isEqualTo(normalized(recorded));
    assertThat(again.runId()).isNotEqualTo(recorded.runId());
    assertThat(model.replayedCalls()).isEqualTo(model.recordedCalls()).isEqualTo(9);
    // Eight tool calls, one of them answered from the run's cache.
    assertThat(tools.replayedCalls()).isEqualTo(7);
    assertThat(scenario.toolRuns).hasValue(0);
    assertThat(model.info()).isEqualTo(recorded.header().model());
  }

  @Test
  void replayingTheModelWithLiveToolsReproducesTheRecordedRunExactlyButForItsId() throws Exception {
    Trajectory recorded = recorded();
    ReplayChatModel model = ReplayChatModel.of(recorded);
    ResearchScenario scenario = ResearchScenario.completing();

    Trajectory again = scenario.agent(model).build().run(recorded.header().task());

    model.verify();
    assertThat(again.steps()).isEqualTo(recorded.steps());
    assertThat(again.outcome()).isEqualTo(recorded.outcome());
    assertThat(again.totals()).isEqualTo(recorded.totals());
    assertThat(scenario.toolRuns).hasValue(7);
  }

  @Test
  void aToolThatNowAnswersDifferentlyIsReportedAtTheFirstRequestThatShowsIt() throws Exception {
    Trajectory recorded = recorded();
    ReplayChatModel model = ReplayChatModel.of(recorded);
    ResearchScenario scenario = ResearchScenario.completing();
    List<Tool> tools = new ArrayList<>(scenario.tools());
    ToolSpec searchSpec = tools.get(0).spec();
    tools.set(
        0,
        new Tool() {
          @Override
          public ToolSpec spec() {
            return searchSpec;
          }

          @Override
          public ToolResult execute(ToolCall call, ToolContext context) {
            return ToolResult.of(
                "Changed result",
                List.of(Source.web("https://example.org/changed", "Changed", "x")));
          }
        });

    Trajectory again = scenario.agent(model, tools).build().run(recorded.header().task());

    assertThat(again.requireOutcome().stopReason()).isEqualTo(StopReason.FAILED);
    assertThat(again.requireOutcome().error()).contains("ReplayDivergenceException");
    assertThatThrownBy(model::verify)
        .isInstanceOf(ReplayDivergenceException.class)
        .hasMessage(
            "replay diverged at step 3: the MODEL request differs: message 3 (TOOL) content"
                + " differs at character 0: recorded \"Result for alpha\\n\\nSources:\\n[S1] Page"
                + " about alpha — https://e…\", now \"Changed result\\n\\nSources:\\n[S1] Changed —"
                + " https://example.org/…\"")
        .satisfies(
            e -> {
              ReplayDivergenceException d = (ReplayDivergenceException) e;
              assertThat(d.stepIndex()).isEqualTo(3);
              assertThat(d.kind()).isEqualTo(ReplayDivergenceException.Kind.REQUEST);
            });
  }

  @Test
  void aDifferentToolCallIsReportedWithTheStepAndBothCalls() throws Exception {
    Trajectory recorded = recorded();
    ReplayTools tools = ReplayTools.of(recorded);
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .when(Fixtures.isPlan(), r -> ScriptedChatModel.text("{\"subQuestions\":[]}"))
            .reply(Fixtures.search("c1", "alpha particles"))
            .text("Answer: 1\n\nOne.")
            .build();

    ResearchScenario.completing()
        .agent(model, tools.tools())
        .verification(VerificationPolicy.disabled())
        .build()
        .run(recorded.header().task());

    assertThatThrownBy(tools::verify)
        .isInstanceOf(ReplayDivergenceException.class)
        .hasMessage(
            "replay diverged at step 2: tool call c1 differs; recorded: web_search"
                + " {\"query\":\"alpha\"}; now: web_search {\"query\":\"alpha particles\"}")
        .extracting(e -> ((ReplayDivergenceException) e).kind())
        .isEqualTo(ReplayDivergenceException.Kind.TOOL_CALL);
  }

  @Test
  void aRunThatStopsEarlyOrGoesOnTooLongIsReported() throws Exception {
    Trajectory recorded = recorded();
    ReplayChatModel model = ReplayChatModel.of(recorded);

    // Without verification the run finishes at its first draft: four recorded calls are unused.
    Trajectory shorter =
        ResearchScenario.completing()
            .agent(model)
            .verification(VerificationPolicy.disabled())
            .build()
            .run(recorded.header().task());

    assertThat(shorter.requireOutcome().stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThatThrownBy(model::verify)
        .isInstanceOf(ReplayDivergenceException.class)
        .hasMessage(
            "replay diverged at step 8: the run ended after 5 model calls, but 9 were recorded;"
                + " the next was a VERIFY call");

    Trajectory cut =
        new Trajectory(
            recorded.header(),
            recorded.steps().subList(0, 3),
            null,
            recorded.totals(),
            List.of(),
            null);
    ReplayChatModel tooFew = ReplayChatModel.of(cut);
    ResearchScenario.completing().agent(tooFew).build().run(recorded.header().task());
    assertThat(tooFew.divergence())
        .get()
        .extracting(ReplayDivergenceException::kind)
        .isEqualTo(ReplayDivergenceException.Kind.EXTRA_CALL);
    assertThat(tooFew.divergence().get().getMessage())
        .startsWith(
            "replay diverged at step 3: the run made model call #3, but only 2 were recorded");
  }

  @Test
  void sourcesToolsRegisterThemselvesInParallelGetTheirRecordedIdsWhateverTheOrderCallsStart()
      throws Exception {
    // Recorded with c1 registering first (the two calls run in parallel, so pin the order).
    CountDownLatch firstRegistered = new CountDownLatch(1);
    Tool lookup =
        Fixtures.tool(
            "lookup",
            (call, context) -> {
              String q = call.parsedArguments().path("query").asText();
              if (q.equals("two")) {
                assertThat(firstRegistered.await(10, TimeUnit.SECONDS)).isTrue();
              }
              Source s = context.registerSource(Source.web("https://example.org/" + q, q, q));
              if (q.equals("one")) {
                firstRegistered.countDown();
              }
              return ToolResult.of("See [" + s.id() + "].");
            });
    ScriptedChatModel live =
        ScriptedChatModel.builder()
            .toolCalls(
                Fixtures.call("c1", "lookup", "{\"query\":\"one\"}"),
                Fixtures.call("c2", "lookup", "{\"query\":\"two\"}"))
            .text("Answer: 2\n\nOne [S1], two [S2].")
            .build();
    Trajectory recorded = Fixtures.agent(live, lookup).build().run(Task.of("q"));
    assertThat(recorded.steps().get(1).toolExecutions())
        .extracting(e -> e.result().content())
        .containsExactly("See [S1].", "See [S2].");

    // Replay with c1 held back until c2 has started: c2 must still get S2.
    ReplayTools replay = ReplayTools.of(recorded);
    Tool replaying = replay.tools().get(0);
    CountDownLatch secondStarted = new CountDownLatch(1);
    Tool holdingBack =
        Fixtures.tool(
            "lookup",
            (call, context) -> {
              if (call.id().equals("c1")) {
                assertThat(secondStarted.await(10, TimeUnit.SECONDS)).isTrue();
              } else {
                secondStarted.countDown();
              }
              return replaying.execute(call, context);
            });
    ReplayChatModel model = ReplayChatModel.of(recorded);
    Trajectory again =
        Fixtures.agent(live, holdingBack).chatModel(model).build().run(recorded.header().task());

    model.verify();
    replay.verify();
    assertThat(again.steps()).isEqualTo(recorded.steps());
  }

  @Test
  void aChangedPromptIsReportedAtTheFirstCall() throws Exception {
    Trajectory recorded = recorded();
    ReplayChatModel model = ReplayChatModel.of(recorded);

    ResearchScenario.completing()
        .agent(model)
        .prompts(Prompts.defaults().toBuilder().system("You are a different agent.").build())
        .build()
        .run(recorded.header().task());

    assertThat(model.divergence()).isPresent();
    assertThat(model.divergence().get().stepIndex()).isZero();
    assertThat(model.divergence().get().getMessage())
        .startsWith(
            "replay diverged at step 0: the PLAN request differs: message 0 (SYSTEM) content"
                + " differs at character 10: recorded \"You are a careful research agent.");
  }
}
