package dev.researcher4j.core.internal.loop;

import static dev.researcher4j.core.internal.loop.LoopDriver.search;
import static dev.researcher4j.core.internal.loop.LoopDriver.setup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolChoice;
import dev.researcher4j.api.ToolExecution.Status;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.internal.loop.BudgetTracker.Kind;
import dev.researcher4j.core.internal.loop.BudgetTracker.Warning;
import dev.researcher4j.core.prompt.Prompts;
import dev.researcher4j.core.verify.VerificationPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the loop keeps a run within its budget: the last call asks for the final answer without
 * tools, a call that would overrun is not made, batches are trimmed, the model is warned at the
 * warn fraction, output is capped, and a budget that runs out ends the run with the best draft.
 * Time reaches the loop only with events, so time limits are tested by the events' times.
 */
class LoopBudgetTest {

  private static final String ANSWER = "Answer: 1937\n\nThe bridge opened in 1937 [S1].";

  private static String finalPrompt(String budget) {
    return Template.render(Prompts.defaults().finalAnswer(), Map.of("budget", budget));
  }

  private static Budget.Builder limits() {
    return Budget.unlimited().toBuilder();
  }

  private static LoopDriver start(Budget budget) {
    LoopDriver.Setup setup = setup();
    setup.budget = budget;
    return setup.start();
  }

  /** A run whose task alone is larger than the final-answer prompt. */
  private static LoopDriver startLong(Budget budget) {
    LoopDriver.Setup setup = setup();
    setup.task = Task.of("When did the bridge open? " + "Give the day and the month. ".repeat(30));
    setup.budget = budget;
    return setup.start();
  }

  private static List<Message> toolMessages(ChatRequest request) {
    return request.messages().stream().filter(m -> m.toolCallId().length() > 0).toList();
  }

  // ------------------------------------------------------------------ the last call

  @Test
  void theLastStepAsksForTheFinalAnswerWithoutToolCallsAndEndsTheRun() {
    LoopDriver run = start(limits().maxSteps(3).build());

    run.searchRound("c1");
    assertThat(run.call().finalAnswer()).isFalse();
    run.searchRound("c2");

    Action.CallModel last = run.call();
    assertThat(last.finalAnswer()).isTrue();
    assertThat(last.request().toolChoice()).isEqualTo(ToolChoice.NONE);
    assertThat(last.request().tools()).isNotEmpty();
    assertThat(last.request().parallelToolCalls()).isNull();
    assertThat(run.lastMessage()).isEqualTo(Message.user(finalPrompt("steps")));

    run.replyText(ANSWER);
    run.verified();

    Ending ending = run.ending();
    assertThat(ending.reason()).isEqualTo(StopReason.BUDGET_STEPS);
    assertThat(ending.error()).isEmpty();
    assertThat(ending.draft()).isEqualTo(Draft.parse(ANSWER));
    assertThat(ending.composeFromSources()).isFalse();
    assertThat(ending.budget()).isEqualTo("the step budget of 3 model calls");
  }

  @Test
  void theVerifiersModelCallsSpendTheBudget() {
    LoopDriver.Setup setup = setup();
    setup.budget = limits().maxSteps(3).build();
    setup.verification = VerificationPolicy.builder().verifier(claims -> List.of()).build();
    LoopDriver run = setup.start();
    run.replyText(ANSWER);

    run.next(
        new Event.Verified(
            LoopDriver.checked(
                run.verify().draft(), new DraftCheck.Problem("The bridge opened [S1].", "no")),
            List.of(new ModelUse(Usage.of(300, 40), 300, 40, Duration.ofSeconds(2))),
            null,
            run.now));

    // Two steps spent (the answer and the check): the call sending the draft back is the last.
    assertThat(run.call().finalAnswer()).isTrue();
  }

  @Test
  void aFinalAnswerWithProblemsIsNotSentBackWhenTheBudgetIsSpent() {
    LoopDriver.Setup setup = setup();
    setup.budget = limits().maxSteps(1).build();
    setup.verification = VerificationPolicy.builder().verifier(claims -> List.of()).build();
    LoopDriver run = setup.start();

    run.replyText(ANSWER);
    run.verified(new DraftCheck.Problem("The bridge opened in 1937 [S1].", "unsupported"));

    assertThat(run.ending().reason()).isEqualTo(StopReason.BUDGET_STEPS);
    assertThat(run.ending().checked().hasProblems()).isTrue();
    assertThat(run.ending().verificationRounds()).isZero();
  }

