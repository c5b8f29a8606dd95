package dev.researcher4j.testing;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.Warning;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Fluent checks of a {@link Trajectory} for tests, in the style of AssertJ but with no dependency
 * on it: each check throws an {@link AssertionError} that says what was expected and what the
 * trajectory holds.
 *
 * <pre>{@code
 * TrajectoryAssertions.assertThat(trajectory)
 *     .stoppedBecause(StopReason.COMPLETED)
 *     .calledTool("web_search")
 *     .citedSources("S1", "S2")
 *     .stayedWithinBudget();
 * }</pre>
 */
public final class TrajectoryAssertions {
  private TrajectoryAssertions() {}

  /** Starts checks of {@code trajectory}. */
  public static TrajectoryAssert assertThat(Trajectory trajectory) {
    return new TrajectoryAssert(Objects.requireNonNull(trajectory, "trajectory"));
  }

  /** Every tool execution of {@code trajectory}, in order. */
  public static List<ToolExecution> toolExecutions(Trajectory trajectory) {
    return trajectory.steps().stream().flatMap(s -> s.toolExecutions().stream()).toList();
  }

  /** The steps of {@code trajectory} of kind {@code kind}, in order. */
  public static List<Step> steps(Trajectory trajectory, StepKind kind) {
    return trajectory.steps().stream().filter(s -> s.kind() == kind).toList();
  }

  /** Checks of one trajectory; every method returns {@code this} for chaining. */
  public static final class TrajectoryAssert {
    private final Trajectory trajectory;

    private TrajectoryAssert(Trajectory trajectory) {
      this.trajectory = trajectory;
    }

    /** The trajectory under test. */
    public Trajectory trajectory() {
      return trajectory;
    }

    /** The run finished (has an outcome). */
    public TrajectoryAssert isFinished() {
      if (!trajectory.isFinished()) {
        fail("expected a finished run, but it has no outcome; steps: " + kinds());
      }
      return this;
    }

    /** The run stopped for {@code reason}. */
    public TrajectoryAssert stoppedBecause(StopReason reason) {
      Outcome outcome = outcome();
      if (outcome.stopReason() != reason) {
        fail(
            "expected stop reason "
                + reason
                + " but was "
                + outcome.stopReason()
                + (outcome.error().isEmpty() ? "" : " (error: " + outcome.error() + ")")
                + "; steps: "
                + kinds());
      }
      return this;
    }

    /** The run completed normally. */
    public TrajectoryAssert isCompleted() {
      return stoppedBecause(StopReason.COMPLETED);
    }

    /** The outcome has an answer or report. */
    public TrajectoryAssert hasAnswer() {
      if (!outcome().hasAnswer()) {
        fail("expected an answer, but the outcome has none (error: " + outcome().error() + ")");
      }
      return this;
    }

    /** The short answer contains {@code text}. */
    public TrajectoryAssert answerContains(String text) {
      if (!outcome().answer().contains(text)) {
        fail(
            "expected the answer to contain \""
                + text
                + "\" but it was \""
                + outcome().answer()
                + "\"");
      }
      return this;
    }

    /** The report contains {@code text}. */
    public TrajectoryAssert reportContains(String text) {
      if (!outcome().report().contains(text)) {
        fail("expected the report to contain \"" + text + "\" but it was:\n" + outcome().report());
      }
      return this;
    }

    /** The report does not contain {@code text}. */
    public TrajectoryAssert reportDoesNotContain(String text) {
      if (outcome().report().contains(text)) {
        fail(
            "expected the report not to contain \""
                + text
                + "\" but it was:\n"
                + outcome().report());
      }
      return this;
    }

    /** The tool {@code name} was called at least once. */
    public TrajectoryAssert calledTool(String name) {
      if (count(name) == 0) {
        fail("expected a call of tool " + name + " but the calls were " + calls());
      }
      return this;
    }

    /** The tool {@code name} was called exactly {@code times} times. */
    public TrajectoryAssert calledTool(String name, int times) {
      long count = count(name);
      if (count != times) {
        fail(
            "expected "
                + times
                + " calls of tool "
                + name
                + " but there were "
                + count
                + ": "
                + calls());
      }
      return this;
    }

    /** The tool {@code name} was never called. */
    public TrajectoryAssert neverCalledTool(String name) {
      return calledTool(name, 0);
    }

    /** Some call of tool {@code name} ended with {@code status}. */
    public TrajectoryAssert hasToolCall(String name, ToolExecution.Status status) {
      boolean found =
          toolExecutions(trajectory).stream()
              .anyMatch(e -> e.call().name().equals(name) && e.status() == status);
      if (!found) {
        fail(
            "expected a call of "
                + name
                + " with status "
                + status
                + " but the calls were "
                + calls());
      }
      return this;
    }

