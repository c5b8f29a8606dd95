package dev.researcher4j.core.internal.loop;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Usage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps one run within its {@link Budget}. Before each model call the run asks for a {@link Gate}:
 * whether the call may be made at all, and whether it must be the last one (so it is made without
 * tools and asks for the final answer). Limits that cannot be known before a call (tokens, cost,
 * time) are judged from what the largest call so far used, so the run stops one call early rather
 * than one call late. Thread-safe.
 */
public final class BudgetTracker {

  /** The budgets, with the names used in listener events and prompts. */
  public enum Kind {
    /** Model calls. */
    STEPS("steps", StopReason.BUDGET_STEPS),
    /** Tool calls. */
    TOOL_CALLS("tool_calls", StopReason.BUDGET_TOOL_CALLS),
    /** Prompt tokens. */
    INPUT_TOKENS("input_tokens", StopReason.BUDGET_INPUT_TOKENS),
    /** Completion tokens. */
    OUTPUT_TOKENS("output_tokens", StopReason.BUDGET_OUTPUT_TOKENS),
    /** Money. */
    COST("cost", StopReason.BUDGET_COST),
    /** Wall time. */
    TIME("time", StopReason.BUDGET_TIME);

    private final String label;
    private final StopReason stopReason;

    Kind(String label, StopReason stopReason) {
      this.label = label;
      this.stopReason = stopReason;
    }

    /** The name used in events and prompts ({@code tool_calls}). */
    public String label() {
      return label;
    }

    /** The stop reason naming this budget. */
    public StopReason stopReason() {
      return stopReason;
    }

    /** The kind whose stop reason is {@code reason}. */
    public static Kind of(StopReason reason) {
      for (Kind kind : values()) {
        if (kind.stopReason == reason) {
          return kind;
        }
      }
      throw new IllegalArgumentException(reason + " is not a budget stop reason");
    }
  }

  /**
   * What a model call may do.
   *
   * @param exhausted the budget that forbids the call, or {@code null}
   * @param last the budget that makes this the last call, or {@code null}
   */
  public record Gate(Kind exhausted, Kind last) {
    /** Whether the call may be made. */
    public boolean allowed() {
      return exhausted == null;
    }
  }

  /** A budget that crossed the warning fraction. */
  public record Warning(Kind kind, double fractionUsed) {}

  private final Budget budget;
  private final Clock clock;
  private volatile Instant start;
  private final Set<Kind> warned = EnumSet.noneOf(Kind.class);
  private long steps;
  private long toolCalls;
  private long inputTokens;
  private long outputTokens;
  private double cost;
  private long largestOutput;
  private double largestCost;
  private Duration longestCall = Duration.ZERO;
  private double inputScale = 1.0;

  /** Tracks a run that started at {@code start}. */
  public BudgetTracker(Budget budget, Clock clock, Instant start) {
    this.budget = budget;
    this.clock = clock;
    this.start = start;
  }

  /** The budget. */
  public Budget budget() {
    return budget;
  }

  /**
   * Leaves {@code pause} out of the time budget: the run was not running then (its process died and
   * it was resumed later).
   */
  public synchronized void pause(Duration pause) {
    if (!pause.isNegative() && !pause.isZero()) {
      start = start.plus(pause);
    }
  }

  /** Judges a model call of the act loop whose prompt is estimated at {@code estimate} tokens. */
  public synchronized Gate beforeModelCall(long estimate) {
    long promptTokens = scaled(estimate);
    Kind exhausted = exhausted(promptTokens);
    if (exhausted != null) {
      return new Gate(exhausted, null);
    }
    Kind last = null;
    if (steps + 1 >= budget.maxSteps()) {
      last = Kind.STEPS;
    } else if (toolCalls >= budget.maxToolCalls()) {
      last = Kind.TOOL_CALLS;
    } else if (limited(budget.maxInputTokens())
        && inputTokens + 2 * promptTokens > budget.maxInputTokens()) {
      last = Kind.INPUT_TOKENS;
    } else if (limited(budget.maxOutputTokens())
        && largestOutput > 0
        && budget.maxOutputTokens() - outputTokens < 2 * largestOutput) {
      last = Kind.OUTPUT_TOKENS;
    } else if (Double.isFinite(budget.maxCostUsd())
        && largestCost > 0
        && cost + 2 * largestCost > budget.maxCostUsd()) {
      last = Kind.COST;
    } else if (timeLimited()
        && !longestCall.isZero()
        && remainingTime().compareTo(longestCall.multipliedBy(2)) < 0) {
      last = Kind.TIME;
    }
    return new Gate(null, last);
  }

  /**
   * Judges a call outside the act loop (planning, verification, summaries): the budget that forbids
   * it, or {@code null} when it may be made.
   */
  public synchronized Kind beforeAuxiliaryCall(long estimate) {
    return exhausted(scaled(estimate));
  }

