package dev.researcher4j.core.internal.loop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.core.internal.json.ReasoningText;
import dev.researcher4j.core.internal.port.ToolOutcome;
import dev.researcher4j.core.internal.structured.SourcedJson;
import dev.researcher4j.core.tool.ToolFailurePolicy;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The research loop's decisions: given what happened so far, what the run does next — plan, compact
 * the history, call the model, run a batch of tools, verify a draft, or finish. Nothing else: no
 * I/O, no threads, no clock (time arrives with each {@link Event}), so the same results give the
 * same decisions. That is what lets a resumed run retrace its record by feeding the recorded
 * results back in, and a workflow engine run this loop as deterministic workflow code.
 *
 * <p>Used by one run on one thread: {@link #start} once, then {@link #next} with the result of each
 * action until it returns {@link Action.Finish}.
 */
public final class Loop {

  /** The response-format name of planning requests, for routing fakes in tests. */
  public static final String PLAN_FORMAT_NAME = "research_plan";

  /** How many times a cut-off answer is continued before it is kept as cut off. */
  static final int MAX_CONTINUATIONS = 2;

  /** How many empty (or unreadable) replies in a row fail the run. */
  static final int MAX_EMPTY_REPLIES = 3;

  private final LoopSettings s;
  private final BudgetTracker budget;
  private final Conversation conversation;
  private Instant now;
  private Action pending;
  private BudgetTracker.Kind forcedBy;
  private boolean warnedModel;
  private boolean finalPromptSent;
  private boolean toolsWithdrawn;
  private int emptyReplies;
  private int continuations;
  private String cutOffText;
  private int verificationRound;
  private int toolCalls;
  private int failedToolCalls;
  private Draft bestDraft;
  private DraftCheck.Checked bestCheck;
  private boolean bestTruncated;
  private boolean verifyingFinal;
  private final ObjectNode schema;
  private int unreadableAnswers;
  private String unreadable = "";

  /** A loop for one run, deciding within {@code budget}. */
  public Loop(LoopSettings settings, BudgetTracker budget) {
    this.s = settings;
    this.schema = settings.task().outputSchema();
    this.budget = budget;
    this.conversation = new Conversation(settings);
  }

  /** The first action of the run, decided at {@code now}. */
  public Action start(Instant now) {
    this.now = now;
    String unenforceable = budget.unenforceable();
    if (!unenforceable.isEmpty()) {
      return decided(stop(new Event.Stop(StopReason.FAILED, unenforceable)));
    }
    if (s.planning()) {
      return decided(new Action.Plan(conversation.planRequest(), budget.copy(), now));
    }
    conversation.begin("");
    return decided(turn());
  }

  /**
   * Leaves {@code pause} out of the time budget: a resumed run was not running then. Called by the
   * run before the event that follows the pause.
   */
  public void pause(java.time.Duration pause) {
    budget.pause(pause);
  }

  /** The next action, given how the last one came out. */
  public Action next(Event event) {
    if (pending == null || pending instanceof Action.Finish) {
      throw new IllegalStateException("the loop is not waiting for an event");
    }
    now = event.now();
    Action last = pending;
    return decided(decide(last, event));
  }

  private Action decide(Action last, Event event) {
    if (event instanceof Event.Stopped stopped) {
      return stop(stopped.stop());
    } else if (event instanceof Event.Planned planned) {
      return afterPlan(planned);
    } else if (event instanceof Event.Compacted compacted) {
      return afterCompaction(compacted);
    } else if (event instanceof Event.ModelReplied replied) {
      return afterReply((Action.CallModel) last, replied);
    } else if (event instanceof Event.ModelFailed failed) {
      return afterFailedCall(failed);
    } else if (event instanceof Event.ToolsRan ran) {
      return afterTools((Action.RunTools) last, ran);
    } else if (event instanceof Event.Verified verified) {
      return afterVerification(verified);
    }
    throw new IllegalArgumentException("unknown event " + event);
  }

  private Action decided(Action action) {
    pending = action;
    return action;
  }

  // ------------------------------------------------------------------ the act loop

  private Action afterPlan(Event.Planned planned) {
    planned.calls().forEach(budget::record);
    if (planned.stop() != null) {
      return stop(planned.stop());
    }
    conversation.begin(planned.plan());
    return turn();
  }

  /** A new turn: compact first when needed, then call the model. */
  private Action turn() {
    long estimate = conversation.estimate();
    Action.Compact compact = conversation.compaction(estimate, budget.inputScale());
    if (compact != null) {
      return new Action.Compact(
          compact.messages(),
          compact.estimatedTokens(),
          compact.targetTokens(),
          compact.contextWindow(),
          compact.trigger(),
          budget.copy(),
          now);
    }
    return callModel(estimate);
  }

  private Action afterCompaction(Event.Compacted compacted) {
    compacted.calls().forEach(budget::record);
    if (compacted.stop() != null) {
      return stop(compacted.stop());
    }
    if (compacted.messages() != null) {
      conversation.replace(compacted.messages());
    }
    return callModel(compacted.tokensAfter());
  }

  private Action callModel(long estimate) {
    BudgetTracker.Gate gate = budget.beforeModelCall(estimate, now);
    if (!gate.allowed()) {
      return finishWithBestDraft(gate.exhausted());
    }
    if (forcedBy == null) {
      forcedBy = gate.last();
    }
    boolean finalCall = forcedBy != null;
    List<BudgetTracker.Warning> warnings = budget.newWarnings(now);
    if (finalCall && !finalPromptSent) {
      conversation.addUser(
          Template.render(s.prompts().finalAnswer(), Map.of("budget", forcedBy.words())));
      finalPromptSent = true;
    } else if (!finalCall && !warnings.isEmpty() && !warnedModel) {
      BudgetTracker.Warning first = warnings.get(0);
      conversation.addUser(
          Template.render(
              s.prompts().budgetWarning(),
              Map.of(
                  "budget",
                  first.kind().words(),
                  "percent",
                  String.valueOf(Math.round(first.fractionUsed() * 100)))));
      warnedModel = true;
    }
    ChatRequest request = conversation.actRequest(finalCall, toolsWithdrawn);
    long promptEstimate = conversation.estimate(request);
    // The request may have grown (a warning, the final-answer prompt): judge what is sent.
    BudgetTracker.Gate sent = budget.beforeAuxiliaryCall(promptEstimate, now);
    if (!sent.allowed()) {
      return finishWithBestDraft(sent.exhausted());
    }
    return new Action.CallModel(
        sent.capped(request),
        finalCall,
        conversation.takeRewritten(),
        promptEstimate,
        budget.remainingTime(now),
        warnings);
  }

  private Action afterFailedCall(Event.ModelFailed failed) {
    budget.record(ModelUse.failed(failed.took()));
    return switch (failed.failure()) {
      case TIMEOUT -> finishWithBestDraft(BudgetTracker.Kind.TIME);
      case CANCELLED -> stop(Event.Stop.cancelled());
      case FAILED, REJECTED -> stop(new Event.Stop(StopReason.FAILED, failed.message()));
    };
  }

  private Action afterReply(Action.CallModel call, Event.ModelReplied replied) {
    ChatResponse response = replied.response();
    budget.record(
        new ModelUse(
            response.usage(),
            call.promptEstimate(),
            ModelUse.outputTokens(s.context().estimator(), response),
            replied.took()));
    if (replied.replayed()) {
      // The record is what the model saw: continue from exactly that conversation.
      conversation.adopt(replied.sent().messages());
    }
    if (response.finishReason() == FinishReason.CONTENT_FILTER) {
      return stop(
          new Event.Stop(
              StopReason.CONTENT_FILTERED,
              "the model provider's content filter stopped the answer (finish reason "
                  + response.rawFinishReason()
                  + "); the request was not sent again"));
    }
    Message reply = replied.reply();
    if (reply.hasToolCalls()) {
      if (!call.finalAnswer()) {
        conversation.add(reply);
        emptyReplies = 0;
        return runTools(reply.toolCalls());
      }
      // Asked for the final answer without tools, the model called tools anyway (some servers
      // ignore tool_choice "none"): ask once more with no tools at all in the request.
      if (!toolsWithdrawn) {
        toolsWithdrawn = true;
        conversation.addUser(Nudges.NO_MORE_TOOLS);
        return callModel(conversation.estimate());
      }
      return finishWithBestDraft(forcedBy);
    }
    String text = ReasoningText.split(reply.content()).answer();
    if (cutOffText != null) {
      text = cutOffText + text;
    }
    if (text.isBlank() || !replied.unreadableCalls().isEmpty()) {
      if (call.finalAnswer()) {
        return finishWithBestDraft(forcedBy);
      }
      if (++emptyReplies >= MAX_EMPTY_REPLIES) {
        return stop(
            new Event.Stop(
                StopReason.FAILED,
                replied.unreadableCalls().isEmpty()
                    ? "the model returned an empty reply three times in a row"
                    : "the model's tool calls could not be read three times in a row ("
                        + replied.unreadableCalls()
                        + ")"));
      }
      conversation.add(reply);
      conversation.addUser(
          replied.unreadableCalls().isEmpty()
              ? Nudges.EMPTY_REPLY
              : Nudges.unreadableCalls(replied.unreadableCalls()));
      return callModel(conversation.estimate());
    }
    emptyReplies = 0;
    conversation.add(reply);
    boolean cutOff = response.finishReason() == FinishReason.LENGTH;
    if (cutOff && continuations < MAX_CONTINUATIONS) {
      // Keep what was written; ask for the rest, a bounded number of times.
      Draft sofar = draft(text);
      if (sofar != null) {
        bestDraft = sofar;
        bestCheck = null;
        bestTruncated = true;
      }
      continuations++;
      cutOffText = text;
      conversation.addUser(Nudges.CONTINUE);
      return callModel(conversation.estimate());
    }
    cutOffText = null;
    Draft draft = draft(text);
    if (draft == null) {
      return unreadableAnswer(call.finalAnswer());
    }
    return verify(draft, call.finalAnswer(), cutOff);
  }

  /** The draft in a final reply: its report, or a typed answer's JSON; null when unreadable. */
  private Draft draft(String text) {
    if (schema == null) {
      return Draft.parse(text);
    }
    try {
      return Draft.structured(SourcedJson.read(text, schema));
    } catch (IllegalArgumentException e) {
      unreadable = e.getMessage();
      return null;
    }
  }

  /** A typed answer that cannot be used goes back to the model, a bounded number of times. */
  private Action unreadableAnswer(boolean finalAnswer) {
    if (finalAnswer) {
      return finishWithBestDraft(forcedBy);
    }
    if (++unreadableAnswers >= MAX_EMPTY_REPLIES) {
      return stop(
          new Event.Stop(
              StopReason.FAILED,
              "the model's answer could not be used as the requested JSON three times in a row ("
                  + unreadable
                  + ")"));
    }
    conversation.addUser(Nudges.unusableAnswer(unreadable));
    return callModel(conversation.estimate());
  }

  private Action runTools(List<ToolCall> calls) {
    boolean timeUp = budget.timeExhausted(now);
    long allowed = timeUp ? 0 : budget.remainingToolCalls();
    List<ToolCall> run = calls.subList(0, (int) Math.min(calls.size(), allowed));
    List<ToolCall> skipped = calls.subList(run.size(), calls.size());
    return new Action.RunTools(
        run,
        skipped,
        skipped.isEmpty() ? "" : timeUp ? "time" : "tool_calls",
        budget.remainingTime(now));
  }

  private Action afterTools(Action.RunTools batch, Event.ToolsRan ran) {
    budget.recordToolCalls(batch.calls().size());
    toolCalls += batch.calls().size();
    for (ToolOutcome outcome : ran.outcomes()) {
      if (outcome.execution().status().isFailure()) {
        failedToolCalls++;
      }
      ToolCall call = outcome.execution().call();
      conversation.add(Message.tool(call.id(), call.name(), outcome.modelText()));
    }
    for (ToolCall call : batch.skipped()) {
      conversation.add(
          Message.tool(
              call.id(),
              call.name(),
              "Not run: "
                  + (batch.skippedBecause().equals("time")
                      ? "the run's time budget is spent."
                      : "the run's tool-call budget of "
                          + budget.budget().maxToolCalls()
                          + " calls is spent.")
                  + " Write your final answer from what you have."));
    }
    for (ToolOutcome outcome : ran.outcomes()) {
      ToolExecution execution = outcome.execution();
      if (failsRun(execution.status())) {
        return stop(
            new Event.Stop(
                StopReason.FAILED,
                "tool "
                    + execution.call().name()
                    + " failed ("
                    + execution.status().name().toLowerCase(Locale.ROOT)
                    + "): "
                    + outcome.modelText()));
      }
    }
    if (budget.remainingToolCalls() == 0) {
      forcedBy = BudgetTracker.Kind.TOOL_CALLS;
    }
    return turn();
  }

  private boolean failsRun(ToolExecution.Status status) {
    return status.isFailure()
        && status != ToolExecution.Status.CANCELLED
        && s.toolFailures().action(status) == ToolFailurePolicy.Action.FAIL_RUN;
  }

  // ------------------------------------------------------------------ verification

  private Action verify(Draft draft, boolean finalAnswer, boolean truncated) {
    verifyingFinal = finalAnswer;
    bestTruncated = truncated;
    return new Action.Verify(draft, verificationRound + 1, budget.copy(), now);
  }

  private Action afterVerification(Event.Verified verified) {
    verified.calls().forEach(budget::record);
    DraftCheck.Checked checked = verified.checked();
    bestDraft = checked.draft();
    bestCheck = checked;
    if (verified.stop() != null) {
      return stop(verified.stop());
    }
    if (verifyingFinal) {
      return finish(forcedBy.stopReason(), forcedBy);
    }
    boolean enabled = s.verification().enabled();
    boolean citesNothing =
        enabled && !s.toolSpecs().isEmpty() && checked.draft().claims().isEmpty();
    if (enabled
        && (checked.hasProblems() || citesNothing)
        && verificationRound < s.verification().maxRounds()) {
      verificationRound++;
      conversation.addUser(
          citesNothing
              ? Nudges.NO_CITATIONS
              : Template.render(
                  s.prompts().verificationFeedback(),
                  Map.of("problems", DraftCheck.describe(checked.problems()))));
      return turn();
    }
    return finish(StopReason.COMPLETED, null);
  }

  // ------------------------------------------------------------------ finishing

  private Action finish(StopReason reason, BudgetTracker.Kind spent) {
    return new Action.Finish(
        new Ending(
            reason,
            "",
            bestDraft,
            bestCheck,
            bestTruncated,
            false,
            spent == null ? "" : budget.describe(spent),
            failedToolCalls,
            toolCalls,
            verificationRound));
  }

  /** A budget ended the run: the best draft is the answer; without one, the sources gathered. */
  private Action finishWithBestDraft(BudgetTracker.Kind kind) {
    String error =
        bestDraft == null
            ? "the " + kind.words() + " budget ran out before the agent wrote an answer"
            : "";
    return new Action.Finish(
        new Ending(
            kind.stopReason(),
            error,
            bestDraft,
            bestCheck,
            bestTruncated,
            bestDraft == null,
            budget.describe(kind),
            failedToolCalls,
            toolCalls,
            verificationRound));
  }

  private Action stop(Event.Stop stop) {
    if (stop.reason().isBudget()) {
      for (BudgetTracker.Kind kind : BudgetTracker.Kind.values()) {
        if (kind.stopReason() == stop.reason()) {
          return finishWithBestDraft(kind);
        }
      }
    }
    return new Action.Finish(
        new Ending(
            stop.reason(),
            stop.message(),
            bestDraft,
            bestCheck,
            bestTruncated,
            false,
            "",
            failedToolCalls,
            toolCalls,
            verificationRound));
  }
}
