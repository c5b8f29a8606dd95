package dev.researcher4j.core.internal.loop;

import static dev.researcher4j.core.internal.loop.LoopDriver.SEARCH;
import static dev.researcher4j.core.internal.loop.LoopDriver.SYSTEM;
import static dev.researcher4j.core.internal.loop.LoopDriver.T0;
import static dev.researcher4j.core.internal.loop.LoopDriver.search;
import static dev.researcher4j.core.internal.loop.LoopDriver.setup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.ToolChoice;
import dev.researcher4j.api.ToolExecution.Status;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.internal.port.ModelCallResult.Failure;
import dev.researcher4j.core.prompt.Prompts;
import dev.researcher4j.core.tool.ToolFailurePolicy;
import dev.researcher4j.core.verify.VerificationPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The loop's decisions, fed events directly: how a run starts, goes round the act loop, reacts to
 * what the model replies (tool calls, text, nothing, cut-off or filtered answers, calls after being
 * told not to call) and to failures, and how it ends.
 */
class LoopTest {

  private static final String ANSWER = "Answer: 1937\n\nThe bridge opened in 1937 [S1].";

  private static String taskText(String question, String plan) {
    return Template.render(
        Prompts.defaults().task(),
        Map.of("question", question, "instructions", "", "output_format", "", "plan", plan));
  }

  // ------------------------------------------------------------------ starting

  @Test
  void theFirstCallSendsTheSystemPromptAndTaskAndOffersTheTools() {
    LoopDriver run = setup().start();
    Action.CallModel call = run.call();
    ChatRequest request = call.request();

    assertThat(request.messages())
        .containsExactly(
            Message.system(SYSTEM), Message.user(taskText("When did the bridge open?", "")));
    assertThat(request.tools()).containsExactly(SEARCH);
    assertThat(request.toolChoice()).isEqualTo(ToolChoice.AUTO);
    assertThat(request.parallelToolCalls()).isTrue();
    assertThat(request.options().maxTokens()).isNull();
    assertThat(call.finalAnswer()).isFalse();
    assertThat(call.historyRewritten()).isFalse();
    assertThat(call.warnings()).isEmpty();
    assertThat(call.timeout()).isEqualTo(Budget.NO_TIME_LIMIT);
    assertThat(call.promptEstimate()).isEqualTo(run.estimate(request)).isPositive();
  }

  @Test
  void oneToolAtATimeAsksForNoParallelCallsAndNoToolsOffersNone() {
    LoopDriver.Setup single = setup();
    single.maxParallel = 1;
    LoopDriver.Setup none = setup();
    none.tools = List.of();

    assertThat(single.start().call().request().parallelToolCalls()).isFalse();
    ChatRequest bare = none.start().call().request();
    assertThat(bare.tools()).isEmpty();
    assertThat(bare.toolChoice()).isEqualTo(ToolChoice.AUTO);
    assertThat(bare.parallelToolCalls()).isNull();
  }

  @Test
  void aRunThatPlansStartsWithThePlanningRequestAndThenCarriesThePlan() {
    LoopDriver.Setup setup = setup();
    setup.planning = true;
    setup.budget = Budget.unlimited().toBuilder().maxSteps(2).build();
    LoopDriver run = setup.start();

    assertThat(run.action).isInstanceOf(Action.Plan.class);
    Action.Plan plan = (Action.Plan) run.action;
    assertThat(plan.now()).isEqualTo(T0);
    assertThat(plan.request().responseFormat().name()).isEqualTo(Loop.PLAN_FORMAT_NAME);
    assertThat(plan.request().messages())
        .containsExactly(
            Message.system(SYSTEM),
            Message.user(
                taskText("When did the bridge open?", "") + "\n\n" + Prompts.defaults().plan()));
    assertThat(plan.budget().budget().maxSteps()).isEqualTo(2);

    run.after(Duration.ofSeconds(3))
        .next(
            new Event.Planned(
                "1. Find the opening date.",
                List.of(new ModelUse(Usage.of(100, 20), 100, 20, Duration.ofSeconds(3))),
                null,
                run.now));

    // The planning call counted: with two steps in all, this is the last call.
    assertThat(run.call().request().messages().get(1))
        .isEqualTo(
            Message.user(taskText("When did the bridge open?", "1. Find the opening date.")));
    assertThat(run.call().finalAnswer()).isTrue();
    assertThat(run.call().request().toolChoice()).isEqualTo(ToolChoice.NONE);
  }

