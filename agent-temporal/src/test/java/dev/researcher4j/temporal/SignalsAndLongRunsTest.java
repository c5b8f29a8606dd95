package dev.researcher4j.temporal;

import static dev.researcher4j.temporal.ResearchWorkflowTest.agent;
import static dev.researcher4j.temporal.ResearchWorkflowTest.awaitProgress;
import static dev.researcher4j.temporal.ResearchWorkflowTest.search;
import static dev.researcher4j.temporal.ResearchWorkflowTest.searchCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.human.AskUserTool;
import dev.researcher4j.core.human.HumanQuestion;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.core.trajectory.TrajectoryValidator;
import dev.researcher4j.testing.ScriptedChatModel;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalsAndLongRunsTest {

  @TempDir Path dir;

  @Test
  void aPersonsAnswerReachesTheRunAsASignal() throws Exception {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            ScriptedChatModel.toolCalls(
                new ToolCall("ask1", AskUserTool.NAME, "{\"question\":\"Which year?\"}")),
            ScriptedChatModel.text("Answer: 1999\n\nThe person said 1999."));
    AtomicReference<WorkflowClient> client = new AtomicReference<>();
    // The channel needs the client, which the fixture makes; it is read when the tool runs.
    AskUserTool ask =
        AskUserTool.builder(
                question ->
                    TemporalHumanChannel.of(client.get(), Duration.ofMillis(50)).ask(question))
            .timeout(Duration.ofSeconds(30))
            .build();
    try (TemporalFixture temporal =
        new TemporalFixture(agent(model).tool(ask, ask.policy()).build(), dir)) {
      client.set(temporal.client);
      String runId = temporal.research.start(Task.of("When?"));
      RunProgress asking = awaitProgress(temporal, runId, p -> !p.questions().isEmpty());
      HumanQuestion question = asking.questions().get(0);
      assertThat(question.question()).isEqualTo("Which year?");
      assertThat(question.toolCallId()).isEqualTo("ask1");
      assertThat(question.runId()).isEqualTo(runId);

      temporal.research.answer(runId, HumanAnswer.of("ask1", "1999"));
      RunResult result = temporal.research.result(runId);

      assertThat(result.outcome().stopReason()).isEqualTo(StopReason.COMPLETED);
      Trajectory written = TrajectoryReader.read(Path.of(result.trajectory()));
      assertThat(written.steps().get(1).toolExecutions().get(0).result().content())
          .isEqualTo("The person answered: 1999");
      assertThat(temporal.research.progress(runId).questions()).isEmpty();
    }
  }

  /** A model that searches {@code turns} times, one query a turn, then answers. */
  static ScriptedChatModel searching(int turns) {
    List<dev.researcher4j.api.ChatResponse> replies = new ArrayList<>();
    for (int i = 0; i < turns; i++) {
      replies.add(ScriptedChatModel.toolCalls(searchCall("c" + i, "q" + i)));
    }
    replies.add(ScriptedChatModel.text("Answer: done [S1]\n\nDone [S1]."));
    return ScriptedChatModel.of(replies.toArray(new dev.researcher4j.api.ChatResponse[0]));
  }

  @Test
  void aLongRunContinuesAsNewFromItsTrajectoryWithoutRepeatingACall() throws Exception {
    int turns = 30;
    ScriptedChatModel model = searching(turns);
    try (TemporalFixture temporal =
        new TemporalFixture(
            agent(model, search(null)).build(),
            dir,
            ResearchDataConverter.create(),
            b -> b.continueAsNewAfter(100))) {
      String runId = temporal.research.start(Task.of("long"));
      RunResult result = temporal.research.result(runId);

      assertThat(result.outcome().stopReason()).isEqualTo(StopReason.COMPLETED);
      assertThat(result.continuations()).isGreaterThanOrEqualTo(2);
      assertThat(model.callCount()).isEqualTo(turns + 1);
      Path file = Path.of(result.trajectory());
      assertThat(TrajectoryValidator.validate(file).isValid()).isTrue();
      Trajectory written = TrajectoryReader.read(file);
      assertThat(written.steps()).hasSize(2 * turns + 2);
      assertThat(written.totals().toolCalls()).isEqualTo(turns);
      assertThat(written.outcome().sources())
          .singleElement()
          .satisfies(s -> assertThat(s.url()).isEqualTo("https://example.org/q0"));
      RunProgress progress = temporal.research.progress(runId);
      assertThat(progress.steps()).isEqualTo(2 * turns + 2);
      assertThat(progress.modelCalls()).isEqualTo(turns + 1);
    }
  }
}
