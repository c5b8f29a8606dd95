package dev.researcher4j.core.internal.loop;

import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ToolCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the {@link Loop} decided to do next. The run performs it through its ports and stages and
 * hands the result back as an {@link Event}; {@link Finish} ends the run.
 */
public sealed interface Action {

  /**
   * Ask the model for a research plan (the planning stage).
   *
   * @param budget a copy of the run's budget for the stage's own calls
   * @param now the run's time when the action was decided
   */
  record Plan(ChatRequest request, BudgetTracker budget, Instant now) implements Action {}

  /**
   * Compact the history (the compaction stage, which runs the context policy).
   *
   * @param messages the conversation as it would be sent
   * @param estimatedTokens its estimated size, tool specs included
   * @param targetTokens the size to bring the messages under
   * @param contextWindow the model's context window
   * @param trigger {@code window} (near the window) or {@code stale_results}
   */
  record Compact(
      List<Message> messages,
      long estimatedTokens,
      long targetTokens,
      int contextWindow,
      String trigger,
      BudgetTracker budget,
      Instant now)
      implements Action {
    /** Copies the messages. */
    public Compact {
      messages = List.copyOf(messages);
    }
  }

  /**
   * One call of the act loop.
   *
   * @param request the request, its output capped to what the budget leaves
   * @param finalAnswer whether this call asks for the final answer (a budget is nearly spent)
   * @param historyRewritten whether the history was compacted since the last call
   * @param promptEstimate the estimated prompt tokens
   * @param timeout the time left in the run's budget
   * @param warnings budgets that crossed their warning fraction, for listeners
   */
  record CallModel(
      ChatRequest request,
      boolean finalAnswer,
      boolean historyRewritten,
      long promptEstimate,
      Duration timeout,
      List<BudgetTracker.Warning> warnings)
      implements Action {
    /** Copies the warnings. */
    public CallModel {
      Objects.requireNonNull(request, "request");
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Run one batch of tool calls.
   *
   * @param calls the calls to run, in order
   * @param skipped calls of the batch not run because a budget is spent
   * @param skippedBecause {@code time} or {@code tool_calls} when calls were skipped, else empty
   * @param timeLeft the time left in the run's budget
   */
  record RunTools(
      List<ToolCall> calls, List<ToolCall> skipped, String skippedBecause, Duration timeLeft)
      implements Action {
    /** Copies the lists. */
    public RunTools {
      calls = List.copyOf(calls);
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * Check a draft's citations (the verification stage).
   *
   * @param round the verification round, from 1
   */
  record Verify(Draft draft, int round, BudgetTracker budget, Instant now) implements Action {}

  /** End the run with {@code ending}. */
  record Finish(Ending ending) implements Action {}
}
