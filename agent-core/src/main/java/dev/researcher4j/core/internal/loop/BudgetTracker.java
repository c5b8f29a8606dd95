package dev.researcher4j.core.internal.loop;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps one run within its {@link Budget}. Before each model call the loop asks for a {@link Gate}:
 * whether the call may be made at all, whether it must be the last one (made without tools, asking
 * for the final answer), and the most output tokens it may produce. A call is checked before it is
 * sent, from an estimate of its prompt and the most it may write, so no budget is ever exceeded:
 * the request's {@code max_tokens} is capped to what the output-token and cost budgets leave.
 *
 * <p>Pure: time comes in as arguments ({@code now}), never from a clock, so the same results give
 * the same decisions (a resumed run replays its record through the same tracker). Not thread-safe;
 * stages that make calls of their own work on a {@link #copy()} and report what they spent.
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

    /** The name for people ({@code tool calls}). */
    public String words() {
      return label.replace('_', ' ');
    }

    /** The stop reason naming this budget. */
    public StopReason stopReason() {
      return stopReason;
    }
  }

  /** What one model call costs, in US dollars, by its prompt and completion tokens. */
  @FunctionalInterface
  public interface Prices {
    /** No price known: a run with a cost budget cannot start. */
    Prices UNKNOWN = (input, output) -> Double.NaN;

    /** The cost of a call with these tokens, or {@code NaN} when no price is known. */
    double cost(long inputTokens, long outputTokens);
  }

  /**
   * What a model call may do.
   *
   * @param exhausted the budget that forbids the call, or {@code null}
   * @param last the budget that makes this the last call, or {@code null}
   * @param outputCap the most completion tokens the call may produce, or {@code null} for no cap
   */
  public record Gate(Kind exhausted, Kind last, Integer outputCap) {
    /** Whether the call may be made. */
    public boolean allowed() {
      return exhausted == null;
    }

    /** {@code request} with its {@code max_tokens} lowered to the cap, when it has one. */
    public ChatRequest capped(ChatRequest request) {
      Integer current = request.options().maxTokens();
      if (outputCap == null || (current != null && current <= outputCap)) {
        return request;
      }
      return request.toBuilder()
          .options(request.options().toBuilder().maxTokens(outputCap).build())
          .build();
    }
  }

  /** A budget that crossed the warning fraction. */
  public record Warning(Kind kind, double fractionUsed) {}

  private final Budget budget;
  private final Prices prices;
  private Instant start;
  private final Set<Kind> warned;
  private long steps;
  private long toolCalls;
  private long inputTokens;
  private long outputTokens;
  private double cost;
  private long largestOutput;
  private double largestCost;
  private Duration longestCall = Duration.ZERO;
  private double inputScale = 1.0;

  /** Tracks a run that started at {@code start}, pricing calls with {@code prices}. */
  public BudgetTracker(Budget budget, Prices prices, Instant start) {
    this.budget = budget;
    this.prices = prices;
    this.start = start;
    this.warned = EnumSet.noneOf(Kind.class);
  }

  private BudgetTracker(BudgetTracker other) {
    this(other.budget, other.prices, other.start);
    warned.addAll(other.warned);
    steps = other.steps;
    toolCalls = other.toolCalls;
    inputTokens = other.inputTokens;
    outputTokens = other.outputTokens;
    cost = other.cost;
    largestOutput = other.largestOutput;
    largestCost = other.largestCost;
    longestCall = other.longestCall;
    inputScale = other.inputScale;
  }

  /** An independent copy, for a stage whose calls are applied back with {@link #record}. */
  public BudgetTracker copy() {
    return new BudgetTracker(this);
  }

  /** The budget. */
  public Budget budget() {
    return budget;
  }

  /**
   * Why this budget cannot be kept at all, or empty: a cost limit needs the model's price, or the
   * first call could not be checked before it is sent.
   */
  public String unenforceable() {
    if (costLimited() && Double.isNaN(prices.cost(1_000, 1_000))) {
      return "a cost budget of $"
          + budget.maxCostUsd()
          + " is set, but the model has no price, so calls cannot be checked before they are sent;"
          + " give the model a price (OpenAiChatModel.Builder.prices, --price IN,OUT) or remove"
          + " the cost budget";
    }
    return "";
  }

  /**
   * Leaves {@code pause} out of the time budget: the run was not running then (its process died and
   * it was resumed later).
   */
  public void pause(Duration pause) {
    if (!pause.isNegative() && !pause.isZero()) {
      start = start.plus(pause);
    }
  }

  /** Judges a model call of the act loop whose prompt is estimated at {@code estimate} tokens. */
  public Gate beforeModelCall(long estimate, Instant now) {
    long promptTokens = scaled(estimate);
    Kind exhausted = exhausted(promptTokens, now);
    if (exhausted != null) {
      return new Gate(exhausted, null, null);
    }
    return new Gate(null, last(promptTokens, now), outputCap(promptTokens));
  }

  /**
   * Judges a call outside the act loop (planning, verification, summaries): it may be made when no
   * budget forbids it; it is never forced to be a last call.
   */
  public Gate beforeAuxiliaryCall(long estimate, Instant now) {
    long promptTokens = scaled(estimate);
    Kind exhausted = exhausted(promptTokens, now);
    return exhausted != null
        ? new Gate(exhausted, null, null)
        : new Gate(null, null, outputCap(promptTokens));
  }

  private Kind last(long promptTokens, Instant now) {
    if (steps + 1 >= budget.maxSteps()) {
      return Kind.STEPS;
    }
    if (toolCalls >= budget.maxToolCalls()) {
      return Kind.TOOL_CALLS;
    }
    if (limited(budget.maxInputTokens())
        && inputTokens + 2 * promptTokens > budget.maxInputTokens()) {
      return Kind.INPUT_TOKENS;
    }
    if (limited(budget.maxOutputTokens())
        && largestOutput > 0
        && budget.maxOutputTokens() - outputTokens < 2 * largestOutput) {
      return Kind.OUTPUT_TOKENS;
    }
    if (costLimited()) {
      // After this call another like it must still fit, or this one has to be the last.
      double next = Math.max(largestCost, callCost(promptTokens, Math.max(largestOutput, 1)));
      if (cost + 2 * next > budget.maxCostUsd()) {
        return Kind.COST;
      }
    }
    if (timeLimited()
        && !longestCall.isZero()
        && remainingTime(now).compareTo(longestCall.multipliedBy(2)) < 0) {
      return Kind.TIME;
    }
    return null;
  }

  /**
   * How many provider tokens one estimated token turned out to be on the last call that reported
   * usage (1 before any), within [0.25, 4]. Estimators are rough, and a budget judged by an
   * estimate that runs low would be overrun; scaling by what the provider actually counted keeps
   * the judgement honest.
   */
  public double inputScale() {
    return inputScale;
  }

  private long scaled(long estimate) {
    return (long) Math.ceil(estimate * inputScale);
  }

  private Kind exhausted(long promptTokens, Instant now) {
    if (steps >= budget.maxSteps()) {
      return Kind.STEPS;
    }
    if (limited(budget.maxInputTokens()) && inputTokens + promptTokens > budget.maxInputTokens()) {
      return Kind.INPUT_TOKENS;
    }
    if (limited(budget.maxOutputTokens()) && outputTokens >= budget.maxOutputTokens()) {
      return Kind.OUTPUT_TOKENS;
    }
    // The prompt and at least one completion token must be affordable.
    if (costLimited()
        && (cost >= budget.maxCostUsd()
            || cost + callCost(promptTokens, 1) > budget.maxCostUsd())) {
      return Kind.COST;
    }
    if (timeLimited() && remainingTime(now).isZero()) {
      return Kind.TIME;
    }
    return null;
  }

  /**
   * The most completion tokens a call with this prompt may produce within the output-token and cost
   * budgets (at least 1), or {@code null} when neither limits it.
   */
  private Integer outputCap(long promptTokens) {
    long cap = Long.MAX_VALUE;
    if (limited(budget.maxOutputTokens())) {
      cap = budget.maxOutputTokens() - outputTokens;
    }
    if (costLimited()) {
      double perOutputToken = prices.cost(0, 1_000_000) / 1_000_000;
      if (perOutputToken > 0) {
        double left = budget.maxCostUsd() - cost - callCost(promptTokens, 0);
        cap = Math.min(cap, (long) Math.floor(left / perOutputToken));
      }
    }
    return cap == Long.MAX_VALUE ? null : (int) Math.min(Integer.MAX_VALUE, Math.max(1, cap));
  }

  private double callCost(long input, long output) {
    double price = prices.cost(input, output);
    return Double.isNaN(price) ? 0 : price;
  }

  /** Tool calls still allowed. */
  public long remainingToolCalls() {
    return Math.max(0, budget.maxToolCalls() - toolCalls);
  }

  /** Time left at {@code now} before the time budget runs out. */
  public Duration remainingTime(Instant now) {
    if (!timeLimited()) {
      return Budget.NO_TIME_LIMIT;
    }
    Duration left = budget.maxTime().minus(Duration.between(start, now));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Whether the time budget had run out at {@code now}. */
  public boolean timeExhausted(Instant now) {
    return timeLimited() && remainingTime(now).isZero();
  }

  /**
   * Records a model call.
   *
   * @param use what the provider reported (or, when it reported no usage, what was estimated, so
   *     providers that omit usage cannot run past a token or cost budget)
   */
  public void record(ModelUse use) {
    steps++;
    Usage usage = use.usage();
    boolean reported = usage.inputTokens() > 0 || usage.outputTokens() > 0;
    if (usage.inputTokens() > 0 && use.promptEstimate() > 0) {
      inputScale =
          Math.max(0.25, Math.min(4.0, (double) usage.inputTokens() / use.promptEstimate()));
    }
    long in = reported ? usage.inputTokens() : use.promptEstimate();
    long out = reported ? usage.outputTokens() : use.outputEstimate();
    double spent = usage.costUsd() > 0 ? usage.costUsd() : callCost(in, out);
    inputTokens += in;
    outputTokens += out;
    cost += spent;
    largestOutput = Math.max(largestOutput, out);
    largestCost = Math.max(largestCost, spent);
    if (use.took().compareTo(longestCall) > 0) {
      longestCall = use.took();
    }
  }

  /** Records {@code count} tool calls. */
  public void recordToolCalls(int count) {
    toolCalls += count;
  }

  /** Budgets that crossed the warning fraction by {@code now}, each reported once. */
  public List<Warning> newWarnings(Instant now) {
    List<Warning> warnings = new ArrayList<>();
    check(warnings, Kind.STEPS, steps, budget.maxSteps());
    check(warnings, Kind.TOOL_CALLS, toolCalls, budget.maxToolCalls());
    check(warnings, Kind.INPUT_TOKENS, inputTokens, budget.maxInputTokens());
    check(warnings, Kind.OUTPUT_TOKENS, outputTokens, budget.maxOutputTokens());
    if (costLimited()) {
      warn(warnings, Kind.COST, cost / budget.maxCostUsd());
    }
    if (timeLimited()) {
      double elapsed = Duration.between(start, now).toMillis();
      warn(warnings, Kind.TIME, elapsed / budget.maxTime().toMillis());
    }
    return warnings;
  }

  /** A phrase naming {@code kind}'s limit for people ("the tool-call budget of 20 calls"). */
  public String describe(Kind kind) {
    return switch (kind) {
      case STEPS -> "the step budget of " + budget.maxSteps() + " model calls";
      case TOOL_CALLS -> "the tool-call budget of " + budget.maxToolCalls() + " calls";
      case INPUT_TOKENS -> "the input-token budget of " + budget.maxInputTokens() + " tokens";
      case OUTPUT_TOKENS -> "the output-token budget of " + budget.maxOutputTokens() + " tokens";
      case COST -> "the cost budget of $" + budget.maxCostUsd();
      case TIME -> "the time budget of " + human(budget.maxTime());
    };
  }

  private static String human(Duration duration) {
    return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
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

  private boolean costLimited() {
    return Double.isFinite(budget.maxCostUsd());
  }

  private boolean timeLimited() {
    return !budget.maxTime().equals(Budget.NO_TIME_LIMIT);
  }

  private static boolean limited(long max) {
    return max != Long.MAX_VALUE;
  }
}
