package dev.researcher4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.researcher4j.api.Grade;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Reward;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.Usage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RewardFunctionTest {

  private static final Task TASK = Task.builder("Q?").id("q").build();
  private static final Grade CORRECT =
      new Grade("exact-match/1", "", Grade.Label.CORRECT, 1, "x", "", Double.NaN);
  private static final Grade WRONG =
      new Grade("exact-match/1", "", Grade.Label.INCORRECT, 0, "y", "", Double.NaN);

  private static Trajectory run(StopReason stop, ToolExecution.Status... toolStatuses) {
    List<ToolExecution> executions = new ArrayList<>();
    for (int i = 0; i < toolStatuses.length; i++) {
      executions.add(TestTrajectories.execution("c" + i, toolStatuses[i]));
    }
    List<Step> steps =
        List.of(
            TestTrajectories.modelStep(
                0, List.of(Message.user("Q?")), Message.assistant("t"), false),
            new Step(
                1,
                StepKind.TOOLS,
                TestTrajectories.T0,
                TestTrajectories.T0,
                null,
                executions,
                Usage.ZERO,
                "",
                null,
                ""),
            TestTrajectories.modelStep(
                2, List.of(Message.user("Q?")), Message.assistant("x"), false));
    return TestTrajectories.withSteps(
        TASK, steps, new Outcome("x", "", List.of(), List.of(), stop, ""));
  }

  @Test
  void aCleanCorrectRunEarnsTheCorrectRewardAndAWrongOneTheIncorrect() {
    Reward right =
        RewardFunction.ofDefaults().reward(run(StopReason.COMPLETED), CORRECT).orElseThrow();
    Reward wrong =
        RewardFunction.ofDefaults().reward(run(StopReason.COMPLETED), WRONG).orElseThrow();

    assertThat(right.value()).isEqualTo(1.0);
    assertThat(right.components())
        .containsEntry("correctness", 1.0)
        .containsEntry("format", 0.0)
        .containsEntry("efficiency", 0.0);
    assertThat(right.source()).isEqualTo("exact-match/1");
    assertThat(wrong.value()).isEqualTo(0.0);
  }

  @Test
  void invalidToolCallsAndBudgetOverrunsArePenalisedUpToTheCap() {
    RewardFunction rewards = RewardFunction.ofDefaults();

    Reward invalid =
        rewards
            .reward(
                run(
                    StopReason.COMPLETED,
                    ToolExecution.Status.INVALID_ARGUMENTS,
                    ToolExecution.Status.UNKNOWN_TOOL,
                    ToolExecution.Status.ERROR,
                    ToolExecution.Status.OK),
                CORRECT)
            .orElseThrow();
    Reward overrun = rewards.reward(run(StopReason.BUDGET_STEPS), CORRECT).orElseThrow();
    Reward both =
        RewardFunction.custom()
            .maxFormatPenalty(0.6)
            .build()
            .reward(
                run(
                    StopReason.BUDGET_TIME,
                    ToolExecution.Status.INVALID_ARGUMENTS,
                    ToolExecution.Status.INVALID_ARGUMENTS),
                WRONG)
            .orElseThrow();

    // A tool that ran and returned an error is not a format fault; bad arguments and names are.
    assertThat(invalid.components().get("format")).isCloseTo(-0.2, within(1e-12));
    assertThat(invalid.value()).isCloseTo(0.8, within(1e-12));
    assertThat(overrun.components().get("format")).isEqualTo(-0.5);
    assertThat(both.components().get("format")).isCloseTo(-0.6, within(1e-12));
    assertThat(both.value()).isCloseTo(-0.6, within(1e-12));
  }

  @Test
  void correctnessCanRequireACleanFormatAsKimiDoes() {
    RewardFunction strict = RewardFunction.custom().correctnessRequiresCleanFormat(true).build();

    Reward dirty =
        strict
            .reward(run(StopReason.COMPLETED, ToolExecution.Status.UNKNOWN_TOOL), CORRECT)
            .orElseThrow();
    Reward clean = strict.reward(run(StopReason.COMPLETED), CORRECT).orElseThrow();

    assertThat(dirty.components().get("correctness")).isEqualTo(0.0);
    assertThat(dirty.value()).isCloseTo(-0.1, within(1e-12));
    assertThat(clean.value()).isEqualTo(1.0);
  }

  @Test
  void efficiencyChargesPerStep() {
    Reward reward =
        RewardFunction.custom()
            .stepPenalty(0.01)
            .build()
            .reward(run(StopReason.COMPLETED), CORRECT)
            .orElseThrow();

    assertThat(reward.components().get("efficiency")).isCloseTo(-0.03, within(1e-12));
    assertThat(reward.value()).isCloseTo(0.97, within(1e-12));
  }

  @Test
  void aGraderErrorGivesNoRewardAtAll() {
    Grade error =
        new Grade("llm-judge/1", "m", Grade.Label.GRADER_ERROR, 0, "", "down", Double.NaN);

    assertThat(RewardFunction.ofDefaults().reward(run(StopReason.COMPLETED), error)).isEmpty();
    assertThat(RewardFunction.ofDefaults().reward(run(StopReason.COMPLETED))).isEmpty();
  }

  @Test
  void gammaDecayCreditsEarlyTurnsOfShortCorrectRunsMore() {
    RewardFunction decaying = RewardFunction.custom().gamma(0.5).build();
    Trajectory correct = run(StopReason.COMPLETED);
    Reward reward = decaying.reward(correct, CORRECT).orElseThrow();
    Trajectory graded = correct.withGrades(List.of(CORRECT), reward);

    // Two model turns (the tools step made no model call): turn i of T gets r·γ^(T−i).
    assertThat(decaying.stepRewards(graded)).containsExactly(0.5, 1.0);
    assertThat(decaying.stepRewards(correct, 2.0, true)).containsExactly(1.0, 2.0);
    assertThat(decaying.stepRewards(correct, -0.5, false)).containsExactly(-0.5, -0.5);
    assertThat(RewardFunction.ofDefaults().stepRewards(graded)).containsExactly(1.0, 1.0);
    assertThatThrownBy(() -> decaying.stepRewards(correct))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no reward");
  }

  @Test
  void builderRejectsBadValuesNamingThem() {
    assertThatThrownBy(() -> RewardFunction.custom().gamma(0))
        .hasMessage("gamma must be in (0, 1], but was 0.0");
    assertThatThrownBy(() -> RewardFunction.custom().gamma(1.5))
        .hasMessage("gamma must be in (0, 1], but was 1.5");
    assertThatThrownBy(() -> RewardFunction.custom().stepPenalty(-0.1))
        .hasMessage("stepPenalty must be finite and >= 0, but was -0.1");
    assertThatThrownBy(() -> RewardFunction.custom().correctReward(Double.NaN))
        .hasMessage("correctReward must be finite, but was NaN");
    RewardFunction custom = RewardFunction.custom().gamma(0.9).correctReward(2).build();
    assertThat(RewardFunction.from(custom).build().toString()).isEqualTo(custom.toString());
  }
}