  @Test
  void aStopDuringPlanningEndsTheRun() {
    LoopDriver.Setup setup = setup();
    setup.planning = true;
    LoopDriver run = setup.start();

    run.next(new Event.Planned("", List.of(), Event.Stop.cancelled(), T0));

    assertThat(run.ending().reason()).isEqualTo(StopReason.CANCELLED);
    assertThat(run.ending().error()).isEqualTo("cancelled by the caller");
  }

  @Test
  void aBudgetThatCannotBeKeptFailsTheRunBeforeAnyCall() {
    LoopDriver.Setup setup = setup();
    setup.budget = Budget.unlimited().toBuilder().maxCostUsd(1).build();
    setup.prices = BudgetTracker.Prices.UNKNOWN;
    LoopDriver run = setup.start();

    assertThat(run.ending().reason()).isEqualTo(StopReason.FAILED);
    assertThat(run.ending().error()).startsWith("a cost budget of $1.0 is set, but the model");
    assertThatThrownBy(() -> run.next(new Event.Stopped(Event.Stop.cancelled(), T0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the loop is not waiting for an event");
  }

  @Test
  void aLoopNotStartedTakesNoEvent() {
    Loop loop =
        new Loop(
            setup().settings(),
            new BudgetTracker(Budget.unlimited(), BudgetTracker.Prices.UNKNOWN, T0));

    assertThatThrownBy(() -> loop.next(new Event.Stopped(Event.Stop.cancelled(), T0)))
        .isInstanceOf(IllegalStateException.class);
  }

  // ------------------------------------------------------------------ the act loop

  @Test
  void toolCallsRunAndTheirResultsGoBackToTheModel() {
    LoopDriver run = setup().start();

    run.replyCalls(search("c1"), search("c2"));

    assertThat(run.tools().calls()).containsExactly(search("c1"), search("c2"));
    assertThat(run.tools().skipped()).isEmpty();
    assertThat(run.tools().skippedBecause()).isEmpty();
    assertThat(run.tools().timeLeft()).isEqualTo(Budget.NO_TIME_LIMIT);

    run.ran(Status.OK);

    List<Message> messages = run.call().request().messages();
    assertThat(messages).hasSize(5);
    assertThat(messages.get(2).toolCalls()).containsExactly(search("c1"), search("c2"));
    assertThat(messages.subList(3, 5))
        .containsExactly(
            Message.tool("c1", "web_search", "result of c1"),
            Message.tool("c2", "web_search", "result of c2"));
    assertThat(run.call().finalAnswer()).isFalse();
  }

  @Test
  void aTextAnswerIsVerifiedAndThenTheRunIsComplete() {
    LoopDriver run = setup().start();
    run.searchRound("c1", "c2");

    run.after(Duration.ofSeconds(5)).replyText(ANSWER);

    Action.Verify verify = run.verify();
    assertThat(verify.draft()).isEqualTo(Draft.parse(ANSWER));
    assertThat(verify.round()).isEqualTo(1);
    assertThat(verify.now()).isEqualTo(run.now);
    assertThat(verify.budget()).isNotNull();

    run.verified();

    Ending ending = run.ending();
    assertThat(ending.reason()).isEqualTo(StopReason.COMPLETED);
    assertThat(ending.error()).isEmpty();
    assertThat(ending.draft()).isEqualTo(Draft.parse(ANSWER));
    assertThat(ending.checked()).isNotNull();
    assertThat(ending.truncated()).isFalse();
    assertThat(ending.composeFromSources()).isFalse();
    assertThat(ending.budget()).isEmpty();
    assertThat(ending.toolCalls()).isEqualTo(2);
    assertThat(ending.failedToolCalls()).isZero();
    assertThat(ending.verificationRounds()).isZero();
  }

  @Test
  void failedToolCallsAreCountedAndTheModelIsTold() {
    LoopDriver run = setup().start();

    run.replyCalls(search("c1"));
    run.ran(Status.TIMEOUT);
    run.replyText(ANSWER);
    run.verified();

    assertThat(run.ending().reason()).isEqualTo(StopReason.COMPLETED);
    assertThat(run.ending().failedToolCalls()).isEqualTo(1);
    assertThat(run.ending().toolCalls()).isEqualTo(1);
  }

  @Test
  void aToolFailureThePolicyCallsFatalFailsTheRun() {
    LoopDriver.Setup setup = setup();
    setup.toolFailures = ToolFailurePolicy.builder().failRunOn(Status.UNKNOWN_TOOL).build();
    LoopDriver run = setup.start();

    run.replyCalls(search("c1"));
    run.ran(Status.UNKNOWN_TOOL);

    assertThat(run.ending().reason()).isEqualTo(StopReason.FAILED);
    assertThat(run.ending().error())
        .isEqualTo("tool web_search failed (unknown_tool): result of c1");
    assertThat(run.ending().failedToolCalls()).isEqualTo(1);
  }

  @Test
  void aToolFailureThePolicyLeavesToTheModelDoesNotEndTheRun() {
    LoopDriver.Setup setup = setup();
    setup.toolFailures = ToolFailurePolicy.builder().failRunOn(Status.UNKNOWN_TOOL).build();
    LoopDriver run = setup.start();

    run.replyCalls(search("c1"));
    run.ran(Status.TIMEOUT);

    assertThat(run.action).isInstanceOf(Action.CallModel.class);
  }

  @Test
  void aReplayedReplyContinuesFromTheConversationItWasRecordedWith() {
    LoopDriver run = setup().start();
    List<Message> recorded = List.of(Message.system("recorded system"), Message.user("recorded"));
    ChatRequest sent = ChatRequest.builder().messages(recorded).build();

    run.next(
        new Event.ModelReplied(
            sent,
            LoopDriver.calls(search("c1")),
            Message.assistant("", "", List.of(search("c1"))),
            "",
            true,
            Duration.ofSeconds(1),
            T0));
    run.ran(Status.OK);

    assertThat(run.call().request().messages())
        .containsExactly(
            recorded.get(0),
            recorded.get(1),
            Message.assistant("", "", List.of(search("c1"))),
            Message.tool("c1", "web_search", "result of c1"));
  }

  // ------------------------------------------------------------------ replies that are not answers

  @Test
  void anEmptyReplyIsAnsweredWithANudgeAndThreeInARowFailTheRun() {
    LoopDriver run = setup().start();

    run.replyText("");
    assertThat(run.lastMessage()).isEqualTo(Message.user(Nudges.EMPTY_REPLY));
    List<Message> messages = run.call().request().messages();
    assertThat(messages.get(messages.size() - 2)).isEqualTo(Message.assistant(""));
    run.replyText("  \n");
    assertThat(run.call()).isNotNull();
    run.replyText("<think>hmm</think>");

    assertThat(run.ending().reason()).isEqualTo(StopReason.FAILED);
    assertThat(run.ending().error())
        .isEqualTo("the model returned an empty reply three times in a row");
  }

  @Test
  void aReplyWithToolCallsOrAnAnswerResetsTheCountOfEmptyReplies() {
    LoopDriver run = setup().start();

    run.replyText("");
    run.replyText("");
    run.searchRound("c1");
    run.replyText("");
    run.replyText("");
    assertThat(run.action).isInstanceOf(Action.CallModel.class);

    LoopDriver.Setup verifying = setup();
    verifying.verification = VerificationPolicy.builder().verifier(claims -> List.of()).build();
    LoopDriver other = verifying.start();
    other.replyText("");
    other.replyText("");
    other.replyText("Answer: 1937");
    other.verified(); // cites nothing: sent back for citations
    other.replyText("");
    other.replyText("");
    assertThat(other.action).isInstanceOf(Action.CallModel.class);
  }

  @Test
  void toolCallsThatCouldNotBeReadAreExplainedAndThreeInARowFailTheRun() {
    LoopDriver run = setup().start();
    String why = "its JSON could not be parsed";

    run.reply(LoopDriver.text("<tool_call>{\"name\": "), why);
    assertThat(run.lastMessage().content())
        .isEqualTo(
            "Your tool call could not be read: its JSON could not be parsed. Call tools through"
                + " the API's function calling, with JSON arguments, or write the final answer in"
                + " the required format.");
    run.reply(LoopDriver.text("still not"), why);
    run.reply(LoopDriver.text("<tool_call>"), why);

    assertThat(run.ending().reason()).isEqualTo(StopReason.FAILED);
    assertThat(run.ending().error())
        .isEqualTo(
            "the model's tool calls could not be read three times in a row (its JSON could not be"
                + " parsed)");
  }

  @Test
  void aCutOffAnswerIsContinuedAndJoinedToItsContinuation() {
    LoopDriver run = setup().start();

    run.reply(
        LoopDriver.finished(
            LoopDriver.text("Answer: 1937\n\nIt w"), FinishReason.LENGTH, "length"));

    assertThat(run.lastMessage()).isEqualTo(Message.user(Nudges.CONTINUE));
    List<Message> messages = run.call().request().messages();
    assertThat(messages.get(messages.size() - 2).content()).isEqualTo("Answer: 1937\n\nIt w");

    run.replyText("as opened in 1937 [S1].");

    assertThat(run.verify().draft())
        .isEqualTo(Draft.parse("Answer: 1937\n\nIt was opened in 1937 [S1]."));
    run.verified();
    assertThat(run.ending().truncated()).isFalse();
    assertThat(run.ending().reason()).isEqualTo(StopReason.COMPLETED);
  }

  @Test
  void anAnswerStillCutOffAfterTwoContinuationsIsKeptMarkedTruncated() {
    LoopDriver run = setup().start();

    run.reply(LoopDriver.finished(LoopDriver.text("Answer: A"), FinishReason.LENGTH, "length"));
    run.reply(LoopDriver.finished(LoopDriver.text("B"), FinishReason.LENGTH, "length"));
    assertThat(run.lastMessage()).isEqualTo(Message.user(Nudges.CONTINUE));
    run.reply(LoopDriver.finished(LoopDriver.text("C"), FinishReason.LENGTH, "length"));

    assertThat(run.verify().draft()).isEqualTo(Draft.parse("Answer: ABC"));
    run.verified();
    assertThat(run.ending().reason()).isEqualTo(StopReason.COMPLETED);
    assertThat(run.ending().truncated()).isTrue();
    assertThat(run.ending().draft().answer()).isEqualTo("ABC");
  }

  @Test
  void aFilteredAnswerEndsTheRunWithoutSendingTheRequestAgain() {
    LoopDriver run = setup().start();

    run.reply(
        LoopDriver.finished(LoopDriver.text(""), FinishReason.CONTENT_FILTER, "content_filter"));

    assertThat(run.ending().reason()).isEqualTo(StopReason.CONTENT_FILTERED);
    assertThat(run.ending().error())
        .isEqualTo(
            "the model provider's content filter stopped the answer (finish reason"
                + " content_filter); the request was not sent again");
  }

  // ------------------------------------------------------------------ failures and stops

  @Test
  void aCallThatRanOutOfTimeEndsTheRunWithTheTimeBudget() {
    LoopDriver.Setup setup = setup();
    setup.budget = Budget.unlimited().toBuilder().maxTime(Duration.ofMinutes(5)).build();
    LoopDriver run = setup.start();

    run.after(Duration.ofMinutes(5))
        .next(new Event.ModelFailed(Failure.TIMEOUT, "timed out", Duration.ofMinutes(5), run.now));

    Ending ending = run.ending();
    assertThat(ending.reason()).isEqualTo(StopReason.BUDGET_TIME);
    assertThat(ending.error())
        .isEqualTo("the time budget ran out before the agent wrote an answer");
    assertThat(ending.composeFromSources()).isTrue();
    assertThat(ending.budget()).isEqualTo("the time budget of 5m");
  }

  @Test
  void aCancelledFailedOrRefusedCallEndsTheRunSayingSo() {
    LoopDriver cancelled = setup().start();
    cancelled.next(new Event.ModelFailed(Failure.CANCELLED, "", Duration.ZERO, T0));
    assertThat(cancelled.ending().reason()).isEqualTo(StopReason.CANCELLED);
    assertThat(cancelled.ending().error()).isEqualTo("cancelled by the caller");

    for (Failure failure : List.of(Failure.FAILED, Failure.REJECTED)) {
      LoopDriver failed = setup().start();
      failed.next(new Event.ModelFailed(failure, "HTTP 401: bad key", Duration.ZERO, T0));
      assertThat(failed.ending().reason()).isEqualTo(StopReason.FAILED);
      assertThat(failed.ending().error()).isEqualTo("HTTP 401: bad key");
      assertThat(failed.ending().composeFromSources()).isFalse();
    }
  }

  @Test
  void aFailedCallSpendsAStep() {
    LoopDriver.Setup setup = setup();
    setup.budget = Budget.unlimited().toBuilder().maxSteps(1).build();
    LoopDriver run = setup.start();
    assertThat(run.call().finalAnswer()).isTrue();

    run.next(new Event.ModelFailed(Failure.FAILED, "boom", Duration.ZERO, T0));

    assertThat(run.ending().reason()).isEqualTo(StopReason.FAILED);
  }

  @Test
  void aStopNamingABudgetEndsWithTheBestDraftAndOtherStopsWithTheirMessage() {
    LoopDriver budget = setup().start();
    budget.next(new Event.Stopped(new Event.Stop(StopReason.BUDGET_COST, "spent"), T0));
    assertThat(budget.ending().reason()).isEqualTo(StopReason.BUDGET_COST);
    assertThat(budget.ending().error())
        .isEqualTo("the cost budget ran out before the agent wrote an answer");
    assertThat(budget.ending().composeFromSources()).isTrue();

    LoopDriver other = setup().start();
    other.searchRound("c1");
    other.next(new Event.Stopped(new Event.Stop(StopReason.FAILED, "the record broke"), T0));
    assertThat(other.ending().reason()).isEqualTo(StopReason.FAILED);
    assertThat(other.ending().error()).isEqualTo("the record broke");
    assertThat(other.ending().composeFromSources()).isFalse();
    assertThat(other.ending().budget()).isEmpty();
    assertThat(other.ending().toolCalls()).isEqualTo(1);
  }

  @Test
  void aStopDuringVerificationEndsTheRunWithTheCheckedDraft() {
    LoopDriver run = setup().start();
    run.replyText(ANSWER);

    run.next(
        new Event.Verified(
            LoopDriver.checked(run.verify().draft()), List.of(), Event.Stop.cancelled(), T0));

    assertThat(run.ending().reason()).isEqualTo(StopReason.CANCELLED);
    assertThat(run.ending().draft()).isEqualTo(Draft.parse(ANSWER));
  }

  // ------------------------------------------------------------------ verification rounds

  @Test
  void aDraftWithProblemsIsSentBackWithThemUntilTheRoundsRunOut() {
    LoopDriver.Setup setup = setup();
    setup.verification =
        VerificationPolicy.builder().verifier(claims -> List.of()).maxRounds(1).build();
    LoopDriver run = setup.start();
    DraftCheck.Problem problem =
        new DraftCheck.Problem("The bridge opened in 1937 [S1].", "is not supported by S1");

    run.replyText(ANSWER);
    run.verified(problem);

    assertThat(run.lastMessage())
        .isEqualTo(
            Message.user(
                Template.render(
                    Prompts.defaults().verificationFeedback(),
                    Map.of("problems", DraftCheck.describe(List.of(problem))))));
    run.replyText(ANSWER);
    assertThat(run.verify().round()).isEqualTo(2);
    run.verified(problem);

    assertThat(run.ending().reason()).isEqualTo(StopReason.COMPLETED);
    assertThat(run.ending().verificationRounds()).isEqualTo(1);
  }

  @Test
  void aDraftCitingNothingIsSentBackForCitationsWhenTheRunHasTools() {
    LoopDriver.Setup setup = setup();
    setup.verification = VerificationPolicy.builder().verifier(claims -> List.of()).build();
    LoopDriver run = setup.start();

    run.replyText("Answer: 1937");
    run.verified();

    assertThat(run.lastMessage()).isEqualTo(Message.user(Nudges.NO_CITATIONS));

    LoopDriver.Setup toolless = setup();
    toolless.tools = List.of();
    toolless.verification = setup.verification;
    LoopDriver plain = toolless.start();
    plain.replyText("Answer: 1937");
    plain.verified();
    assertThat(plain.ending().reason()).isEqualTo(StopReason.COMPLETED);
  }

  @Test
  void withVerificationOffADraftWithProblemsIsTheAnswer() {
    LoopDriver run = setup().start();

    run.replyText(ANSWER);
    run.verified(new DraftCheck.Problem("x", "y"));

    assertThat(run.ending().reason()).isEqualTo(StopReason.COMPLETED);
    assertThat(run.ending().verificationRounds()).isZero();
  }
}