  /**
   * How many provider tokens one estimated token turned out to be on the last call that reported
   * usage (1 before any), within [0.25, 4]. Estimators are rough, and a budget judged by an
   * estimate that runs low would be overrun; scaling by what the provider actually counted keeps
   * the judgement honest.
   */
  public synchronized double inputScale() {
    return inputScale;
  }

  private long scaled(long estimate) {
    return (long) Math.ceil(estimate * inputScale);
  }

  private Kind exhausted(long promptTokens) {
    if (steps >= budget.maxSteps()) {
      return Kind.STEPS;
    }
    if (limited(budget.maxInputTokens()) && inputTokens + promptTokens > budget.maxInputTokens()) {
      return Kind.INPUT_TOKENS;
    }
    if (limited(budget.maxOutputTokens()) && outputTokens >= budget.maxOutputTokens()) {
      return Kind.OUTPUT_TOKENS;
    }
    if (Double.isFinite(budget.maxCostUsd())
        && (cost >= budget.maxCostUsd() || cost + largestCost > budget.maxCostUsd())) {
      return Kind.COST;
    }
    if (timeLimited() && remainingTime().isZero()) {
      return Kind.TIME;
    }
    return null;
  }

  /** Tool calls still allowed. */
  public synchronized long remainingToolCalls() {
    return Math.max(0, budget.maxToolCalls() - toolCalls);
  }

  /**
   * Completion tokens still allowed, for the request's {@code max_tokens}; {@code null} if none.
   */
  public synchronized Integer outputCap() {
    if (!limited(budget.maxOutputTokens())) {
      return null;
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, budget.maxOutputTokens() - outputTokens));
  }

  /** Time left before the time budget runs out. */
  public Duration remainingTime() {
    if (!timeLimited()) {
      return Budget.NO_TIME_LIMIT;
    }
    Duration left = budget.maxTime().minus(Duration.between(start, clock.instant()));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Whether the time budget ran out. */
  public boolean timeExhausted() {
    return timeLimited() && remainingTime().isZero();
  }

  /**
   * Records a model call.
   *
   * @param usage what the provider reported
   * @param estimatedInput the prompt estimate, used when the provider reported no usage (so
   *     providers that omit usage cannot run past a token budget)
   * @param estimatedOutput the completion estimate, likewise
   * @param took how long the call took, by the run's clock
   */
  public synchronized void recordModelCall(
      Usage usage, long estimatedInput, long estimatedOutput, Duration took) {
    steps++;
    boolean reported = usage.inputTokens() > 0 || usage.outputTokens() > 0;
    if (usage.inputTokens() > 0 && estimatedInput > 0) {
      inputScale = Math.max(0.25, Math.min(4.0, (double) usage.inputTokens() / estimatedInput));
    }
    long in = reported ? usage.inputTokens() : estimatedInput;
    long out = reported ? usage.outputTokens() : estimatedOutput;
    inputTokens += in;
    outputTokens += out;
    cost += usage.costUsd();
    largestOutput = Math.max(largestOutput, out);
    largestCost = Math.max(largestCost, usage.costUsd());
    if (took.compareTo(longestCall) > 0) {
      longestCall = took;
    }
  }

  /** Records {@code count} tool calls. */
  public synchronized void recordToolCalls(int count) {
    toolCalls += count;
  }

  /** Budgets that crossed the warning fraction since the last call, each reported once. */
  public synchronized List<Warning> newWarnings() {
    List<Warning> warnings = new ArrayList<>();
    check(warnings, Kind.STEPS, steps, budget.maxSteps());
    check(warnings, Kind.TOOL_CALLS, toolCalls, budget.maxToolCalls());
    check(warnings, Kind.INPUT_TOKENS, inputTokens, budget.maxInputTokens());
    check(warnings, Kind.OUTPUT_TOKENS, outputTokens, budget.maxOutputTokens());
    if (Double.isFinite(budget.maxCostUsd())) {
      warn(warnings, Kind.COST, cost / budget.maxCostUsd());
    }
    if (timeLimited()) {
      double elapsed = Duration.between(start, clock.instant()).toMillis();
      warn(warnings, Kind.TIME, elapsed / budget.maxTime().toMillis());
    }
    return warnings;
  }

  private void check(List<Warning> warnings, Kind kind, long used, long max) {
    if (limited(max)) {
      warn(warnings, kind, (double) used / max);
    }
  }

  private void warn(List<Warning> warnings, Kind kind, double fraction) {
    if (fraction >= budget.warnFraction() && warned.add(kind)) {
      warnings.add(new Warning(kind, Math.min(1, fraction)));
    }
  }

  private boolean timeLimited() {
    return !budget.maxTime().equals(Budget.NO_TIME_LIMIT);
  }

  private static boolean limited(long max) {
    return max != Long.MAX_VALUE;
  }
}
