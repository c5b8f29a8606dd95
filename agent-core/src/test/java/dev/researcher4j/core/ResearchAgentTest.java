package dev.researcher4j.core;

import static dev.researcher4j.core.Fixtures.agent;
import static dev.researcher4j.core.Fixtures.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.core.trajectory.InMemoryTrajectorySink;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.core.verify.Verifier;
import dev.researcher4j.testing.RecordingListener;
import dev.researcher4j.testing.ScriptedChatModel;
import dev.researcher4j.testing.TrajectoryAssertions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ResearchAgentTest {

  private static final String PLAN =
      "{\"subQuestions\":[\"What is A?\",\"What is B?\"],\"evidenceNeeded\":[\"official pages\"],"
          + "\"firstSearches\":[\"a\",\"b\"]}";

  @Test
  void runsPlanParallelToolsVerifyAndFinishWithACitedReport() {
    CountDownLatch bothRunning = new CountDownLatch(2);
    var search =
        Fixtures.tool(
            "web_search",
            (c, context) -> {
              String query = c.parsedArguments().path("query").asText();
              bothRunning.countDown();
              // Each call waits for the other: only calls that run at the same time both finish.
              if (!bothRunning.await(20, TimeUnit.SECONDS)) {
                return ToolResult.error("the other call never started");
              }
              return ToolResult.of(
                  "Found " + query,
                  List.of(
                      Source.web(
                          "https://example.org/" + query, "About " + query, query + " is 42.")));
            });
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .when(Fixtures.isPlan(), r -> ScriptedChatModel.text(PLAN))
            .when(
                Fixtures.isVerify(),
                r ->
                    ScriptedChatModel.text(
                        "{\"verdicts\":[{\"claim\":1,\"verdict\":\"SUPPORTED\"},"
                            + "{\"claim\":2,\"verdict\":\"SUPPORTED\"}]}"))
            .toolCalls(
                call("c1", "web_search", "{\"query\":\"a\"}"),
                call("c2", "web_search", "{\"query\":\"b\"}"))
            .text("Answer: 42\n\n## Findings\nA is 42 [S1]. B is 42 too [S2].")
            .build();
    RecordingListener listener = new RecordingListener();
    InMemoryTrajectorySink sink = new InMemoryTrajectorySink();
    ResearchAgent researcher =
        agent(model, search)
            .planning(true)
            .verification(VerificationPolicy.ofDefaults())
            .listener(listener)
            .trajectorySink(sink)
            .build();

    Trajectory trajectory = researcher.run(Task.of("What are A and B?"));

    TrajectoryAssertions.assertThat(trajectory)
        .isCompleted()
        .hasStepKinds(
            StepKind.PLAN,
            StepKind.MODEL,
            StepKind.TOOLS,
            StepKind.MODEL,
            StepKind.VERIFY,
            StepKind.FINAL)
        .calledTool("web_search", 2)
        .hasToolCall("web_search", ToolExecution.Status.OK)
        .citedSources("S1", "S2")
        .answerContains("42")
        .reportContains("## Sources")
        .reportContains("[S1] About a — https://example.org/a")
        .hasCitation("S2", Citation.Support.SUPPORTED)
        .hasNoUnsupportedCitations()
        .stayedWithinBudget();
    List<ChatRequest> act = Fixtures.actRequests(model);
    assertThat(act.get(0).messages().get(0).content()).contains("2026-01-15 (Thursday)");
    assertThat(act.get(0).messages().get(1).content())
        .contains("What are A and B?")
        .contains("1. What is A?");
    assertThat(act.get(0).parallelToolCalls()).isTrue();
    assertThat(Fixtures.toolMessages(act.get(1)))
        .extracting(Message::content)
        .containsExactly(
            "Found a\n\nSources:\n[S1] About a — https://example.org/a",
            "Found b\n\nSources:\n[S2] About b — https://example.org/b");
    assertThat(sink.trajectory(trajectory.runId())).contains(trajectory);
    assertThat(listener.eventNames(trajectory.runId()))
        .startsWith("onRunStarted", "onStepStarted", "onModelCall")
        .contains("onToolCallStarted", "onToolCallFinished", "onSourceAdded", "onStepFinished")
        .endsWith("onStepFinished", "onRunFinished");
    assertThat(trajectory.totals().modelCalls()).isEqualTo(4);
    assertThat(trajectory.totals().sources()).isEqualTo(2);
  }

  @Test
  void recordsPlanVerdictsAndFinalDetailsInStepData() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .when(Fixtures.isPlan(), r -> ScriptedChatModel.text(PLAN))
            .when(
                Fixtures.isVerify(),
                r ->
                    ScriptedChatModel.text(
                        "{\"verdicts\":[{\"claim\":1,\"verdict\":\"SUPPORTED\"}]}"))
            .reply(Fixtures.search("c1", "a"))
            .text("Answer: 42\n\nA is 42 [S1].")
            .build();

    Trajectory trajectory =
        agent(model, Fixtures.search())
            .planning(true)
            .verification(VerificationPolicy.ofDefaults())
            .build()
            .run(Task.of("What is A?"));

    Step plan = TrajectoryAssertions.steps(trajectory, StepKind.PLAN).get(0);
    assertThat(plan.data().path("subQuestions").get(0).asText()).isEqualTo("What is A?");
    assertThat(plan.modelCall().request().responseFormat().name()).isEqualTo("research_plan");
    Step verify = TrajectoryAssertions.steps(trajectory, StepKind.VERIFY).get(0);
    assertThat(verify.modelCall()).isNotNull();
    assertThat(verify.data().path("citations").get(0).path("support").asText())
        .isEqualTo("SUPPORTED");
    Step last = trajectory.steps().get(trajectory.steps().size() - 1);
    assertThat(last.kind()).isEqualTo(StepKind.FINAL);
    assertThat(last.data().path("stop_reason").asText()).isEqualTo("COMPLETED");
    assertThat(last.data().path("cited_source_ids").get(0).asText()).isEqualTo("S1");
  }

  @Test
  void researchesWithoutAPlanWhenThePlannerReplyIsUnreadable() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .when(Fixtures.isPlan(), r -> ScriptedChatModel.text("I will just search."))
            .text("Answer: 7\n\nSeven.")
            .build();

    Trajectory trajectory = agent(model).planning(true).build().run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory)
        .isCompleted()
        .hasStepKinds(StepKind.PLAN, StepKind.PLAN, StepKind.MODEL, StepKind.FINAL)
        .answerContains("7");
    assertThat(trajectory.steps().get(1).summary()).contains("planning failed");
  }

  @Test
  void failsTheRunButKeepsTheRecordWhenTheModelKeepsFailing() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .reply(Fixtures.search("c1", "a"))
            .text("Answer: draft\n\nA draft [S1].")
            .fail(
                new RateLimitException(
                    "openai-compatible: rate limited (429) after 4 attempts",
                    null,
                    "openai-compatible",
                    429,
                    "rate_limit_exceeded",
                    null))
            .build();
    InMemoryTrajectorySink sink = new InMemoryTrajectorySink();

    Trajectory trajectory =
        agent(model, Fixtures.search())
            .verification(
                VerificationPolicy.builder()
                    .verifier(
                        r -> List.of(new Verifier.Verdict(1, Citation.Support.UNSUPPORTED, "no")))
                    .build())
            .trajectorySink(sink)
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory)
        .stoppedBecause(StopReason.FAILED)
        .hasStep(StepKind.ERROR)
        .answerContains("draft");
    assertThat(trajectory.requireOutcome().error()).contains("rate limited");
    Step error = TrajectoryAssertions.steps(trajectory, StepKind.ERROR).get(0);
    assertThat(error.data().path("status_code").asInt()).isEqualTo(429);
    assertThat(error.data().path("retryable").asBoolean()).isTrue();
    assertThat(sink.trajectory(trajectory.runId()).orElseThrow().isFinished()).isTrue();
  }

  @Test
  void aThrowingListenerDoesNotBreakTheRun() {
    AgentListener broken =
        new AgentListener() {
          @Override
          public void onStepFinished(String runId, Step step) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void onRunStarted(TrajectoryHeader header) {
            throw new AssertionError("failed assertion in a listener");
          }

          @Override
          public void onToolCallStarted(String runId, dev.researcher4j.api.ToolCall call) {
            throw new IllegalStateException("listener bug");
          }
        };
    RecordingListener after = new RecordingListener();
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .reply(Fixtures.search("c1", "a"))
            .text("Answer: 1\n\nOne [S1].")
            .build();

    Trajectory trajectory =
        agent(model, Fixtures.search()).listener(broken).listener(after).build().run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory).isCompleted().citedSources("S1");
    assertThat(after.finishedRuns()).containsExactly(trajectory);
    assertThat(after.steps()).hasSize(trajectory.steps().size());
  }

  @Test
  void serves100ConcurrentRunsOnOneAgent() throws Exception {
    ScriptedChatModel model =
        ScriptedChatModel.answering(
            request -> {
              Message last = Fixtures.last(request);
              if (last.role() == Role.TOOL) {
                return ScriptedChatModel.text("Answer: done\n\nFound it [S1].");
              }
              String question = request.messages().get(1).content();
              return ScriptedChatModel.toolCalls(
                  call(
                      "c1",
                      "web_search",
                      "{\"query\":\"" + question.replaceAll("\\D", "") + "\"}"));
            });
    RecordingListener listener = new RecordingListener();
    ResearchAgent researcher = agent(model, Fixtures.search()).listener(listener).build();

    List<CompletableFuture<Trajectory>> runs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      runs.add(researcher.runAsync(Task.builder("question " + i).id("task-" + i).build()));
    }
    CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    Set<String> runIds = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      Trajectory trajectory = runs.get(i).get();
      runIds.add(trajectory.runId());
      TrajectoryAssertions.assertThat(trajectory)
          .isCompleted()
          .citedSources("S1")
          .calledTool("web_search", 1);
      assertThat(trajectory.header().task().id()).isEqualTo("task-" + i);
      // Sources are per run: each run's only source is its own question's page.
      assertThat(trajectory.requireOutcome().sources().get(0).url())
          .isEqualTo("https://example.org/" + i);
    }
    assertThat(runIds).hasSize(100);
    assertThat(listener.finishedRuns()).hasSize(100);
    assertThat(model.callCount()).isEqualTo(200);
  }

  @Test
  void cancellingTheFutureInterruptsToolsInFlightAndEndsTheRunCancelled() throws Exception {
    CountDownLatch toolStarted = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    var slow =
        Fixtures.tool(
            "web_search",
            (c, context) -> {
              toolStarted.countDown();
              try {
                new CountDownLatch(1).await();
              } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
              }
              return ToolResult.of("never");
            });
    ScriptedChatModel model = ScriptedChatModel.builder().reply(Fixtures.search("c1", "a")).build();
    RecordingListener listener = new RecordingListener();
    InMemoryTrajectorySink sink = new InMemoryTrajectorySink();
    ResearchAgent researcher = agent(model, slow).listener(listener).trajectorySink(sink).build();

    CompletableFuture<Trajectory> future = researcher.runAsync(Task.of("q"));
    assertThat(toolStarted.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(future.cancel(true)).isTrue();

    assertThat(interrupted.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(listener.awaitFinishedRuns(1, Duration.ofSeconds(20))).isTrue();
    Trajectory trajectory = listener.finishedRuns().get(0);
    TrajectoryAssertions.assertThat(trajectory)
        .stoppedBecause(StopReason.CANCELLED)
        .hasToolCall("web_search", ToolExecution.Status.CANCELLED);
    assertThat(future).isCancelled();
    assertThat(sink.trajectory(trajectory.runId()).orElseThrow().isFinished()).isTrue();
  }

  @Test
  void cancellingDuringAModelCallEndsTheRunCancelled() throws Exception {
    CountDownLatch modelCalled = new CountDownLatch(1);
    ScriptedChatModel model =
        ScriptedChatModel.answering(
            request -> {
              modelCalled.countDown();
              new CountDownLatch(1).await();
              return ScriptedChatModel.text("never");
            });
    RecordingListener listener = new RecordingListener();
    CompletableFuture<Trajectory> future =
        agent(model).listener(listener).build().runAsync(Task.of("q"));
    assertThat(modelCalled.await(20, TimeUnit.SECONDS)).isTrue();

    future.cancel(true);

    assertThat(listener.awaitFinishedRuns(1, Duration.ofSeconds(20))).isTrue();
    TrajectoryAssertions.assertThat(listener.finishedRuns().get(0))
        .stoppedBecause(StopReason.CANCELLED)
        .hasStepKinds(StepKind.ERROR, StepKind.FINAL);
  }

  @Test
  void givesToolCallsWithoutIdsUsableIds() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .toolCalls(
                call("", "web_search", "{\"query\":\"a\"}"),
                call("", "web_search", "{\"query\":\"b\"}"))
            .text("Answer: x\n\nX [S1] and [S2].")
            .build();

    Trajectory trajectory = agent(model, Fixtures.search()).build().run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory).isCompleted().citedSources("S1", "S2");
    ChatRequest second = model.requests().get(1);
    List<String> ids =
        second.messages().get(2).toolCalls().stream()
            .map(dev.researcher4j.api.ToolCall::id)
            .toList();
    assertThat(ids).doesNotHaveDuplicates().allMatch(id -> !id.isBlank());
    assertThat(Fixtures.toolMessages(second))
        .extracting(Message::toolCallId)
        .containsExactlyElementsOf(ids);
  }

  @Test
  void sendsAnEmptyDraftBackAndFailsAfterThreeEmptyReplies() {
    ScriptedChatModel model = ScriptedChatModel.answering(r -> ScriptedChatModel.text(""));

    Trajectory trajectory = agent(model).build().run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory).stoppedBecause(StopReason.FAILED).madeModelCalls(3);
    assertThat(trajectory.requireOutcome().error()).contains("empty reply");
  }

  @Test
  void modelRetriesAndStreamedTextReachListenersAndTheTrajectory() {
    var retry =
        new dev.researcher4j.api.RetryAttempt(
            1, "rate limited", "RateLimitException", 429, Duration.ofSeconds(2));
    ScriptedChatModel model =
        ScriptedChatModel.of(
            ScriptedChatModel.text("Answer: ok\n\nFine.")
                .withRetries(List.of(retry), Duration.ofSeconds(3)));
    RecordingListener listener = new RecordingListener();

    Trajectory trajectory = agent(model).listener(listener).build().run(Task.of("q"));

    assertThat(listener.retries())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.target()).isEqualTo("model");
              assertThat(r.attempt()).isEqualTo(retry);
            });
    assertThat(listener.streamedText()).isEqualTo("Answer: ok\n\nFine.");
    assertThat(trajectory.steps().get(0).modelCall().response().retries()).containsExactly(retry);
  }

  @Test
  void credentialLikeModelParametersAreNeverRecorded() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .info(
                new dev.researcher4j.api.ModelInfo(
                    "openai-compatible",
                    "m",
                    8_192,
                    java.util.Map.of(
                        "temperature",
                        0.2,
                        "api_key",
                        "sk-live-123",
                        "Authorization",
                        "Bearer sk-live-123")))
            .text("Answer: ok\n\nFine.")
            .build();

    Trajectory trajectory = agent(model).build().run(Task.of("q"));

    assertThat(trajectory.header().model().parameters()).containsOnlyKeys("temperature");
    assertThat(trajectory.header().model().contextWindow()).isEqualTo(8_192);
  }

  @Test
  void rejectsABuilderWithoutAModel() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResearchAgent.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("chatModel is required, but was not set");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ResearchAgent.builder().tools(Fixtures.search(), Fixtures.search()))
        .hasMessageContaining("web_search was already added");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ResearchAgent.builder().maxParallelToolCalls(0))
        .hasMessage("maxParallelToolCalls must be >= 1, but was 0");
  }
}