    /** The outcome cites exactly the sources {@code ids}, in id order. */
    public TrajectoryAssert citedSources(String... ids) {
      List<String> cited = outcome().sources().stream().map(Source::id).toList();
      if (!cited.equals(Arrays.asList(ids))) {
        fail("expected cited sources " + Arrays.toString(ids) + " but were " + cited);
      }
      return this;
    }

    /** Some citation of {@code sourceId} has {@code support}. */
    public TrajectoryAssert hasCitation(String sourceId, Citation.Support support) {
      boolean found =
          outcome().citations().stream()
              .anyMatch(c -> c.sourceId().equals(sourceId) && c.support() == support);
      if (!found) {
        fail(
            "expected a citation of "
                + sourceId
                + " that is "
                + support
                + " but the citations were "
                + outcome().citations());
      }
      return this;
    }

    /** No citation is unsupported or of an unknown source. */
    public TrajectoryAssert hasNoUnsupportedCitations() {
      if (!outcome().unsupportedCitations().isEmpty()) {
        fail("expected no unsupported citations but found " + outcome().unsupportedCitations());
      }
      return this;
    }

    /** The outcome has a warning of {@code kind} whose message contains {@code text}. */
    public TrajectoryAssert hasWarning(Warning.Kind kind, String text) {
      boolean found =
          outcome().warnings().stream()
              .anyMatch(w -> w.kind() == kind && w.message().contains(text));
      if (!found) {
        fail(
            "expected a "
                + kind
                + " warning containing \""
                + text
                + "\" but the warnings were "
                + outcome().warnings());
      }
      return this;
    }

    /** The outcome has no warning of {@code kind}. */
    public TrajectoryAssert hasNoWarning(Warning.Kind kind) {
      if (outcome().warnings().stream().anyMatch(w -> w.kind() == kind)) {
        fail("expected no " + kind + " warning but the warnings were " + outcome().warnings());
      }
      return this;
    }

    /** The steps have exactly these kinds, in order. */
    public TrajectoryAssert hasStepKinds(StepKind... kinds) {
      if (!kinds().equals(Arrays.asList(kinds))) {
        fail("expected steps " + Arrays.toString(kinds) + " but were " + kinds());
      }
      return this;
    }

    /** Some step has kind {@code kind}. */
    public TrajectoryAssert hasStep(StepKind kind) {
      if (!kinds().contains(kind)) {
        fail("expected a " + kind + " step but the steps were " + kinds());
      }
      return this;
    }

    /** Exactly {@code count} model calls were made. */
    public TrajectoryAssert madeModelCalls(int count) {
      long made = trajectory.steps().stream().filter(s -> s.modelCall() != null).count();
      if (made != count) {
        fail("expected " + count + " model calls but there were " + made + "; steps: " + kinds());
      }
      return this;
    }

    /** The totals stay within every limit of the run's budget. */
    public TrajectoryAssert stayedWithinBudget() {
      Budget budget = trajectory.header().budget();
      var totals = trajectory.totals();
      if (totals.modelCalls() > budget.maxSteps()) {
        fail(
            "made "
                + totals.modelCalls()
                + " model calls, over the budget of "
                + budget.maxSteps());
      }
      if (totals.toolCalls() > budget.maxToolCalls()) {
        fail(
            "made "
                + totals.toolCalls()
                + " tool calls, over the budget of "
                + budget.maxToolCalls());
      }
      if (totals.usage().inputTokens() > budget.maxInputTokens()) {
        fail(
            "used "
                + totals.usage().inputTokens()
                + " input tokens, over "
                + budget.maxInputTokens());
      }
      if (totals.usage().outputTokens() > budget.maxOutputTokens()) {
        fail(
            "used "
                + totals.usage().outputTokens()
                + " output tokens, over "
                + budget.maxOutputTokens());
      }
      if (totals.usage().costUsd() > budget.maxCostUsd()) {
        fail("spent $" + totals.usage().costUsd() + ", over $" + budget.maxCostUsd());
      }
      if (totals.elapsed().compareTo(budget.maxTime()) > 0) {
        fail("took " + totals.elapsed() + ", over " + budget.maxTime());
      }
      return this;
    }

    private long count(String name) {
      return toolExecutions(trajectory).stream().filter(e -> e.call().name().equals(name)).count();
    }

    private List<String> calls() {
      return toolExecutions(trajectory).stream()
          .map(e -> e.call().name() + "=" + e.status())
          .toList();
    }

    private List<StepKind> kinds() {
      return trajectory.steps().stream().map(Step::kind).toList();
    }

    private Outcome outcome() {
      isFinished();
      return trajectory.outcome();
    }

    private static void fail(String message) {
      throw new AssertionError(message);
    }
  }
}
