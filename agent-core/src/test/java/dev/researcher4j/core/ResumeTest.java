package dev.researcher4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.trajectory.InMemoryTrajectorySink;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.core.trajectory.TrajectoryFormatException;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.core.trajectory.TrajectoryValidator;
import dev.researcher4j.testing.FakeClock;
import dev.researcher4j.testing.RecordingListener;
import dev.researcher4j.testing.ScriptedChatModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {

  @TempDir Path dir;

  /** Where each line of a file starts, plus the file's length. */
  private static List<Integer> lineStarts(byte[] bytes) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        starts.add(i + 1);
      }
    }
    return starts;
  }

  /** Model calls made: recorded ones, and failed ones recorded as error steps. */
  private static long modelCalls(List<Step> steps) {
    return steps.stream()
        .filter(
            s -> s.modelCall() != null || s.data().path("call_failure").asText().equals("failed"))
        .count();
  }

  private static long toolRuns(List<Step> steps) {
    return steps.stream()
        .flatMap(s -> s.toolExecutions().stream())
        .map(ToolExecution::status)
        .filter(
            s ->
                s == ToolExecution.Status.OK
                    || s == ToolExecution.Status.ERROR
                    || s == ToolExecution.Status.EXCEPTION)
        .count();
  }

  /**
   * Records {@code scenario}, cuts its file at every line boundary and in the middle of every line,
   * resumes each cut with a fresh model and fresh tools, and checks each result.
   */
  private void resumeEveryCut(ResearchScenario recordingScenario) throws Exception {
    Trajectory original = recordingScenario.record(dir.resolve("original"));
    byte[] bytes = Files.readAllBytes(dir.resolve("original").resolve(original.runId() + ".jsonl"));
    List<Integer> starts = lineStarts(bytes);
    int lines = starts.size() - 1;
    assertThat(lines).isEqualTo(original.steps().size() + 2);
    int resumed = 0;
    for (int line = 0; line < lines; line++) {
      for (boolean midLine : new boolean[] {false, true}) {
        int cut = midLine ? (starts.get(line) + starts.get(line + 1)) / 2 : starts.get(line);
        String name = "cut-" + line + (midLine ? "-mid" : "") + ".jsonl";
        Path file = dir.resolve(name);
        byte[] prefix = Arrays.copyOf(bytes, cut);
        Files.write(file, prefix);
        ResearchScenario fresh = endlessLike(recordingScenario);
        ScriptedChatModel model = fresh.model();
        InMemoryTrajectorySink memory = new InMemoryTrajectorySink();
        ResearchAgent agent = fresh.agent(model).trajectorySink(memory).build();

        if (line == 0) {
          assertThatThrownBy(() -> agent.resume(file))
              .as(name)
              .isInstanceOf(TrajectoryFormatException.class)
              .hasMessageContaining(name);
          continue;
        }
        Trajectory result = agent.resume(file);
        resumed++;

        int keptSteps = line - 1;
        assertThat(result).as(name).isEqualTo(original);
        assertThat(result.steps().subList(0, keptSteps))
            .isEqualTo(original.steps().subList(0, keptSteps));
        assertThat(model.callCount())
            .as(name + ": model calls made again")
            .isEqualTo(
                modelCalls(original.steps()) - modelCalls(original.steps().subList(0, keptSteps)));
        assertThat((long) fresh.toolRuns.get())
            .as(name + ": tool calls run again")
            .isEqualTo(
                toolRuns(original.steps()) - toolRuns(original.steps().subList(0, keptSteps)));
        byte[] after = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(after, starts.get(line)))
            .as(name + ": recorded lines keep their bytes")
            .isEqualTo(Arrays.copyOf(bytes, starts.get(line)));
        TrajectoryValidator.Report report = TrajectoryValidator.validate(file);
        assertThat(report.errors()).as(name).isEmpty();
        assertThat(report.warnings()).as(name).isEmpty();
        assertThat(report.finished()).isTrue();
        assertThat(TrajectoryReader.read(file)).isEqualTo(result);
        List<String> written = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(written.stream().filter(l -> l.startsWith("{\"type\":\"resume\"")))
            .as(name)
            .containsExactly(
                "{\"type\":\"resume\",\"at\":\"2026-01-15T09:00:00Z\",\"steps_kept\":"
                    + keptSteps
                    + ",\"downtime\":\"PT0S\",\"sdk_version\":\"dev\"}");
        assertThat(memory.trajectory(original.runId())).contains(result);
      }
    }
    // The whole file (with its footer) is a finished run: returned as it is, file untouched.
    Path whole = dir.resolve("whole.jsonl");
    Files.write(whole, bytes);
    ResearchScenario fresh = endlessLike(recordingScenario);
    ScriptedChatModel model = fresh.model();
    assertThat(fresh.agent(model).build().resume(whole)).isEqualTo(original);
    assertThat(Files.readAllBytes(whole)).isEqualTo(bytes);
    assertThat(model.callCount()).isZero();
    assertThat(resumed).isEqualTo(2 * (lines - 1));
  }

  private ResearchScenario endlessLike(ResearchScenario scenario) {
    return scenario.fresh();
  }

  @Test
  void theScenarioCoversWhatResumingMustRestore() throws Exception {
    Trajectory run = ResearchScenario.completing().record(dir);

    assertThat(run.steps())
        .extracting(Step::kind)
        .containsExactly(
            StepKind.PLAN,
            StepKind.MODEL,
            StepKind.TOOLS,
            StepKind.MODEL,
            StepKind.TOOLS,
            StepKind.MODEL,
            StepKind.TOOLS,
            StepKind.MODEL,
            StepKind.VERIFY,
            StepKind.MODEL,
            StepKind.TOOLS,
            StepKind.MODEL,
            StepKind.VERIFY,
            StepKind.FINAL);
    assertThat(run.steps().stream().flatMap(s -> s.toolExecutions().stream()))
        .extracting(ToolExecution::status)
        .contains(ToolExecution.Status.CACHED, ToolExecution.Status.EXCEPTION);
    Step reading = run.steps().get(6);
    assertThat(reading.toolExecutions().get(0).truncated()).isTrue();
    assertThat(reading.data().path("shown").path("c6").asText()).contains("[Result truncated");
    assertThat(run.steps().get(4).data().path("errors").path("c5").asText())
        .contains("the flaky service said no");
    assertThat(run.requireOutcome().stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(run.requireOutcome().sources()).extracting(s -> s.id()).containsExactly("S1", "S3");
    assertThat(run.totals().sources()).isEqualTo(6);
    Trajectory endless = ResearchScenario.endless().record(dir);
    assertThat(endless.requireOutcome().stopReason()).isEqualTo(StopReason.BUDGET_STEPS);
  }

  @Test
  void aRunCutAtAnyLineBoundaryOrMidLineResumesToTheSameTrajectoryWithoutRepeatingCalls()
      throws Exception {
    resumeEveryCut(ResearchScenario.completing());
  }

  @Test
  void aRunThatCompactedItsHistoryResumesAtEveryCutToTheSameTrajectory() throws Exception {
    Trajectory run = ResearchScenario.compacting().record(dir.resolve("check"));
    assertThat(run.steps()).extracting(Step::kind).contains(StepKind.COMPACTION);
    assertThat(run.requireOutcome().stopReason()).isEqualTo(StopReason.COMPLETED);

    resumeEveryCut(ResearchScenario.compacting());
  }

  @Test
  void aFailedPlanningCallInTheRecordIsNotMadeAgainAndTheRunGoesOnWithoutAPlan() throws Exception {
    Trajectory run = ResearchScenario.plannerFailing().record(dir.resolve("check"));
    assertThat(run.steps().get(0).kind()).isEqualTo(StepKind.ERROR);
    assertThat(run.steps().get(0).data().path("call_failure").asText()).isEqualTo("failed");
    assertThat(run.steps().get(1).kind()).isEqualTo(StepKind.PLAN);
    assertThat(run.steps().get(1).summary())
        .isEqualTo("planning failed; researching without a plan");

    resumeEveryCut(ResearchScenario.plannerFailing());
  }

  @Test
  void aResumedRunCountsTheBudgetItHadSpent() throws Exception {
    resumeEveryCut(ResearchScenario.endless());
  }

  @Test
  void timeTheProcessWasDownIsNotCountedAgainstTheTimeBudget() throws Exception {
    FakeClock clock = FakeClock.fixed();
    ResearchScenario scenario = ResearchScenario.completing();
    ScriptedChatModel recording = scenario.model();
    Trajectory original =
        scenario
            .agent(recording)
            .clock(clock)
            .budget(Budget.builder().maxTime(Duration.ofMinutes(30)).build())
            .trajectorySink(JsonlTrajectorySink.inDirectory(dir))
            .build()
            .run(ResearchScenario.TASK);
    Path file = dir.resolve(original.runId() + ".jsonl");
    List<String> lines = Files.readAllLines(file);
    Files.write(file, lines.subList(0, 8));

    clock.advance(Duration.ofHours(2));
    RecordingListener listener = new RecordingListener();
    ResearchScenario fresh = ResearchScenario.completing();
    Trajectory resumed =
        fresh.agent(fresh.model()).clock(clock).listener(listener).build().resume(file);

    assertThat(resumed.requireOutcome().stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(resumed.steps()).hasSize(original.steps().size());
    assertThat(resumed.steps().get(7).startedAt()).isEqualTo(Instant.parse("2026-01-15T11:00:00Z"));
    assertThat(resumed.totals().elapsed()).isZero();
    assertThat(Files.readAllLines(file).get(8))
        .isEqualTo(
            "{\"type\":\"resume\",\"at\":\"2026-01-15T11:00:00Z\",\"steps_kept\":7,"
                + "\"downtime\":\"PT2H\",\"sdk_version\":\"dev\"}");
    // Listeners hear of the run and of what happened after the resume point only.
    assertThat(listener.startedRuns()).hasSize(1);
    assertThat(listener.steps()).extracting(Step::index).containsExactly(7, 8, 9, 10, 11, 12, 13);
    assertThat(listener.finishedRuns()).containsExactly(resumed);

    // Down again after two more steps, resumed once more: both downtimes are left out.
    List<String> again = Files.readAllLines(file);
    Files.write(file, again.subList(0, 11));
    clock.advance(Duration.ofHours(1));
    ResearchScenario third = ResearchScenario.completing();
    Trajectory twice = third.agent(third.model()).clock(clock).build().resume(file);

    assertThat(twice.requireOutcome().stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(twice.totals().elapsed()).isZero();
    assertThat(Files.readAllLines(file).stream().filter(l -> l.contains("\"type\":\"resume\"")))
        .hasSize(2);
    assertThat(TrajectoryValidator.validate(file).isValid()).isTrue();
  }

  @Test
  void resumeAsyncContinuesOnTheExecutorAndReportsFileProblemsThroughTheFuture() throws Exception {
    Trajectory original = ResearchScenario.completing().record(dir);
    Path file = dir.resolve(original.runId() + ".jsonl");
    List<String> lines = Files.readAllLines(file);
    Files.write(file, lines.subList(0, 9));
    ResearchScenario fresh = ResearchScenario.completing();
    ResearchAgent agent = fresh.agent(fresh.model()).build();

    assertThat(agent.resumeAsync(file).get(10, java.util.concurrent.TimeUnit.SECONDS))
        .isEqualTo(original);
    assertThat(agent.resumeAsync(file).get(10, java.util.concurrent.TimeUnit.SECONDS))
        .isEqualTo(original);
    Path missing = dir.resolve("missing.jsonl");
    assertThat(agent.resumeAsync(missing))
        .failsWithin(java.time.Duration.ofSeconds(10))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(java.nio.file.NoSuchFileException.class);
    Path damaged = dir.resolve("damaged.jsonl");
    Files.write(damaged, List.of(lines.get(0), "{\"type\":\"step\"}", lines.get(2)));
    assertThatThrownBy(() -> agent.resume(damaged))
        .isInstanceOf(TrajectoryFormatException.class)
        .hasMessageContaining("line 2, field index: is required but missing");
  }

  @Test
  void anAgentThatDoesNotRetraceTheRecordIsRefusedAndTheFileLeftAsItWas() throws Exception {
    Trajectory original = ResearchScenario.completing().record(dir);
    Path file = dir.resolve(original.runId() + ".jsonl");
    List<String> lines = Files.readAllLines(file);
    Files.write(file, lines.subList(0, 6));
    byte[] before = Files.readAllBytes(file);
    ResearchScenario fresh = ResearchScenario.completing();
    ScriptedChatModel model = fresh.model();
    ResearchAgent withoutPlanning = fresh.agent(model).planning(false).build();

    assertThatThrownBy(() -> withoutPlanning.resume(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "cannot resume run "
                + original.runId()
                + " from "
                + file
                + ": step 0 was recorded as PLAN, but the agent now makes a MODEL step there");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(model.callCount()).isZero();
  }

  @Test
  void aJsonlSinkOfTheResumingAgentWritingTheSameFileIsNotWrittenTwice() throws Exception {
    Trajectory original = ResearchScenario.completing().record(dir);
    Path file = dir.resolve(original.runId() + ".jsonl");
    List<String> lines = Files.readAllLines(file);
    Files.write(file, lines.subList(0, 5));
    Path elsewhere = dir.resolve("copy");
    ResearchScenario fresh = ResearchScenario.completing();

    Trajectory resumed =
        fresh
            .agent(fresh.model())
            .trajectorySink(JsonlTrajectorySink.inDirectory(dir))
            .trajectorySink(JsonlTrajectorySink.inDirectory(elsewhere))
            .build()
            .resume(file);

    assertThat(resumed).isEqualTo(original);
    assertThat(TrajectoryValidator.validate(file).warnings()).isEmpty();
    assertThat(TrajectoryReader.read(file)).isEqualTo(original);
    assertThat(Files.readAllLines(file)).hasSize(lines.size() + 1);
    // Another directory's sink had no copy: it gets the whole run, resume line included.
    Path copy = elsewhere.resolve(original.runId() + ".jsonl");
    assertThat(TrajectoryReader.read(copy)).isEqualTo(original);
  }
}
