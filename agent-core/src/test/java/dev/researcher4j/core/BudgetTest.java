package dev.researcher4j.core;

import static dev.researcher4j.core.Fixtures.agent;
import static dev.researcher4j.core.Fixtures.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolChoice;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.testing.FakeClock;
import dev.researcher4j.testing.RecordingListener;
import dev.researcher4j.testing.ScriptedChatModel;
import dev.researcher4j.testing.TrajectoryAssertions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class BudgetTest {

  private static final String FINAL = "Answer: best so far\n\nWhat was found [S1].";

  /**
   * A model that searches for something new every turn until it is told to answer (tool choice
   * NONE); {@code each} adjusts every response (usage, cost, clock).
   */
  private static ScriptedChatModel tireless(int callsPerTurn, UnaryOperator<ChatResponse> each) {
    return tireless(ScriptedChatModel.builder(), callsPerTurn, each);
  }

  private static ScriptedChatModel tireless(
      ScriptedChatModel.Builder builder, int callsPerTurn, UnaryOperator<ChatResponse> each) {
    AtomicInteger n = new AtomicInteger();
    return builder
        .otherwise(
            request -> {
              if (request.toolChoice().mode() == ToolChoice.Mode.NONE) {
                return each.apply(ScriptedChatModel.text(FINAL));
              }
              var calls = new dev.researcher4j.api.ToolCall[callsPerTurn];
              for (int i = 0; i < callsPerTurn; i++) {
                int k = n.incrementAndGet();
                calls[i] = call("c" + k, "web_search", "{\"query\":\"q" + k + "\"}");
              }
              return each.apply(ScriptedChatModel.toolCalls(calls));
            })
        .build();
  }

  private static Trajectory run(ScriptedChatModel model, Budget budget) {
    return agent(model, Fixtures.search()).budget(budget).build().run(Task.of("q"));
  }

  private static ChatRequest lastRequest(ScriptedChatModel model) {
    List<ChatRequest> requests = model.requests();
    return requests.get(requests.size() - 1);
  }

  private static void assertForcedFinalAnswer(ScriptedChatModel model, String budget) {
    ChatRequest last = lastRequest(model);
    assertThat(last.toolChoice()).isEqualTo(ToolChoice.NONE);
    assertThat(Fixtures.last(last).content())
        .startsWith(
            "The " + budget + " budget of this run is spent: no more tool calls are possible.");
  }

  @Test
  void theStepBudgetEndsTheRunWithAFinalAnswerOnTheLastStep() {
    ScriptedChatModel model = tireless(1, r -> r);

    Trajectory trajectory = run(model, Budget.builder().maxSteps(3).build());

    TrajectoryAssertions.assertThat(trajectory)
        .stoppedBecause(StopReason.BUDGET_STEPS)
        .madeModelCalls(3)
        .answerContains("best so far")
        .citedSources("S1")
        .stayedWithinBudget();
    assertForcedFinalAnswer(model, "steps");
  }

  @Test
  void theToolCallBudgetTrimsABatchTellsTheModelAndEndsTheRun() {
    ScriptedChatModel model = tireless(2, r -> r);

    Trajectory trajectory = run(model, Budget.builder().maxToolCalls(3).build());

    TrajectoryAssertions.assertThat(trajectory)
        .stoppedBecause(StopReason.BUDGET_TOOL_CALLS)
        .calledTool("web_search", 3)
        .hasAnswer()
        .stayedWithinBudget();
    var secondBatch = TrajectoryAssertions.steps(trajectory, StepKind.TOOLS).get(1);
    assertThat(secondBatch.data().path("skipped").get(0).asText()).isEqualTo("c4");
    List<Message> results = Fixtures.toolMessages(lastRequest(model));
    assertThat(results.get(results.size() - 1).content())
        .isEqualTo(
            "Not run: the run's tool-call budget of 3 calls is spent. Write your final answer from"
                + " what you have.");
    assertForcedFinalAnswer(model, "tool calls");
  }

  @Test
  void theInputTokenBudgetStopsBeforeTheNextPromptWouldNotFit() {
    ScriptedChatModel model = tireless(1, r -> r.withUsage(Usage.of(1_000, 20)));

    Trajectory trajectory = run(model, Budget.builder().maxInputTokens(3_600).build());

    TrajectoryAssertions.assertThat(trajectory)
        .stoppedBecause(StopReason.BUDGET_INPUT_TOKENS)
        .hasAnswer()
        .stayedWithinBudget();
    assertForcedFinalAnswer(model, "input tokens");
  }

  @Test
  void theOutputTokenBudgetCapsMaxTokensAndEndsTheRun() {
    ScriptedChatModel model = tireless(1, r -> r.withUsage(Usage.of(100, 300)));

    Trajectory trajectory = run(model, Budget.builder().maxOutputTokens(1_000).build());

    TrajectoryAssertions.assertThat(trajectory)
        .stoppedBecause(StopReason.BUDGET_OUTPUT_TOKENS)
        .madeModelCalls(3)
        .hasAnswer()
        .stayedWithinBudget();
    assertThat(model.requests().get(0).options().maxTokens()).isEqualTo(1_000);
    assertThat(lastRequest(model).options().maxTokens()).isEqualTo(400);
    assertForcedFinalAnswer(model, "output tokens");
  }

  @Test
  void theCostBudgetEndsTheRunBeforeTheNextCallCouldOverspend() {
    // Input free, $1500 per million output tokens: each call's 20 output tokens cost $0.03.
    ScriptedChatModel model =
        tireless(
            ScriptedChatModel.builder().price(0, 1500), 1, r -> r.withUsage(Usage.of(100, 20)));

    Trajectory trajectory = run(model, Budget.builder().maxCostUsd(0.10).build());

    TrajectoryAssertions.assertThat(trajectory)
        .stoppedBecause(StopReason.BUDGET_COST)
        .madeModelCalls(3)
        .hasAnswer()
        .stayedWithinBudget();
    assertThat(trajectory.totals().usage().costUsd())
        .isCloseTo(0.09, org.assertj.core.data.Offset.offset(1e-9));
    assertForcedFinalAnswer(model, "cost");
  }

  @Test
  void theTimeBudgetEndsTheRunWhenTheNextCallMightNotFinishInTime() {
    FakeClock clock = FakeClock.fixed();
    ScriptedChatModel model =
        tireless(
            1,
            r -> {
              clock.advance(Duration.ofMinutes(3));
              return r;
            });

    Trajectory trajectory =
        agent(model, Fixtures.search())
            .clock(clock)
            .budget(Budget.builder().maxTime(Duration.ofMinutes(10)).build())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory)
        .stoppedBecause(StopReason.BUDGET_TIME)
        .madeModelCalls(3)
        .hasAnswer()
        .stayedWithinBudget();
    assertThat(trajectory.totals().elapsed()).isEqualTo(Duration.ofMinutes(9));
    assertForcedFinalAnswer(model, "time");
  }

  @Test
  void aModelCallStillRunningWhenTheTimeBudgetEndsIsStopped() {
    CountDownLatch never = new CountDownLatch(1);
    ScriptedChatModel model =
        ScriptedChatModel.answering(
            r -> {
              never.await();
              return ScriptedChatModel.text("never");
            });

    Trajectory trajectory =
        agent(model)
            .budget(Budget.builder().maxTime(Duration.ofMillis(50)).build())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory)
        .stoppedBecause(StopReason.BUDGET_TIME)
        .hasStepKinds(StepKind.ERROR, StepKind.FINAL);
    assertThat(trajectory.requireOutcome().error())
        .isEqualTo("the time budget ran out before the agent wrote an answer");
  }

  @Test
  void nearTheLimitTheModelIsToldToFinishAndListenersAreWarned() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .reply(Fixtures.search("c1", "a"))
            .reply(Fixtures.search("c2", "b"))
            .text(FINAL)
            .build();
    RecordingListener listener = new RecordingListener();

    Trajectory trajectory =
        agent(model, Fixtures.search())
            .listener(listener)
            .budget(Budget.builder().maxSteps(10).warnFraction(0.2).build())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory).isCompleted();
    assertThat(listener.budgetWarnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.budget()).isEqualTo("steps");
              assertThat(w.fractionUsed()).isEqualTo(0.2);
            });
    ChatRequest third = model.requests().get(2);
    assertThat(Fixtures.last(third).content())
        .startsWith(
            "Budget notice: you have used 20% of this run's steps budget. Stop researching now.");
    assertThat(third.toolChoice()).isEqualTo(ToolChoice.AUTO);
  }

  @Test
  void whenTheNextPromptCannotFitTheBestDraftSoFarBecomesTheOutcome() {
    var huge =
        Fixtures.tool(
            "web_search",
            (c, ctx) ->
                ToolResult.of(
                    "data ".repeat(20_000),
                    List.of(Source.web("https://example.org/h", "H", "x"))));
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .text("Answer: early guess\n\nA claim [S9].")
            .reply(Fixtures.search("c1", "more"))
            .build();

    Trajectory trajectory =
        agent(model, huge)
            .verification(VerificationPolicy.builder().verifier(r -> List.of()).build())
            .budget(Budget.builder().maxInputTokens(4_000).build())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory)
        .stoppedBecause(StopReason.BUDGET_INPUT_TOKENS)
        .answerContains("early guess")
        .hasCitation("S9", Citation.Support.UNKNOWN_SOURCE)
        .reportDoesNotContain("[S9]")
        .stayedWithinBudget();
    assertThat(model.callCount()).isEqualTo(2);
  }

  @Test
  void aBudgetSpentBeforeAnyAnswerLeavesAnEmptyOutcomeThatSaysWhy() {
    ScriptedChatModel model = tireless(1, r -> r);

    Trajectory trajectory =
        agent(model, Fixtures.search())
            .planning(true)
            .budget(Budget.builder().maxSteps(1).build())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory)
        .stoppedBecause(StopReason.BUDGET_STEPS)
        .stayedWithinBudget();
    assertThat(trajectory.requireOutcome().hasAnswer()).isFalse();
    assertThat(trajectory.requireOutcome().error())
        .isEqualTo("the steps budget ran out before the agent wrote an answer");
  }
}
