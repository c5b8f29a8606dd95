package dev.researcher4j.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ServerErrorException;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.core.trajectory.TrajectoryValidator;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.testing.ScriptedChatModel;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResearchWorkflowTest {

  @TempDir Path dir;

  /**
   * A search tool; {@code gate}, when given, holds each call until it opens or the call is
   * cancelled.
   */
  static Tool search(CountDownLatch gate) {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    schema.putObject("properties").putObject("query").put("type", "string");
    schema.putArray("required").add("query");
    ToolSpec spec = ToolSpec.of("web_search", "Searches the web.", schema);
    return new Tool() {
      @Override
      public ToolSpec spec() {
        return spec;
      }

      @Override
      public ToolResult execute(ToolCall call, ToolContext context) throws Exception {
        if (gate != null) {
          gate.await();
        }
        String query = call.parsedArguments().path("query").asText();
        Source source =
            context.registerSource(
                Source.web("https://example.org/" + query, "About " + query, query + " facts"));
        return ToolResult.of("[" + source.id() + "] " + query + " facts");
      }
    };
  }

  static ToolCall searchCall(String id, String query) {
    return new ToolCall(id, "web_search", "{\"query\":\"" + query + "\"}");
  }

  static ResearchAgent.Builder agent(ScriptedChatModel model, Tool... tools) {
    return ResearchAgent.builder()
        .chatModel(model)
        .tools(tools)
        .planning(false)
        .verification(VerificationPolicy.disabled());
  }

  static ScriptedChatModel twoSearchesThenAnswer() {
    return ScriptedChatModel.of(
        ScriptedChatModel.toolCalls(searchCall("c1", "alpha"), searchCall("c2", "beta")),
        ScriptedChatModel.text("Answer: alpha and beta [S1][S2]\n\nAlpha [S1]. Beta [S2]."));
  }

  @Test
  void aRunOnTemporalAnswersAsALocalRunAndWritesOneValidTrajectory() throws Exception {
    Trajectory local =
        agent(twoSearchesThenAnswer(), search(null)).build().run(Task.of("a and b?"));
    ScriptedChatModel model = twoSearchesThenAnswer();
    try (TemporalFixture temporal = new TemporalFixture(agent(model, search(null)).build(), dir)) {
      String runId = temporal.research.start(Task.of("a and b?"));
      RunResult result = temporal.research.result(runId);

      assertThat(result.outcome().stopReason()).isEqualTo(StopReason.COMPLETED);
      assertThat(result.outcome().answer()).isEqualTo(local.outcome().answer());
      // Parallel calls of a local run number sources in the order they happen to register; on
      // Temporal, in call order, so that a replay gives the same ids.
      assertThat(result.outcome().report())
          .contains("- [S1] About alpha — https://example.org/alpha")
          .contains("- [S2] About beta — https://example.org/beta");
      assertThat(result.outcome().sources()).hasSameSizeAs(local.outcome().sources());
      assertThat(model.callCount()).isEqualTo(2);
      Path file = Path.of(result.trajectory());
      assertThat(file).isEqualTo(temporal.trajectories.resolve(runId + ".jsonl").toAbsolutePath());
      assertThat(TrajectoryValidator.validate(file).isValid()).isTrue();
      Trajectory written = TrajectoryReader.read(file);
      assertThat(written.steps())
          .extracting(Step::kind)
          .containsExactly(StepKind.MODEL, StepKind.TOOLS, StepKind.MODEL, StepKind.FINAL);
      assertThat(written.outcome()).isEqualTo(result.outcome());
      RunProgress progress = temporal.research.progress(runId);
      assertThat(progress.finished()).isTrue();
      assertThat(progress.steps()).isEqualTo(4);
      assertThat(progress.modelCalls()).isEqualTo(2);
      assertThat(progress.toolCalls()).isEqualTo(2);
      assertThat(progress.sources()).isEqualTo(2);
      assertThat(progress.stopReason()).isEqualTo("COMPLETED");
    }
  }

  @Test
  void progressIsAQueryWhileTheRunWorks() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    try (TemporalFixture temporal =
        new TemporalFixture(agent(twoSearchesThenAnswer(), search(gate)).build(), dir)) {
      String runId = temporal.research.start(Task.of("a and b?"));
      RunProgress progress = awaitProgress(temporal, runId, p -> p.modelCalls() == 1);

      assertThat(progress.status()).isEqualTo("RUNNING");
      assertThat(progress.steps()).isEqualTo(1);
      assertThat(progress.lastStep()).isEqualTo("asked for 2 tool calls: web_search ×2");
      assertThat(progress.draft()).isEmpty();
      gate.countDown();
      assertThat(temporal.research.result(runId).outcome().stopReason())
          .isEqualTo(StopReason.COMPLETED);
      assertThat(temporal.research.progress(runId).draft()).contains("Alpha [S1]");
    }
  }

  @Test
  void aCancelledRunEndsCancelledWithItsTrajectoryWritten() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    try (TemporalFixture temporal =
        new TemporalFixture(agent(twoSearchesThenAnswer(), search(never)).build(), dir)) {
      String runId = temporal.research.start(Task.of("a and b?"));
      awaitProgress(temporal, runId, p -> p.modelCalls() == 1);

      temporal.research.cancel(runId);
      RunResult result = temporal.research.result(runId);

      assertThat(result.outcome().stopReason()).isEqualTo(StopReason.CANCELLED);
      Trajectory written = TrajectoryReader.read(Path.of(result.trajectory()));
      assertThat(written.isFinished()).isTrue();
      assertThat(written.steps().get(1).toolExecutions())
          .allSatisfy(e -> assertThat(e.status().name()).isEqualTo("CANCELLED"));
      assertThat(temporal.research.progress(runId).stopReason()).isEqualTo("CANCELLED");
    } finally {
      never.countDown();
    }
  }

  @Test
  void aRunWhoseModelIsDownFailsWithTheStopReasonOfALocalRun() throws Exception {
    ServerErrorException down =
        new ServerErrorException("HTTP 503: upstream down", null, "test", 503, "", null);
    Trajectory local =
        agent(ScriptedChatModel.builder().fail(down).build(), search(null))
            .build()
            .run(Task.of("q"));
    try (TemporalFixture temporal =
        new TemporalFixture(
            agent(ScriptedChatModel.builder().fail(down).build(), search(null)).build(), dir)) {
      RunResult result = temporal.research.result(temporal.research.start(Task.of("q")));

      assertThat(result.outcome().stopReason())
          .isEqualTo(local.outcome().stopReason())
          .isEqualTo(StopReason.FAILED);
      assertThat(result.outcome().error()).isEqualTo(local.outcome().error()).contains("503");
      Trajectory written = TrajectoryReader.read(Path.of(result.trajectory()));
      assertThat(written.steps().get(0).data()).isEqualTo(local.steps().get(0).data());
    }
  }

  static RunProgress awaitProgress(
      TemporalFixture temporal, String runId, java.util.function.Predicate<RunProgress> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      RunProgress progress = temporal.research.progress(runId);
      if (done.test(progress)) {
        return progress;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the run did not get there: " + temporal.research.progress(runId));
  }
}