  @Test
  void theToolCallBudgetTrimsTheBatchTellsTheModelAndMakesTheNextCallTheLast() {
    LoopDriver run = start(limits().maxToolCalls(3).build());

    run.replyCalls(search("c1"), search("c2"), search("c3"), search("c4"), search("c5"));

    Action.RunTools batch = run.tools();
    assertThat(batch.calls()).containsExactly(search("c1"), search("c2"), search("c3"));
    assertThat(batch.skipped()).containsExactly(search("c4"), search("c5"));
    assertThat(batch.skippedBecause()).isEqualTo("tool_calls");

    run.ran(Status.OK);

    String notRun =
        "Not run: the run's tool-call budget of 3 calls is spent. Write your final answer from"
            + " what you have.";
    assertThat(toolMessages(run.call().request()))
        .containsExactly(
            Message.tool("c1", "web_search", "result of c1"),
            Message.tool("c2", "web_search", "result of c2"),
            Message.tool("c3", "web_search", "result of c3"),
            Message.tool("c4", "web_search", notRun),
            Message.tool("c5", "web_search", notRun));
    assertThat(run.call().finalAnswer()).isTrue();
    assertThat(run.lastMessage()).isEqualTo(Message.user(finalPrompt("tool calls")));

    run.replyText(ANSWER);
    run.verified();
    assertThat(run.ending().reason()).isEqualTo(StopReason.BUDGET_TOOL_CALLS);
    assertThat(run.ending().toolCalls()).isEqualTo(3);
    assertThat(run.ending().budget()).isEqualTo("the tool-call budget of 3 calls");
  }

  @Test
  void aBatchWithinTheRemainderRunsWhole() {
    LoopDriver run = start(limits().maxToolCalls(3).build());

    run.replyCalls(search("c1"), search("c2"));

    assertThat(run.tools().calls()).hasSize(2);
    assertThat(run.tools().skipped()).isEmpty();
    run.ran(Status.OK);
    assertThat(run.call().finalAnswer()).isFalse();
  }

  @Test
  void aModelCallingToolsWhenToldNotToIsAskedOnceMoreWithNoToolsAtAll() {
    LoopDriver run = start(limits().maxToolCalls(1).build());
    run.searchRound("c1");
    assertThat(run.call().request().toolChoice()).isEqualTo(ToolChoice.NONE);

    run.replyCalls(search("c2"));

    Action.CallModel again = run.call();
    assertThat(again.finalAnswer()).isTrue();
    assertThat(again.request().tools()).isEmpty();
    assertThat(again.request().toolChoice()).isEqualTo(ToolChoice.AUTO);
    assertThat(again.request().parallelToolCalls()).isNull();
    assertThat(run.lastMessage()).isEqualTo(Message.user(Nudges.NO_MORE_TOOLS));
    List<Message> messages = again.request().messages();
    // The unanswerable calls stay out of the conversation; the final prompt is there once.
    assertThat(messages.stream().filter(Message::hasToolCalls)).hasSize(1);
    assertThat(messages.stream().filter(m -> m.content().equals(finalPrompt("tool calls"))))
        .hasSize(1);

    run.replyCalls(search("c3"));

    Ending ending = run.ending();
    assertThat(ending.reason()).isEqualTo(StopReason.BUDGET_TOOL_CALLS);
    assertThat(ending.draft()).isNull();
    assertThat(ending.composeFromSources()).isTrue();
    assertThat(ending.error())
        .isEqualTo("the tool calls budget ran out before the agent wrote an answer");
  }

  @Test
  void anAnswerWithoutToolsAfterBeingToldNotToCallThemEndsTheRunNormally() {
    LoopDriver run = start(limits().maxToolCalls(1).build());
    run.searchRound("c1");
    run.replyCalls(search("c2"));

    run.replyText(ANSWER);
    run.verified();

    assertThat(run.ending().reason()).isEqualTo(StopReason.BUDGET_TOOL_CALLS);
    assertThat(run.ending().draft()).isEqualTo(Draft.parse(ANSWER));
    assertThat(run.ending().composeFromSources()).isFalse();
  }

  @Test
  void anEmptyOrUnreadableFinalReplyEndsTheRunWithWhatWasGathered() {
    LoopDriver empty = start(limits().maxSteps(1).build());
    empty.replyText("");
    assertThat(empty.ending().reason()).isEqualTo(StopReason.BUDGET_STEPS);
    assertThat(empty.ending().composeFromSources()).isTrue();
    assertThat(empty.ending().error())
        .isEqualTo("the steps budget ran out before the agent wrote an answer");

    LoopDriver unreadable = start(limits().maxSteps(1).build());
    unreadable.reply(LoopDriver.text("<tool_call>"), "its JSON could not be parsed");
    assertThat(unreadable.ending().reason()).isEqualTo(StopReason.BUDGET_STEPS);
  }

