package dev.researcher4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.SectionProgress;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.Warning;
import dev.researcher4j.core.internal.cite.SourceIds;
import dev.researcher4j.core.report.LongReport;
import dev.researcher4j.core.report.ReportResult;
import dev.researcher4j.core.report.ReportSection;
import dev.researcher4j.core.trajectory.InMemoryTrajectorySink;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.core.trajectory.TrajectoryValidator;
import dev.researcher4j.testing.FakeClock;
import dev.researcher4j.testing.RecordingListener;
import dev.researcher4j.testing.ScriptedChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LongReportTest {

  @TempDir Path dir;

  private static ResearchAgent researcher(ScriptedChatModel model, InMemoryTrajectorySink runs) {
    return Fixtures.agent(model, ReportWorld.search()).trajectorySink(runs).build();
  }

  private static LongReport.Builder report(ScriptedChatModel model, ResearchAgent researcher) {
    return LongReport.builder()
        .researcher(researcher)
        .chatModel(model)
        .clock(FakeClock.fixed())
        .executor(Fixtures.executor());
  }

  @Test
  void sectionsAreResearchedByLinkedSubRunsWrittenToLengthAndCiteOneReferenceList() {
    ReportWorld world = new ReportWorld(3);
    ScriptedChatModel model = world.model();
    InMemoryTrajectorySink runs = new InMemoryTrajectorySink();
    RecordingListener listener = new RecordingListener();

    ReportResult report =
        report(model, researcher(model, runs))
            .words(2000)
            .sections(3)
            .listener(listener)
            .build()
            .write("Where do solid-state batteries stand?");

    assertThat(report.outcome().stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(report.warnings()).isEmpty();
    assertThat(report.isComplete()).isTrue();
    assertThat(report.title()).isEqualTo("Solid-state batteries");
    assertThat(report.sections()).hasSize(3);
    assertThat(Math.abs(report.words() - 2000)).isLessThanOrEqualTo(300);
    // Every section was researched by a run of its own, linked both ways.
    Trajectory parent = report.trajectory();
    List<String> linked =
        parent.steps().stream()
            .flatMap(s -> s.toolExecutions().stream())
            .flatMap(e -> e.childRunIds().stream())
            .toList();
    assertThat(linked)
        .containsExactlyInAnyOrderElementsOf(
            report.sections().stream().map(ReportSection::childRunId).toList());
    for (String child : linked) {
      assertThat(runs.trajectory(child).orElseThrow().header().parentRunId())
          .isEqualTo(parent.runId());
    }
    // One numbering: the shared overview page has one id in every section, and every id cited is
    // in the reference list.
    Source overview =
        report.references().stream()
            .filter(s -> s.url().endsWith("/overview"))
            .findFirst()
            .orElseThrow();
    assertThat(report.sections())
        .allSatisfy(s -> assertThat(s.sourceIds()).contains(overview.id()));
    Set<String> cited = Set.copyOf(SourceIds.find(report.markdown()));
    assertThat(report.references().stream().map(Source::id).collect(Collectors.toSet()))
        .isEqualTo(cited);
    assertThat(report.markdown())
        .startsWith("# Solid-state batteries")
        .contains("## Summary", "## 1. Part 1 of the story", "## Conclusion", "## References")
        .contains("- [" + overview.id() + "] Overview. https://pages.example/overview");
    // Progress: each section planned, researched, drafted and verified, in that order.
    for (int i = 1; i <= 3; i++) {
      int index = i;
      assertThat(
              listener.reportSections().stream()
                  .filter(p -> p.index() == index)
                  .map(SectionProgress::phase))
          .containsExactly(
              SectionProgress.Phase.PLANNED,
              SectionProgress.Phase.RESEARCHING,
              SectionProgress.Phase.DRAFTED,
              SectionProgress.Phase.VERIFIED);
    }
    // The record: plan, then per section its research, writing and check, then the assembly.
    assertThat(parent.steps().get(0).kind()).isEqualTo(StepKind.PLAN);
    assertThat(parent.steps().get(parent.steps().size() - 1).kind()).isEqualTo(StepKind.FINAL);
    assertThat(ReportResult.from(parent).sections()).isEqualTo(report.sections());
  }

  @Test
  void unsupportedClaimsAndRepeatedParagraphsAreHandledInPlace() {
    ReportWorld world = new ReportWorld(3);
    ScriptedChatModel model = world.model();
    String first = ReportWorld.prose(2, 40, List.of("S1")).split("\\[")[0].strip();
    world.rejected.add(first.substring(0, 30));
    world.copying = 3;

    ReportResult report =
        report(model, researcher(model, new InMemoryTrajectorySink()))
            .words(2000)
            .sections(3)
            .build()
            .write("Where do solid-state batteries stand?");

    assertThat(report.sections()).extracting(ReportSection::index).containsExactly(1, 2, 3);
    ReportSection second = report.sections().get(1);
    assertThat(second.unsupportedClaims()).isGreaterThan(0);
    assertThat(second.text()).contains("*(unverified: not supported by the cited sources)*");
    assertThat(report.warnings())
        .extracting(Warning::kind)
        .contains(Warning.Kind.UNSUPPORTED_CLAIMS);
    assertThat(report.markdown()).contains("> **Warning:**");
    assertThat(report.repeatsRemoved()).isEqualTo(1);
    String copied = ReportWorld.prose(1, 150, List.of()).split("\n\n")[0].substring(0, 60);
    assertThat(report.sections().get(2).text()).doesNotContain(copied);
    assertThat(report.sections().get(0).text()).contains(copied);
  }

  @Test
  void aSectionWhoseShareRunsOutKeepsItsNotesMarked() {
    ReportWorld world = new ReportWorld(3);
    FakeClock clock = FakeClock.fixed();
    ScriptedChatModel slow =
        ScriptedChatModel.answering(
            request -> {
              String task =
                  request.messages().size() > 1 ? request.messages().get(1).content() : "";
              boolean tools =
                  request.messages().stream()
                      .anyMatch(m -> m.role() == dev.researcher4j.api.Role.TOOL);
              if (task.contains("Research question: Part 2") && tools) {
                clock.advance(Duration.ofMinutes(9));
              }
              return world.model().chat(request);
            });
    ResearchAgent researcher = Fixtures.agent(slow, ReportWorld.search()).clock(clock).build();

    ReportResult report =
        LongReport.builder()
            .researcher(researcher)
            .chatModel(slow)
            .clock(clock)
            .executor(Fixtures.executor())
            .words(2000)
            .sections(3)
            .maxParallelSections(1)
            .budget(Budget.builder().maxSteps(200).maxTime(Duration.ofMinutes(30)).build())
            .build()
            .write("Where do solid-state batteries stand?");

    ReportSection second = report.sections().get(1);
    assertThat(second.note()).contains("budget ran out").contains("researcher's notes");
    assertThat(second.text()).contains("The page says what it says");
    assertThat(report.markdown()).contains("> *Note: its budget ran out");
    assertThat(report.warnings()).extracting(Warning::kind).contains(Warning.Kind.BUDGET_STOP);
    assertThat(report.sections().get(2).note()).isEmpty();
  }

  @Test
  void aKilledReportResumesKeepingItsFinishedSections() throws Exception {
    ReportWorld world = new ReportWorld(3);
    Path file = dir.resolve("report.jsonl");
    Path snapshot = dir.resolve("killed.jsonl");
    ScriptedChatModel model = world.model();
    RecordingListener first = new RecordingListener();
    dev.researcher4j.api.AgentListener killer =
        new dev.researcher4j.api.AgentListener() {
          @Override
          public void onReportSection(String runId, SectionProgress progress) {
            if (progress.index() == 2 && progress.phase() == SectionProgress.Phase.VERIFIED) {
              try {
                // The file as it was when the process died, right after section 2 was done.
                Files.copy(file, snapshot, StandardCopyOption.REPLACE_EXISTING);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }
          }
        };
    ReportResult original =
        report(model, researcher(model, new InMemoryTrajectorySink()))
            .words(2000)
            .sections(3)
            .maxParallelSections(1)
            .listener(killer)
            .listener(first)
            .trajectorySink(JsonlTrajectorySink.toFile(file))
            .build()
            .write("Where do solid-state batteries stand?");
    Trajectory killed = TrajectoryReader.read(snapshot);
    assertThat(killed.isFinished()).isFalse();
    List<String> keptIds = new ArrayList<>();
    killed.steps().stream()
        .flatMap(s -> s.toolExecutions().stream())
        .forEach(e -> keptIds.addAll(e.sourceIds()));

    ScriptedChatModel fresh = new ReportWorld(3).model();
    InMemoryTrajectorySink runs = new InMemoryTrajectorySink();
    RecordingListener second = new RecordingListener();
    ReportResult resumed =
        report(fresh, researcher(fresh, runs))
            .words(2000)
            .sections(3)
            .listener(second)
            .build()
            .resume(snapshot);

    assertThat(resumed.outcome().stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(resumed.sections()).hasSize(3);
    assertThat(resumed.sections())
        .extracting(ReportSection::kept)
        .containsExactly(true, true, false);
    // Only section 3 was researched again; no outline was asked for.
    assertThat(runs.trajectories()).hasSize(1);
    assertThat(runs.trajectories().get(0).header().task().question())
        .isEqualTo("Part 3 of the story");
    assertThat(fresh.requests()).noneMatch(ReportWorld.format(LongReport.OUTLINE_RESPONSE_FORMAT));
    assertThat(
            second.reportSections().stream().filter(p -> p.phase() == SectionProgress.Phase.KEPT))
        .extracting(SectionProgress::index)
        .containsExactly(1, 2);
    // Kept sections keep their text and their sources their ids.
    assertThat(resumed.sections().get(0).text()).isEqualTo(original.sections().get(0).text());
    assertThat(resumed.sections().get(1).text()).isEqualTo(original.sections().get(1).text());
    assertThat(resumed.references().stream().map(Source::id)).containsAll(keptIds);
    assertThat(TrajectoryValidator.validate(snapshot).isValid()).isTrue();
    Trajectory whole = TrajectoryReader.read(snapshot);
    assertThat(whole.isFinished()).isTrue();
    assertThat(whole.runId()).isEqualTo(killed.runId());
    assertThat(whole.steps().stream().filter(s -> s.kind() == StepKind.TOOLS)).hasSize(3);
  }

  @Test
  void aBudgetTooSmallForTheSectionsIsRefusedSayingWhatIsNeeded() {
    ScriptedChatModel model = new ReportWorld(3).model();

    assertThatThrownBy(
            () ->
                report(model, researcher(model, new InMemoryTrajectorySink()))
                    .sections(10)
                    .budget(Budget.builder().maxSteps(20).build())
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too small for 10 sections")
        .hasMessageContaining("at least 71");
  }

  @Test
  void aFailedOutlineEndsTheReportAsFailedSayingWhy() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .when(
                ReportWorld.format(LongReport.OUTLINE_RESPONSE_FORMAT),
                r -> ScriptedChatModel.text("no idea"))
            .otherwise(r -> ScriptedChatModel.text("Answer: x"))
            .build();

    ReportResult report =
        report(model, researcher(model, new InMemoryTrajectorySink()))
            .sections(2)
            .build()
            .write("x");

    assertThat(report.outcome().stopReason()).isEqualTo(StopReason.FAILED);
    assertThat(report.outcome().error()).startsWith("the outline could not be made");
    assertThat(report.sections()).isEmpty();
    Step plan = report.trajectory().steps().get(0);
    assertThat(plan.kind()).isEqualTo(StepKind.PLAN);
    assertThat(report.trajectory().steps())
        .noneMatch(
            s -> s.toolExecutions().stream().anyMatch(e -> e.status() == ToolExecution.Status.OK));
  }
}
