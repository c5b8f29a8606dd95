package dev.researcher4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.testing.FakeClock;
import dev.researcher4j.testing.RecordingListener;
import dev.researcher4j.testing.ScriptedChatModel;
import dev.researcher4j.testing.TrajectoryAssertions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TestingSupportTest {

  @Test
  void theScriptedModelAnswersRulesFirstThenTheScriptThenTheFallback() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .when(
                r -> r.messages().get(0).content().equals("rule"),
                r -> ScriptedChatModel.text("from rule"))
            .text("first")
            .otherwise(r -> ScriptedChatModel.text("fallback"))
            .build();

    assertThat(model.chat(ChatRequest.of("rule")).text()).isEqualTo("from rule");
    assertThat(model.chat(ChatRequest.of("a")).text()).isEqualTo("first");
    assertThat(model.chat(ChatRequest.of("b")).text()).isEqualTo("fallback");
    assertThat(model.requests())
        .extracting(r -> r.messages().get(0).content())
        .containsExactly("rule", "a", "b");
  }

  @Test
  void anExhaustedScriptSaysWhichCallHadNoReply() {
    ScriptedChatModel model = ScriptedChatModel.of(ScriptedChatModel.text("only"));
    model.chat(ChatRequest.of("one"));

    assertThatThrownBy(() -> model.chat(ChatRequest.of("two")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "ScriptedChatModel has no reply for call #2 (script exhausted, no rule matched, no fallback); last message: two");
  }

  @Test
  void trajectoryAssertionsExplainWhatDiffers() {
    ScriptedChatModel model = ScriptedChatModel.of(ScriptedChatModel.text("Answer: 1\n\nOne."));
    Trajectory trajectory =
        ResearchAgent.builder()
            .chatModel(model)
            .planning(false)
            .verification(VerificationPolicy.disabled())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory)
        .isCompleted()
        .answerContains("1")
        .madeModelCalls(1)
        .neverCalledTool("x");
    assertThatThrownBy(
            () ->
                TrajectoryAssertions.assertThat(trajectory).stoppedBecause(StopReason.BUDGET_STEPS))
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected stop reason BUDGET_STEPS but was COMPLETED; steps: [MODEL, FINAL]");
    assertThatThrownBy(() -> TrajectoryAssertions.assertThat(trajectory).calledTool("web_search"))
        .hasMessage("expected a call of tool web_search but the calls were []");
  }

  @Test
  void theFakeClockMovesOnlyWhenTold() {
    FakeClock clock = FakeClock.at(Instant.parse("2026-01-01T00:00:00Z"));

    clock.advance(Duration.ofMinutes(5));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
    assertThat(clock.withZone(ZoneOffset.ofHours(2)).instant()).isEqualTo(clock.instant());
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .hasMessage("duration must not be negative, but was PT-1S");
  }

  @Test
  void theRecordingListenerWaitsForRuns() throws Exception {
    RecordingListener listener = new RecordingListener();

    assertThat(listener.awaitFinishedRuns(1, Duration.ofMillis(1))).isFalse();
    listener.onModelDelta("r", "Hel");
    listener.onModelDelta("r", "lo");
    assertThat(listener.streamedText()).isEqualTo("Hello");
    assertThat(listener.eventNames("r")).containsExactly("onModelDelta", "onModelDelta");
    assertThat(Message.user("x").content()).isEqualTo("x");
  }
}