  @Test
  void whenABudgetRunsOutTheBestDraftSoFarIsTheAnswer() {
    LoopDriver.Setup setup = setup();
    setup.budget = limits().maxSteps(3).build();
    setup.verification = VerificationPolicy.builder().verifier(claims -> List.of()).build();
    LoopDriver run = setup.start();
    DraftCheck.Problem problem = new DraftCheck.Problem("The bridge opened in 1937 [S1].", "no");

    run.replyText(ANSWER);
    run.verified(problem);
    run.searchRound("c1");
    run.replyText("");

    Ending ending = run.ending();
    assertThat(ending.reason()).isEqualTo(StopReason.BUDGET_STEPS);
    assertThat(ending.error()).isEmpty();
    assertThat(ending.draft()).isEqualTo(Draft.parse(ANSWER));
    assertThat(ending.checked().problems()).containsExactly(problem);
    assertThat(ending.composeFromSources()).isFalse();
    assertThat(ending.verificationRounds()).isEqualTo(1);
    assertThat(ending.budget()).isEqualTo("the step budget of 3 model calls");
  }

  // ------------------------------------------------------------------ calls not made

  @Test
  void aFirstCallThatWouldOverspendIsNotMade() {
    LoopDriver run = start(limits().maxCostUsd(1.0).build());

    Ending ending = run.ending();
    assertThat(ending.reason()).isEqualTo(StopReason.BUDGET_COST);
    assertThat(ending.composeFromSources()).isTrue();
    assertThat(ending.budget()).isEqualTo("the cost budget of $1.0");
    assertThat(run.actions).hasSize(1);
  }

  @Test
  void theRequestIsJudgedAsSentIncludingTheFinalAnswerPrompt() {
    long firstPrompt = start(Budget.unlimited()).call().promptEstimate();

    // The conversation fits, but not twice: the call must be the last, and the final-answer
    // prompt it then needs does not fit any more.
    LoopDriver run = start(limits().maxInputTokens(firstPrompt + 10).build());

    assertThat(run.ending().reason()).isEqualTo(StopReason.BUDGET_INPUT_TOKENS);
    assertThat(run.ending().composeFromSources()).isTrue();
  }

  @Test
  void theLastCallIsMadeWhenItsFinalAnswerPromptStillFits() {
    long firstPrompt = startLong(Budget.unlimited()).call().promptEstimate();
    long withFinalPrompt =
        firstPrompt + 4 + (long) Math.ceil(finalPrompt("input tokens").length() / 4.0);

    LoopDriver run = startLong(limits().maxInputTokens(withFinalPrompt).build());

    assertThat(run.call().finalAnswer()).isTrue();
    assertThat(run.call().promptEstimate()).isEqualTo(withFinalPrompt);
    assertThat(startLong(limits().maxInputTokens(withFinalPrompt - 1).build()).ending().reason())
        .isEqualTo(StopReason.BUDGET_INPUT_TOKENS);
  }

  @Test
  void maxTokensIsCappedToWhatTheOutputBudgetLeaves() {
    LoopDriver run = start(limits().maxOutputTokens(500).build());
    assertThat(run.call().request().options().maxTokens()).isEqualTo(500);

    run.reply(LoopDriver.withUsage(LoopDriver.calls(search("c1")), 100, 120));
    run.ran(Status.OK);

    assertThat(run.call().request().options().maxTokens()).isEqualTo(380);
  }

  @Test
  void aProviderThatReportsNoUsageCannotRunPastTheOutputBudget() {
    LoopDriver run = start(limits().maxOutputTokens(20).build());

    // No usage in the response: the call counts as the 3 + 19 tokens its tool call is estimated at.
    run.replyCalls(new ToolCall("c1", "web_search", "{\"query\": \"" + "x".repeat(64) + "\"}"));
    run.ran(Status.OK);

    assertThat(run.ending().reason()).isEqualTo(StopReason.BUDGET_OUTPUT_TOKENS);
  }

  // ------------------------------------------------------------------ warnings

  @Test
  void atTheWarnFractionTheModelIsToldOnceAndListenersHearOfEveryBudget() {
    LoopDriver run = start(limits().maxSteps(10).maxToolCalls(20).warnFraction(0.2).build());

    run.searchRound("c1");
    assertThat(run.call().warnings()).isEmpty();
    run.searchRound("c2");

    Action.CallModel warned = run.call();
    assertThat(warned.warnings()).containsExactly(new Warning(Kind.STEPS, 0.2));
    assertThat(warned.finalAnswer()).isFalse();
    assertThat(warned.request().toolChoice()).isEqualTo(ToolChoice.AUTO);
    assertThat(run.lastMessage())
        .isEqualTo(
            Message.user(
                Template.render(
                    Prompts.defaults().budgetWarning(),
                    Map.of("budget", "steps", "percent", "20"))));

    run.searchRound("c3");
    assertThat(run.call().warnings()).isEmpty();
    assertThat(run.lastMessage().content()).isEqualTo("result of c3");
    run.searchRound("c4");
    assertThat(run.call().warnings()).containsExactly(new Warning(Kind.TOOL_CALLS, 0.2));
    assertThat(run.lastMessage().content()).isEqualTo("result of c4");
  }

