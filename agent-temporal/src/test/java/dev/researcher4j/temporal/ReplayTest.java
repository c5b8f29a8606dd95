package dev.researcher4j.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.temporal.internal.ResearchWorkflowImpl;
import dev.researcher4j.testing.ScriptedChatModel;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded histories of every code path of the workflows against the current code: a change
 * to the loop, the stages or the adapter that would make a run in flight decide otherwise fails
 * here, before a worker with the change meets such a run (see "Scaling out" in the README on
 * versions). The histories are recorded by {@link HistoryRecorder}.
 */
class ReplayTest {

  @TempDir Path dir;

  static WorkflowExecutionHistory history(String name) throws IOException {
    try (InputStream in = ReplayTest.class.getResourceAsStream("/histories/" + name + ".json")) {
      assertThat(in).as("recorded history " + name).isNotNull();
      return WorkflowExecutionHistory.fromJson(
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private void replay(
      String name, ResearchAgent agent, UnaryOperator<ResearchWorker.Builder> worker)
      throws Exception {
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(ResearchDataConverter.create())
                        .build())
                .build())) {
      Worker replaying = env.newWorker(TemporalFixture.QUEUE);
      worker
          .apply(
              ResearchWorker.builder()
                  .agent(agent)
                  .taskQueue(TemporalFixture.QUEUE)
                  .trajectoryDirectory(dir))
          .registerOn(replaying);
      WorkflowReplayer.replayWorkflowExecution(history(name), replaying);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "completed",
        "cancelled",
        "model-down",
        "human-answer",
        "continued-first",
        "continued",
        "eval"
      })
  void recordedRunsReplayOnTheCurrentCode(String name) throws Exception {
    String scenario = name.startsWith("continued") ? "continued" : name;
    replay(name, Scenarios.agent(scenario, ScriptedChatModel.of()), Scenarios.worker(scenario));
  }

  @Test
  void theHistoriesCarryTheWorkflowVersion() throws Exception {
    assertThat(history("completed").getEvents())
        .filteredOn(e -> e.getMarkerRecordedEventAttributes().getMarkerName().equals("Version"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(
                        e.getMarkerRecordedEventAttributes()
                            .getDetailsMap()
                            .get("changeId")
                            .getPayloads(0)
                            .getData()
                            .toStringUtf8())
                    .contains(ResearchWorkflowImpl.CHANGE_ID));
  }

  @Test
  void anAgentThatWouldDecideOtherwiseFailsTheReplay() {
    // Recorded without planning; with planning the run's first call is the planner's, and the
    // recorded tool calls no longer line up with what the loop now asks for.
    ResearchAgent changed =
        ResearchAgent.builder()
            .chatModel(ScriptedChatModel.of())
            .tools(ResearchWorkflowTest.search(null))
            .verification(VerificationPolicy.disabled())
            .build();
    assertThatThrownBy(() -> replay("completed", changed, b -> b))
        .hasMessageContaining("NonDeterministicException");
  }
}
