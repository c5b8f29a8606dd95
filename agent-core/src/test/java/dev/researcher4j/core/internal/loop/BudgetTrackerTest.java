package dev.researcher4j.core.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.internal.loop.BudgetTracker.Gate;
import dev.researcher4j.core.internal.loop.BudgetTracker.Kind;
import dev.researcher4j.core.internal.loop.BudgetTracker.Prices;
import dev.researcher4j.core.internal.loop.BudgetTracker.Warning;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every budget at the exact edge of its limit: the last call allowed, the first one refused, the
 * call that must be the last, the output cap, and the warning at the warn fraction. Prices are
 * multiples of a quarter dollar so that the arithmetic is exact.
 */
class BudgetTrackerTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** $0.25 per prompt token, $0.50 per completion token. */
  private static final Prices QUARTERS = (in, out) -> in * 0.25 + out * 0.5;

  private static BudgetTracker tracker(Budget budget) {
    return new BudgetTracker(budget, QUARTERS, T0);
  }

  private static Budget.Builder unlimited() {
    return Budget.unlimited().toBuilder();
  }

  /** A call the provider reported {@code in} prompt and {@code out} completion tokens for. */
  private static ModelUse reported(long in, long out) {
    return new ModelUse(Usage.of(in, out), in, out, Duration.ofSeconds(1));
  }

  private static Instant at(Duration elapsed) {
    return T0.plus(elapsed);
  }

  @Nested
  class Steps {

    @Test
    void theCallBeforeTheLimitIsTheLastAndTheLimitForbidsTheNext() {
      BudgetTracker budget = tracker(unlimited().maxSteps(3).build());

      assertThat(budget.beforeModelCall(10, T0)).isEqualTo(new Gate(null, null, null));
      budget.record(reported(10, 1));
      assertThat(budget.beforeModelCall(10, T0).last()).isNull();
      budget.record(reported(10, 1));
      assertThat(budget.beforeModelCall(10, T0)).isEqualTo(new Gate(null, Kind.STEPS, null));
      budget.record(reported(10, 1));
      Gate spent = budget.beforeModelCall(10, T0);

      assertThat(spent).isEqualTo(new Gate(Kind.STEPS, null, null));
      assertThat(spent.allowed()).isFalse();
      assertThat(budget.beforeAuxiliaryCall(10, T0).exhausted()).isEqualTo(Kind.STEPS);
    }

    @Test
    void aFailedCallCountsAsAStepAndSpendsItsTimeButNoTokens() {
      BudgetTracker steps = tracker(unlimited().maxSteps(2).build());
      BudgetTracker timeAndTokens =
          tracker(unlimited().maxOutputTokens(5).maxTime(Duration.ofMinutes(10)).build());

      steps.record(ModelUse.failed(Duration.ofSeconds(1)));
      timeAndTokens.record(ModelUse.failed(Duration.ofMinutes(4)));

      assertThat(steps.beforeModelCall(10, T0).last()).isEqualTo(Kind.STEPS);
      // 6 minutes left, less than twice the 4 the failed call took.
      assertThat(timeAndTokens.beforeModelCall(10, at(Duration.ofMinutes(4))))
          .isEqualTo(new Gate(null, Kind.TIME, 5));
    }
  }

  @Nested
  class ToolCalls {

    @Test
    void theRemainderShrinksToZeroAndThenTheNextCallIsTheLast() {
      BudgetTracker budget = tracker(unlimited().maxToolCalls(4).build());

      budget.recordToolCalls(3);
      assertThat(budget.remainingToolCalls()).isEqualTo(1);
      assertThat(budget.beforeModelCall(10, T0).last()).isNull();

      budget.recordToolCalls(1);
      assertThat(budget.remainingToolCalls()).isZero();
      assertThat(budget.beforeModelCall(10, T0)).isEqualTo(new Gate(null, Kind.TOOL_CALLS, null));

      budget.recordToolCalls(2);
      assertThat(budget.remainingToolCalls()).isZero();
    }
  }

  @Nested
  class InputTokens {

    @Test
    void aPromptThatFitsExactlyIsAllowedAndOneTokenMoreIsNot() {
      BudgetTracker budget = tracker(unlimited().maxInputTokens(1_000).build());
      budget.record(reported(600, 1));

      assertThat(budget.beforeModelCall(400, T0).allowed()).isTrue();
      assertThat(budget.beforeModelCall(401, T0).exhausted()).isEqualTo(Kind.INPUT_TOKENS);
      assertThat(budget.beforeAuxiliaryCall(401, T0).exhausted()).isEqualTo(Kind.INPUT_TOKENS);
    }

    @Test
    void aCallIsTheLastWhenAnotherOfItsSizeWouldNotFitAfterIt() {
      BudgetTracker budget = tracker(unlimited().maxInputTokens(1_000).build());
      budget.record(reported(600, 1));

      assertThat(budget.beforeModelCall(200, T0).last()).isNull();
      assertThat(budget.beforeModelCall(201, T0))
          .isEqualTo(new Gate(null, Kind.INPUT_TOKENS, null));
      assertThat(budget.beforeAuxiliaryCall(201, T0)).isEqualTo(new Gate(null, null, null));
    }

    @Test
    void estimatesAreScaledByWhatTheProviderCounted() {
      BudgetTracker budget = tracker(unlimited().maxInputTokens(10_000).build());
      // The provider counted twice what was estimated.
      budget.record(new ModelUse(Usage.of(2_000, 10), 1_000, 10, Duration.ZERO));

      assertThat(budget.inputScale()).isEqualTo(2.0);
      assertThat(budget.beforeModelCall(4_000, T0).allowed()).isTrue();
      assertThat(budget.beforeModelCall(4_001, T0).exhausted()).isEqualTo(Kind.INPUT_TOKENS);
      assertThat(budget.beforeModelCall(2_000, T0).last()).isNull();
      assertThat(budget.beforeModelCall(2_001, T0).last()).isEqualTo(Kind.INPUT_TOKENS);
    }

    @Test
    void theScaleIsBoundedAndKeptFromTheLastCallThatReportedTokens() {
      BudgetTracker budget = tracker(Budget.unlimited());
      assertThat(budget.inputScale()).isEqualTo(1.0);

      budget.record(new ModelUse(Usage.of(10_000, 1), 1_000, 1, Duration.ZERO));
      assertThat(budget.inputScale()).isEqualTo(4.0);
      budget.record(new ModelUse(Usage.of(100, 1), 1_000, 1, Duration.ZERO));
      assertThat(budget.inputScale()).isEqualTo(0.25);
      budget.record(new ModelUse(Usage.of(1_500, 1), 1_000, 1, Duration.ZERO));
      assertThat(budget.inputScale()).isEqualTo(1.5);
      // No usage reported, or nothing estimated: nothing learned.
      budget.record(new ModelUse(Usage.ZERO, 1_000, 1, Duration.ZERO));
      budget.record(new ModelUse(Usage.of(700, 1), 0, 1, Duration.ZERO));
      assertThat(budget.inputScale()).isEqualTo(1.5);
    }

    @Test
    void aScaledEstimateIsRoundedUp() {
      BudgetTracker budget = tracker(unlimited().maxInputTokens(1_500 + 4).build());
      budget.record(new ModelUse(Usage.of(1_500, 1), 1_000, 1, Duration.ZERO));

      // 2 × 1.5 = 3 tokens fit; 3 × 1.5 = 4.5 count as 5, one too many.
      assertThat(budget.beforeModelCall(2, T0).allowed()).isTrue();
      assertThat(budget.beforeModelCall(3, T0).allowed()).isFalse();
    }
  }

  @Nested
  class OutputTokens {

    @Test
    void theLimitReachedExactlyForbidsTheNextCall() {
      BudgetTracker budget = tracker(unlimited().maxOutputTokens(100).build());

      budget.record(reported(1, 99));
      assertThat(budget.beforeModelCall(1, T0).allowed()).isTrue();
      assertThat(budget.beforeModelCall(1, T0).outputCap()).isEqualTo(1);
      budget.record(reported(1, 1));

      assertThat(budget.beforeModelCall(1, T0).exhausted()).isEqualTo(Kind.OUTPUT_TOKENS);
    }

    @Test
    void aCallIsTheLastWhenTheRemainderIsLessThanTwiceTheLongestAnswer() {
      BudgetTracker budget = tracker(unlimited().maxOutputTokens(100).build());

      budget.record(reported(1, 30));
      budget.record(reported(1, 10));
      // 60 left, longest answer 30: two more fit.
      assertThat(budget.beforeModelCall(1, T0).last()).isNull();
      assertThat(budget.beforeModelCall(1, T0).outputCap()).isEqualTo(60);
      budget.record(reported(1, 1));

      assertThat(budget.beforeModelCall(1, T0).last()).isEqualTo(Kind.OUTPUT_TOKENS);
    }

    @Test
    void beforeAnyAnswerNoCallIsForcedToBeTheLast() {
      BudgetTracker budget = tracker(unlimited().maxOutputTokens(1).build());

      assertThat(budget.beforeModelCall(1, T0)).isEqualTo(new Gate(null, null, 1));
    }

    @Test
    void aCapBeyondTheRangeOfMaxTokensIsClamped() {
      BudgetTracker budget = tracker(unlimited().maxOutputTokens(10_000_000_000L).build());

      assertThat(budget.beforeModelCall(1, T0).outputCap()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aProviderThatReportsNoUsageIsCountedByItsEstimates() {
      BudgetTracker budget =
          tracker(unlimited().maxInputTokens(1_000).maxOutputTokens(100).build());

      budget.record(new ModelUse(Usage.ZERO, 450, 60, Duration.ZERO));
      assertThat(budget.beforeModelCall(550, T0).allowed()).isTrue();
      assertThat(budget.beforeModelCall(551, T0).exhausted()).isEqualTo(Kind.INPUT_TOKENS);
      assertThat(budget.beforeModelCall(1, T0).outputCap()).isEqualTo(40);
      budget.record(new ModelUse(Usage.ZERO, 1, 40, Duration.ZERO));

      assertThat(budget.beforeModelCall(1, T0).exhausted()).isEqualTo(Kind.OUTPUT_TOKENS);
    }

    @Test
    void aProviderThatReportsOnlySomeTokensIsTakenAtItsWord() {
      BudgetTracker budget = tracker(unlimited().maxInputTokens(1_000).build());

      budget.record(new ModelUse(Usage.of(0, 5), 900, 5, Duration.ZERO));

      assertThat(budget.beforeModelCall(1_000, T0).allowed()).isTrue();
    }
  }

  @Nested
  class Cost {

    @Test
    void aCostBudgetWithoutAPriceCannotBeKept() {
      Budget budget = unlimited().maxCostUsd(0.5).build();

      assertThat(new BudgetTracker(budget, Prices.UNKNOWN, T0).unenforceable())
          .isEqualTo(
              "a cost budget of $0.5 is set, but the model has no price, so calls cannot be"
                  + " checked before they are sent; give the model a price"
                  + " (OpenAiChatModel.Builder.prices, --price IN,OUT) or remove the cost budget");
      assertThat(tracker(budget).unenforceable()).isEmpty();
      assertThat(new BudgetTracker(Budget.unlimited(), Prices.UNKNOWN, T0).unenforceable())
          .isEmpty();
    }

    @Test
    void aCallWhosePromptAndOneAnswerTokenFitExactlyIsAllowedWithACapOfOneToken() {
      BudgetTracker budget = tracker(unlimited().maxCostUsd(100).build());

      // 398 × 0.25 + 1 × 0.5 = 100.0
      assertThat(budget.beforeModelCall(398, T0)).isEqualTo(new Gate(null, Kind.COST, 1));
      // 399 × 0.25 + 0.5 = 100.25
      assertThat(budget.beforeModelCall(399, T0)).isEqualTo(new Gate(Kind.COST, null, null));
    }

    @Test
    void theCapIsWhatTheRemainderBuysAfterThePrompt() {
      BudgetTracker budget = tracker(unlimited().maxCostUsd(100).build());

      // (100 - 40 × 0.25) / 0.5 = 180 completion tokens
      assertThat(budget.beforeModelCall(40, T0).outputCap()).isEqualTo(180);
    }

    @Test
    void theSmallerOfTheOutputAndCostCapsApplies() {
      BudgetTracker budget = tracker(unlimited().maxCostUsd(100).maxOutputTokens(150).build());

      assertThat(budget.beforeModelCall(40, T0).outputCap()).isEqualTo(150);
      assertThat(budget.beforeModelCall(160, T0).outputCap()).isEqualTo(120);
    }

    @Test
    void freeOutputTokensLeaveTheCapToTheOutputBudget() {
      BudgetTracker budget =
          new BudgetTracker(unlimited().maxCostUsd(100).build(), (in, out) -> in * 0.25, T0);

      assertThat(budget.beforeModelCall(40, T0).outputCap()).isNull();
      // Even with nothing left for more prompt, free output is not capped by the cost budget.
      assertThat(budget.beforeModelCall(400, T0)).isEqualTo(new Gate(null, Kind.COST, null));
    }

    @Test
    void aCallIsTheLastWhenAnotherLikeItWouldNotBeAffordableAfterIt() {
      BudgetTracker budget = tracker(unlimited().maxCostUsd(100).build());

      // Each call: 40 × 0.25 + 20 × 0.5 = $20.
      for (int i = 0; i < 3; i++) {
        budget.record(reported(40, 20));
        assertThat(budget.beforeModelCall(40, T0).last()).as("after call %d", i + 1).isNull();
      }
      budget.record(reported(40, 20));

      assertThat(budget.beforeModelCall(40, T0)).isEqualTo(new Gate(null, Kind.COST, 20));
    }

    @Test
    void theDearestCallSoFarCountsAsTheNextOne() {
      BudgetTracker budget = tracker(unlimited().maxCostUsd(100).build());

      budget.record(new ModelUse(new Usage(0, 0, 0, 0, 35.0), 0, 0, Duration.ZERO));

      assertThat(budget.beforeModelCall(0, T0).last()).isEqualTo(Kind.COST);
    }

    @Test
    void aReportedCostIsUsedAndOtherwiseTheCallIsPriced() {
      BudgetTracker reportedCost = tracker(unlimited().maxCostUsd(100).build());
      reportedCost.record(new ModelUse(new Usage(40, 20, 0, 0, 99.0), 40, 20, Duration.ZERO));
      BudgetTracker priced = tracker(unlimited().maxCostUsd(100).build());
      priced.record(reported(40, 20));

      assertThat(reportedCost.beforeModelCall(0, T0).outputCap()).isEqualTo(2);
      assertThat(priced.beforeModelCall(0, T0).outputCap()).isEqualTo(160);
    }

    @Test
    void aSpentCostBudgetForbidsEvenACallThePriceTableCallsFree() {
      BudgetTracker budget =
          new BudgetTracker(unlimited().maxCostUsd(100).build(), (in, out) -> in * 0.25, T0);

      budget.record(new ModelUse(new Usage(400, 0, 0, 0, 0), 400, 0, Duration.ZERO));

      assertThat(budget.beforeModelCall(0, T0).exhausted()).isEqualTo(Kind.COST);
    }
  }

  @Nested
  class Time {

    private final Budget tenMinutes = unlimited().maxTime(Duration.ofMinutes(10)).build();

    @Test
    void timeLeftCountsDownToZeroAndNeverBelow() {
      BudgetTracker budget = tracker(tenMinutes);

      assertThat(budget.remainingTime(at(Duration.ofMinutes(4)))).isEqualTo(Duration.ofMinutes(6));
      assertThat(budget.remainingTime(at(Duration.ofMinutes(11)))).isEqualTo(Duration.ZERO);
      assertThat(tracker(Budget.unlimited()).remainingTime(at(Duration.ofDays(999))))
          .isEqualTo(Budget.NO_TIME_LIMIT);
    }

    @Test
    void theLastMillisecondStillAllowsACallAndTheLimitDoesNot() {
      BudgetTracker budget = tracker(tenMinutes);
      Instant almost = at(Duration.ofMinutes(10).minusMillis(1));
      Instant limit = at(Duration.ofMinutes(10));

      assertThat(budget.beforeModelCall(1, almost).allowed()).isTrue();
      assertThat(budget.timeExhausted(almost)).isFalse();
      assertThat(budget.beforeModelCall(1, limit).exhausted()).isEqualTo(Kind.TIME);
      assertThat(budget.timeExhausted(limit)).isTrue();
      assertThat(tracker(Budget.unlimited()).timeExhausted(at(Duration.ofDays(999)))).isFalse();
    }

    @Test
    void aCallIsTheLastWhenLessThanTwiceTheLongestCallIsLeft() {
      BudgetTracker budget = tracker(tenMinutes);
      assertThat(budget.beforeModelCall(1, at(Duration.ofMinutes(9))).last()).isNull();

      budget.record(new ModelUse(Usage.of(1, 1), 1, 1, Duration.ofMinutes(1)));
      budget.record(new ModelUse(Usage.of(1, 1), 1, 1, Duration.ofSeconds(30)));

      assertThat(budget.beforeModelCall(1, at(Duration.ofMinutes(8))).last()).isNull();
      assertThat(budget.beforeModelCall(1, at(Duration.ofMinutes(8).plusMillis(1))).last())
          .isEqualTo(Kind.TIME);
    }

    @Test
    void aPauseIsLeftOutOfTheTimeBudget() {
      BudgetTracker budget = tracker(tenMinutes);

      budget.pause(Duration.ofHours(1));
      budget.pause(Duration.ofHours(-5));
      budget.pause(Duration.ZERO);

      assertThat(budget.remainingTime(at(Duration.ofMinutes(64)))).isEqualTo(Duration.ofMinutes(6));
    }
  }

  @Nested
  class Warnings {

    /** Ten steps and tool calls, 1,000 and 100 tokens, $300, ten seconds; warned at 80%. */
    private Budget everyLimitWarningAtFourFifths() {
      return Budget.builder()
          .maxSteps(10)
          .maxToolCalls(10)
          .maxInputTokens(1_000)
          .maxOutputTokens(100)
          .maxCostUsd(300)
          .maxTime(Duration.ofSeconds(10))
          .warnFraction(0.8)
          .build();
    }

    @Test
    void eachBudgetWarnsOnceWhenItReachesTheWarnFraction() {
      BudgetTracker budget = tracker(unlimited().maxSteps(4).warnFraction(0.5).build());

      budget.record(reported(1, 1));
      assertThat(budget.newWarnings(T0)).isEmpty();
      budget.record(reported(1, 1));
      assertThat(budget.newWarnings(T0)).containsExactly(new Warning(Kind.STEPS, 0.5));
      budget.record(reported(1, 1));
      assertThat(budget.newWarnings(T0)).isEmpty();
    }

    @Test
    void everyKindWarnsInOrderWithTheFractionUsedCappedAtOne() {
      BudgetTracker budget = tracker(everyLimitWarningAtFourFifths());
      // Each call costs 100 × 0.25 + 10 × 0.5 = $30.
      for (int i = 0; i < 8; i++) {
        budget.record(reported(100, 10));
      }
      budget.recordToolCalls(9);

      assertThat(budget.newWarnings(at(Duration.ofSeconds(20))))
          .containsExactly(
              new Warning(Kind.STEPS, 0.8),
              new Warning(Kind.TOOL_CALLS, 0.9),
              new Warning(Kind.INPUT_TOKENS, 0.8),
              new Warning(Kind.OUTPUT_TOKENS, 0.8),
              new Warning(Kind.COST, 0.8),
              new Warning(Kind.TIME, 1.0));
    }

    @Test
    void belowTheFractionNothingWarns() {
      BudgetTracker budget = tracker(everyLimitWarningAtFourFifths());
      for (int i = 0; i < 7; i++) {
        budget.record(reported(100, 10));
      }
      budget.recordToolCalls(7);

      assertThat(budget.newWarnings(at(Duration.ofMillis(7_999)))).isEmpty();
    }

    @Test
    void anUnlimitedBudgetNeverWarns() {
      BudgetTracker budget =
          tracker(unlimited().maxTime(Budget.NO_TIME_LIMIT).warnFraction(1e-300).build());

      budget.record(reported(1_000, 1_000));
      budget.recordToolCalls(1_000);

      assertThat(budget.newWarnings(at(Duration.ofDays(365)))).isEmpty();
    }
  }

  @Test
  void aCopyStartsWhereTheOriginalIsAndGoesOnAlone() {
    Budget limits =
        Budget.builder()
            .maxSteps(10)
            .maxToolCalls(10)
            .maxInputTokens(10_000)
            .maxOutputTokens(1_000)
            .maxCostUsd(10_000)
            .maxTime(Duration.ofMinutes(10))
            .warnFraction(0.5)
            .build();
    BudgetTracker original = tracker(limits);
    original.record(new ModelUse(Usage.of(4_000, 100), 2_000, 100, Duration.ofMinutes(2)));
    original.recordToolCalls(5);
    original.pause(Duration.ofMinutes(1));
    assertThat(original.newWarnings(T0)).containsExactly(new Warning(Kind.TOOL_CALLS, 0.5));

    BudgetTracker copy = original.copy();

    assertThat(copy.budget()).isEqualTo(limits);
    assertThat(copy.inputScale()).isEqualTo(2.0);
    assertThat(copy.remainingToolCalls()).isEqualTo(5);
    assertThat(copy.remainingTime(at(Duration.ofMinutes(3)))).isEqualTo(Duration.ofMinutes(8));
    // The warning was given; the longest call (2 min) makes a call with 4 min left the last.
    assertThat(copy.newWarnings(T0)).isEmpty();
    assertThat(copy.beforeModelCall(1, at(Duration.ofMinutes(7).plusMillis(1))).last())
        .isEqualTo(Kind.TIME);
    // Tokens carried over: 4,000 + 2 × 1,501 × 2 > 10,000, and 900 left of the output budget.
    assertThat(copy.beforeModelCall(1_500, T0).last()).isNull();
    assertThat(copy.beforeModelCall(1_501, T0).last()).isEqualTo(Kind.INPUT_TOKENS);
    assertThat(copy.beforeModelCall(1, T0).outputCap()).isEqualTo(900);
    // The longest answer and the dearest call carried over too.
    BudgetTracker output = tracker(unlimited().maxOutputTokens(250).build());
    output.record(reported(1, 100));
    assertThat(output.copy().beforeModelCall(1, T0).last()).isEqualTo(Kind.OUTPUT_TOKENS);
    BudgetTracker cost = tracker(limits);
    cost.record(new ModelUse(new Usage(0, 0, 0, 0, 9_999.0), 0, 0, Duration.ZERO));
    assertThat(cost.copy().beforeModelCall(0, T0)).isEqualTo(new Gate(null, Kind.COST, 2));

    copy.recordToolCalls(5);
    copy.record(reported(1, 1));
    assertThat(original.remainingToolCalls()).isEqualTo(5);
    assertThat(copy.remainingToolCalls()).isZero();
    assertThat(original.beforeModelCall(1, T0).outputCap()).isEqualTo(900);
  }

  @Test
  void eachBudgetIsDescribedForPeople() {
    BudgetTracker budget =
        tracker(
            Budget.builder()
                .maxSteps(12)
                .maxToolCalls(20)
                .maxInputTokens(5_000)
                .maxOutputTokens(700)
                .maxCostUsd(0.25)
                .maxTime(Duration.ofMinutes(90))
                .build());

    assertThat(budget.describe(Kind.STEPS)).isEqualTo("the step budget of 12 model calls");
    assertThat(budget.describe(Kind.TOOL_CALLS)).isEqualTo("the tool-call budget of 20 calls");
    assertThat(budget.describe(Kind.INPUT_TOKENS))
        .isEqualTo("the input-token budget of 5000 tokens");
    assertThat(budget.describe(Kind.OUTPUT_TOKENS))
        .isEqualTo("the output-token budget of 700 tokens");
    assertThat(budget.describe(Kind.COST)).isEqualTo("the cost budget of $0.25");
    assertThat(budget.describe(Kind.TIME)).isEqualTo("the time budget of 1h30m");
  }

  @Test
  void kindsNameTheirBudgetAndStopReason() {
    assertThat(Kind.TOOL_CALLS.label()).isEqualTo("tool_calls");
    assertThat(Kind.TOOL_CALLS.words()).isEqualTo("tool calls");
    assertThat(Kind.OUTPUT_TOKENS.stopReason()).isEqualTo(StopReason.BUDGET_OUTPUT_TOKENS);
    for (Kind kind : Kind.values()) {
      assertThat(kind.stopReason().name()).isEqualTo("BUDGET_" + kind.name());
    }
  }

  @Nested
  class Capping {

    private final ChatRequest request = ChatRequest.builder().addMessage(Message.user("q")).build();

    private ChatRequest withMaxTokens(int maxTokens) {
      return request.toBuilder()
          .options(ChatOptions.builder().maxTokens(maxTokens).build())
          .build();
    }

    @Test
    void aRequestWithoutALimitGetsTheCap() {
      assertThat(new Gate(null, null, 300).capped(request).options().maxTokens()).isEqualTo(300);
    }

    @Test
    void aLowerOrEqualLimitIsKeptAndAHigherOneLowered() {
      Gate gate = new Gate(null, null, 300);

      assertThat(gate.capped(withMaxTokens(200)).options().maxTokens()).isEqualTo(200);
      ChatRequest atTheCap = withMaxTokens(300);
      assertThat(gate.capped(atTheCap)).isSameAs(atTheCap);
      ChatRequest lowered = gate.capped(withMaxTokens(301));
      assertThat(lowered.options().maxTokens()).isEqualTo(300);
      assertThat(lowered.messages()).isEqualTo(request.messages());
    }

    @Test
    void withoutACapTheRequestIsSentAsItIs() {
      assertThat(new Gate(null, null, null).capped(withMaxTokens(5_000)).options().maxTokens())
          .isEqualTo(5_000);
      assertThat(new Gate(null, null, null).capped(request)).isSameAs(request);
    }
  }
}