  @Test
  void theLastCallGetsTheFinalAnswerPromptInsteadOfAWarning() {
    LoopDriver run = start(limits().maxSteps(2).warnFraction(0.5).build());

    run.searchRound("c1");

    assertThat(run.call().warnings()).containsExactly(new Warning(Kind.STEPS, 0.5));
    assertThat(run.call().finalAnswer()).isTrue();
    assertThat(run.lastMessage()).isEqualTo(Message.user(finalPrompt("steps")));
  }

  // ------------------------------------------------------------------ time

  @Test
  void eachCallMayTakeOnlyTheTimeLeftAtTheEventThatAskedForIt() {
    LoopDriver run = start(limits().maxTime(Duration.ofMinutes(10)).build());
    assertThat(run.call().timeout()).isEqualTo(Duration.ofMinutes(10));

    run.after(Duration.ofMinutes(1)).replyCalls(search("c1"));
    assertThat(run.tools().timeLeft()).isEqualTo(Duration.ofMinutes(9));
    run.after(Duration.ofMinutes(2)).ran(Status.OK);

    assertThat(run.call().timeout()).isEqualTo(Duration.ofMinutes(7));
    assertThat(run.call().finalAnswer()).isFalse();
  }

  @Test
  void aCallIsTheLastWhenTheTimeLeftCouldNotFitTwoCallsAsLongAsTheLongest() {
    LoopDriver run = start(limits().maxTime(Duration.ofMinutes(10)).build());

    run.after(Duration.ofMinutes(4))
        .reply(LoopDriver.calls(search("c1")), "", Duration.ofMinutes(4));
    run.after(Duration.ofMinutes(2)).ran(Status.OK);

    assertThat(run.call().finalAnswer()).isTrue();
    assertThat(run.call().timeout()).isEqualTo(Duration.ofMinutes(4));
    assertThat(run.lastMessage()).isEqualTo(Message.user(finalPrompt("time")));
  }

  @Test
  void toolCallsAskedForWhenTheTimeIsUpAreNotRunAndTheRunEnds() {
    LoopDriver run = start(limits().maxTime(Duration.ofMinutes(10)).build());

    run.after(Duration.ofMinutes(10)).replyCalls(search("c1"), search("c2"));

    assertThat(run.tools().calls()).isEmpty();
    assertThat(run.tools().skipped()).containsExactly(search("c1"), search("c2"));
    assertThat(run.tools().skippedBecause()).isEqualTo("time");
    assertThat(run.tools().timeLeft()).isZero();

    run.ran(Status.OK);

    assertThat(run.ending().reason()).isEqualTo(StopReason.BUDGET_TIME);
    assertThat(run.ending().budget()).isEqualTo("the time budget of 10m");
  }

  @Test
  void aPauseBeforeAnEventIsLeftOutOfTheTimeBudget() {
    LoopDriver run = start(limits().maxTime(Duration.ofMinutes(10)).build());
    run.after(Duration.ofMinutes(10)).replyCalls(search("c1"));

    // The process died here and the run was resumed; the minute it was down does not count.
    run.loop.pause(Duration.ofMinutes(1));
    run.after(Duration.ofSeconds(30)).ran(Status.OK);

    assertThat(run.call().timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(toolMessages(run.call().request()))
        .containsExactly(
            Message.tool(
                "c1",
                "web_search",
                "Not run: the run's time budget is spent. Write your final answer from what you"
                    + " have."));
  }

  @Test
  void aStageThatSpentTheTimeEndsTheRunBeforeTheNextCall() {
    LoopDriver.Setup setup = setup();
    setup.budget = limits().maxTime(Duration.ofMinutes(10)).build();
    setup.verification = VerificationPolicy.builder().verifier(claims -> List.of()).build();
    LoopDriver run = setup.start();
    run.replyText(ANSWER);

    run.after(Duration.ofMinutes(11)).verified(new DraftCheck.Problem("x", "y"));

    assertThat(run.ending().reason()).isEqualTo(StopReason.BUDGET_TIME);
    assertThat(run.ending().draft()).isEqualTo(Draft.parse(ANSWER));
  }
}
