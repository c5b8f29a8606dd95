package dev.researcher4j.core.internal.report;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.RunTotals;
import java.time.Duration;
import java.util.Optional;

/**
 * How a long report's budget is shared: a reserve for the outline, the assembly and its
 * verification; the rest split across the sections by their planned words, each section's share
 * split again between its research (a sub-run) and its writing and verification. Sections run in
 * waves of at most {@code parallel} at once, so each gets the time of its wave. Limits that are not
 * set stay unset. Pure.
 */
public final class BudgetSplit {
  private BudgetSplit() {}

  /** Share of a section's budget its research sub-run may spend; the rest writes and checks. */
  public static final double RESEARCH_SHARE = 0.75;

  /** The fewest steps a section's share may have: research (3 calls), writing and a check. */
  static final long MIN_SECTION_STEPS = 6;

  /**
   * The whole report's budget that gives each of {@code sections} sections' research sub-runs
   * {@code perRun} (the researcher's own budget), when no budget for the report is given.
   */
  public static Budget forResearch(Budget perRun, double reserve, int sections, int parallel) {
    double factor = sections / ((1 - reserve) * RESEARCH_SHARE);
    int waves = (sections + parallel - 1) / parallel;
    return new Budget(
        times(perRun.maxSteps(), factor),
        times(perRun.maxToolCalls(), factor),
        times(perRun.maxInputTokens(), factor),
        times(perRun.maxOutputTokens(), factor),
        perRun.maxCostUsd() * factor,
        perRun.maxTime().equals(Budget.NO_TIME_LIMIT)
            ? perRun.maxTime()
            : Duration.ofMillis(
                (long)
                    Math.ceil(
                        perRun.maxTime().toMillis() * waves / ((1 - reserve) * RESEARCH_SHARE))),
        perRun.warnFraction());
  }

  private static long times(long limit, double factor) {
    return limit == Long.MAX_VALUE || limit * factor >= Long.MAX_VALUE
        ? Long.MAX_VALUE
        : (long) Math.ceil(limit * factor);
  }

  /**
   * The reserve of {@code total}: {@code reserve} of every limit but time, which is the whole
   * report's (the sections are held to their share of it, so what is left at the end is the
   * assembly's).
   */
  public static Budget reserve(Budget total, double reserve) {
    return scaled(total, reserve, 1.0);
  }

  /**
   * The share of section {@code words} out of {@code allWords} planned, for {@code sections}
   * sections run {@code parallel} at once.
   */
  public static Budget section(
      Budget total, double reserve, int words, int allWords, int sections, int parallel) {
    double fraction = (1 - reserve) * words / Math.max(1, allWords);
    int waves = (sections + parallel - 1) / parallel;
    return scaled(total, fraction, (1 - reserve) / waves);
  }

  /** What a section's research sub-run may spend of the section's share. */
  public static Budget research(Budget section) {
    return scaled(section, RESEARCH_SHARE, RESEARCH_SHARE);
  }

  /**
   * What is left of a section's share once its research spent {@code spent}, or empty when a limit
   * is used up (the section cannot be written by the model then).
   */
  public static Optional<Budget> left(Budget section, RunTotals spent, Duration elapsed) {
    long steps = minus(section.maxSteps(), spent.modelCalls());
    long tools = minus(section.maxToolCalls(), spent.toolCalls());
    long in = minus(section.maxInputTokens(), spent.usage().inputTokens());
    long out = minus(section.maxOutputTokens(), spent.usage().outputTokens());
    double cost =
        Double.isInfinite(section.maxCostUsd())
            ? section.maxCostUsd()
            : section.maxCostUsd() - spent.usage().costUsd();
    Duration time =
        section.maxTime().equals(Budget.NO_TIME_LIMIT)
            ? section.maxTime()
            : section.maxTime().minus(elapsed);
    if (steps <= 0
        || tools <= 0
        || in <= 0
        || out <= 0
        || !(cost > 0)
        || time.isNegative()
        || time.isZero()) {
      return Optional.empty();
    }
    return Optional.of(new Budget(steps, tools, in, out, cost, time, section.warnFraction()));
  }

  /**
   * Why {@code total} cannot give {@code sections} sections a workable share, or empty when it can.
   */
  public static String tooSmall(Budget total, double reserve, int sections) {
    if (total.maxSteps() == Long.MAX_VALUE) {
      return "";
    }
    long perSection = (long) Math.floor(total.maxSteps() * (1 - reserve) / sections);
    if (perSection >= MIN_SECTION_STEPS) {
      return "";
    }
    long needed = (long) Math.ceil(MIN_SECTION_STEPS * sections / (1 - reserve));
    return "a budget of "
        + total.maxSteps()
        + " steps is too small for "
        + sections
        + " sections: each needs at least "
        + MIN_SECTION_STEPS
        + " steps, so give at least "
        + needed
        + " (or fewer sections)";
  }

  private static Budget scaled(Budget budget, double fraction, double timeFraction) {
    return new Budget(
        scale(budget.maxSteps(), fraction),
        scale(budget.maxToolCalls(), fraction),
        scale(budget.maxInputTokens(), fraction),
        scale(budget.maxOutputTokens(), fraction),
        Double.isInfinite(budget.maxCostUsd())
            ? budget.maxCostUsd()
            : budget.maxCostUsd() * fraction,
        budget.maxTime().equals(Budget.NO_TIME_LIMIT)
            ? budget.maxTime()
            : Duration.ofMillis(Math.max(1, (long) (budget.maxTime().toMillis() * timeFraction))),
        budget.warnFraction());
  }

  private static long scale(long limit, double fraction) {
    return limit == Long.MAX_VALUE ? limit : Math.max(1, (long) Math.floor(limit * fraction));
  }

  private static long minus(long limit, long spent) {
    return limit == Long.MAX_VALUE ? limit : limit - spent;
  }
}
