package dev.researcher4j.core.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.context.ContextManagement;
import dev.researcher4j.core.internal.port.ToolOutcome;
import dev.researcher4j.core.prompt.Prompts;
import dev.researcher4j.core.tool.ToolFailurePolicy;
import dev.researcher4j.core.verify.VerificationPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives a {@link Loop} the way a run does, without a run: it answers each action with an event the
 * test chooses, at a time the test sets. Used by the loop's unit tests only.
 */
final class LoopDriver {

  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  static final String SYSTEM = "You research.";
  static final ToolSpec SEARCH = ToolSpec.of("web_search", "Searches the web.");

  /** The settings of a loop under test, changed by the test before {@link #start}. */
  static final class Setup {
    Task task = Task.of("When did the bridge open?");
    List<ToolSpec> tools = List.of(SEARCH);
    int maxParallel = 4;
    ToolFailurePolicy toolFailures = ToolFailurePolicy.ofDefaults();
    boolean planning;
    VerificationPolicy verification = VerificationPolicy.disabled();
    ContextManagement context = ContextManagement.disabled();
    int contextWindow = 128_000;
    Budget budget = Budget.unlimited();
    BudgetTracker.Prices prices = (in, out) -> in * 0.25 + out * 0.5;

    LoopSettings settings() {
      return new LoopSettings(
          task,
          SYSTEM,
          Prompts.defaults(),
          tools,
          maxParallel,
          toolFailures,
          planning,
          verification,
          context,
          contextWindow);
    }

    LoopDriver start() {
      return new LoopDriver(this);
    }
  }

  final Setup setup;
  final Loop loop;
  Instant now = T0;
  Action action;
  final List<Action> actions = new ArrayList<>();

  private LoopDriver(Setup setup) {
    this.setup = setup;
    this.loop = new Loop(setup.settings(), new BudgetTracker(setup.budget, setup.prices, T0));
    this.action = loop.start(T0);
    actions.add(action);
  }

  static Setup setup() {
    return new Setup();
  }

  /** Moves the run's time on; the next event happens then. */
  LoopDriver after(Duration elapsed) {
    now = now.plus(elapsed);
    return this;
  }

  Action next(Event event) {
    action = loop.next(event);
    actions.add(action);
    return action;
  }

  Action.CallModel call() {
    assertThat(action).isInstanceOf(Action.CallModel.class);
    return (Action.CallModel) action;
  }

  Action.RunTools tools() {
    assertThat(action).isInstanceOf(Action.RunTools.class);
    return (Action.RunTools) action;
  }

  Action.Verify verify() {
    assertThat(action).isInstanceOf(Action.Verify.class);
    return (Action.Verify) action;
  }

  Ending ending() {
    assertThat(action).isInstanceOf(Action.Finish.class);
    return ((Action.Finish) action).ending();
  }

  /** The model answers the pending call with {@code response}, which took a second. */
  Action reply(ChatResponse response) {
    return reply(response, "");
  }

  Action reply(ChatResponse response, String unreadableCalls) {
    return reply(response, unreadableCalls, Duration.ofSeconds(1));
  }

  /** The model answers the pending call with {@code response} after {@code took}. */
  Action reply(ChatResponse response, String unreadableCalls, Duration took) {
    return next(
        new Event.ModelReplied(
            call().request(), response, response.message(), unreadableCalls, false, took, now));
  }

  Action replyText(String text) {
    return reply(text(text));
  }

  Action replyCalls(ToolCall... calls) {
    return reply(calls(calls));
  }

  /** Every call of the pending batch ran with {@code status}; the model sees "result of ID". */
  Action ran(ToolExecution.Status status) {
    List<ToolOutcome> outcomes = new ArrayList<>();
    for (ToolCall call : tools().calls()) {
      outcomes.add(outcome(call, status, now));
    }
    return next(new Event.ToolsRan(outcomes, now));
  }

  /** Every call of the pending batch ran, and the model sees {@code text} for each. */
  Action ranWith(String text) {
    List<ToolOutcome> outcomes = new ArrayList<>();
    for (ToolCall call : tools().calls()) {
      ToolOutcome ok = outcome(call, ToolExecution.Status.OK, now);
      outcomes.add(new ToolOutcome(ok.execution(), text, ""));
    }
    return next(new Event.ToolsRan(outcomes, now));
  }

  /** The pending draft was checked and has {@code problems}. */
  Action verified(DraftCheck.Problem... problems) {
    return next(new Event.Verified(checked(verify().draft(), problems), List.of(), null, now));
  }

  /** A call that asks, runs its tools, and returns to the model. */
  LoopDriver searchRound(String... ids) {
    ToolCall[] calls = new ToolCall[ids.length];
    for (int i = 0; i < ids.length; i++) {
      calls[i] = search(ids[i]);
    }
    replyCalls(calls);
    ran(ToolExecution.Status.OK);
    return this;
  }

  static ToolCall search(String id) {
    return new ToolCall(id, "web_search", "{\"query\":\"" + id + "\"}");
  }

  static ChatResponse text(String text) {
    return ChatResponse.of(Message.assistant(text));
  }

  static ChatResponse calls(ToolCall... calls) {
    return ChatResponse.of(Message.assistant("", "", List.of(calls)));
  }

  static ChatResponse finished(ChatResponse response, FinishReason reason, String raw) {
    return new ChatResponse(
        response.message(), reason, raw, response.usage(), "", "", Duration.ZERO, List.of(), null);
  }

  static ChatResponse withUsage(ChatResponse response, long in, long out) {
    return response.withUsage(Usage.of(in, out));
  }

  static ToolOutcome outcome(ToolCall call, ToolExecution.Status status, Instant at) {
    String text = "result of " + call.id();
    return new ToolOutcome(
        new ToolExecution(
            call,
            status.isFailure() ? ToolResult.error(text) : ToolResult.of(text),
            status,
            List.of(),
            at,
            Duration.ZERO,
            1,
            false,
            List.of()),
        text,
        "");
  }

  static DraftCheck.Checked checked(Draft draft, DraftCheck.Problem... problems) {
    return new DraftCheck.Checked(
        draft, List.of(), List.of(problems), Map.of(), List.of(), Map.of());
  }

  /** The last message of the pending call's request. */
  Message lastMessage() {
    List<Message> messages = call().request().messages();
    return messages.get(messages.size() - 1);
  }

  /** The estimated size of {@code request}, as the loop estimates it. */
  long estimate(ChatRequest request) {
    return setup.context.estimator().estimate(request.messages(), request.tools());
  }
}
