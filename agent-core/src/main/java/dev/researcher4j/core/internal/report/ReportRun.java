package dev.researcher4j.core.internal.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.RunTotals;
import dev.researcher4j.api.SectionProgress.Phase;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.api.Warning;
import dev.researcher4j.core.internal.cite.SourceIds;
import dev.researcher4j.core.internal.cite.SourceRegistry;
import dev.researcher4j.core.internal.loop.BudgetTracker;
import dev.researcher4j.core.internal.port.RunScope;
import dev.researcher4j.core.internal.port.Scrubber;
import dev.researcher4j.core.internal.run.LiveModelGateway;
import dev.researcher4j.core.internal.stage.StageModel;
import dev.researcher4j.core.internal.stage.Steps;
import dev.researcher4j.core.json.StructuredOutput;
import dev.researcher4j.core.trajectory.TrajectoryFooter;
import dev.researcher4j.core.trajectory.TrajectoryResume;
import dev.researcher4j.core.trajectory.TrajectorySink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;

/**
 * One long report, start to end: outline, sections (at most {@code parallel} at once, each a {@link
 * SectionWork}), assembly and its check, the document, and the report's own trajectory. A resumed
 * report keeps its outline and finished sections and does the rest. Made per report, used once, on
 * the calling thread (the sections on the settings' executor).
 */
public final class ReportRun {

  /** The response-format name of the outline request. */
  public static final String OUTLINE_FORMAT = "report_outline";

  /** The response-format name of the assembly request. */
  public static final String ASSEMBLY_FORMAT = "report_assembly";

  private final ReportScope scope;
  private final TrajectoryHeader header;
  private final Instant start;
  private boolean cancelled;
  private boolean interrupted;

  private ReportRun(ReportScope scope, TrajectoryHeader header, Instant start) {
    this.scope = scope;
    this.header = header;
    this.start = start;
  }

  /** Writes a report on {@code task}; returns its trajectory, finished. */
  public static Trajectory write(ReportSettings settings, Task task) {
    ReportScope scope =
        scope(settings, UUID.randomUUID().toString(), task, settings.sinks(), new SourceRegistry());
    Instant start = settings.clock().instant();
    TrajectoryHeader header =
        new TrajectoryHeader(
            TrajectoryHeader.SCHEMA_V1,
            scope.runId(),
            "",
            task,
            scope.info(),
            List.of(SectionWork.spec()),
            settings.budget(),
            settings.sdkVersion(),
            start);
    settings.listener().onRunStarted(header);
    boolean recording = scope.recorder().start(header);
    return new ReportRun(scope, header, start).finished(null, Map.of(), recording);
  }

  /**
   * Continues the unfinished report {@code recorded}: its outline and finished sections are kept
   * (their sources keep their ids), the other sections are researched again, and the record goes on
   * in {@code sinks} after its recorded steps.
   */
  public static Trajectory resume(
      ReportSettings settings,
      Trajectory recorded,
      List<TrajectoryResume> earlier,
      List<TrajectorySink> sinks) {
    RecordedReport record = RecordedReport.read(recorded);
    SourceRegistry sources = new SourceRegistry();
    record.sources().forEach(sources::restore);
    TrajectoryHeader header = recorded.header();
    ReportScope scope = scope(settings, header.runId(), header.task(), sinks, sources);
    Instant now = settings.clock().instant();
    Step last =
        recorded.steps().isEmpty() ? null : recorded.steps().get(recorded.steps().size() - 1);
    Duration down = Duration.between(last == null ? header.startedAt() : last.endedAt(), now);
    TrajectoryResume resume =
        new TrajectoryResume(now, recorded.steps().size(), down, settings.sdkVersion());
    settings.listener().onRunStarted(header);
    boolean recording = scope.recorder().resume(header, recorded.steps(), resume);
    return new ReportRun(scope, header, now)
        .finished(record.outline(), record.finished(), recording);
  }

  private static ReportScope scope(
      ReportSettings s,
      String runId,
      Task task,
      List<TrajectorySink> sinks,
      SourceRegistry sources) {
    Scrubber scrubber = new Scrubber(s.secrets(), s.model()::scrubSecrets);
    RunScope run = new RunScope(runId, task, s.listener(), s.clock(), scrubber, sources);
    ModelInfo info;
    try {
      info = s.model().info();
    } catch (RuntimeException e) {
      info = ModelInfo.of("unknown", s.model().getClass().getSimpleName());
    }
    return new ReportScope(
        s,
        run,
        new LiveModelGateway(s.model(), run, s.executor()),
        new ReportRecorder(runId, sinks, s.listener(), scrubber),
        info,
        (in, out) -> s.model().costOf(in, out).orElse(Double.NaN));
  }

  private Trajectory finished(
      Outline outline, Map<Integer, SectionResult> kept, boolean recording) {
    Trajectory trajectory = go(outline, kept, recording);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return trajectory;
  }

  private Trajectory go(Outline outline, Map<Integer, SectionResult> kept, boolean recording) {
    ReportSettings s = scope.settings();
    BudgetTracker reserve = scope.tracker(BudgetSplit.reserve(s.budget(), s.reserve()), start);
    String problem = recording ? reserve.unenforceable() : scope.recorder().failure();
    if (problem.isEmpty()) {
      problem = BudgetSplit.tooSmall(s.budget(), s.reserve(), s.sections());
    }
    if (!problem.isEmpty()) {
      return end(null, List.of(), null, StopReason.FAILED, problem, List.of());
    }
    if (outline == null) {
      try {
        outline = plan(reserve);
      } catch (StageModel.Stopped | ResearchException | IllegalArgumentException e) {
        return end(
            null,
            List.of(),
            null,
            StopReason.FAILED,
            "the outline could not be made: " + e.getMessage(),
            List.of());
      }
    }
    int count = outline.sections().size();
    for (Outline.Section section : outline.sections()) {
      SectionResult done = kept.get(section.index());
      scope.progress(
          section,
          count,
          done != null ? Phase.KEPT : Phase.PLANNED,
          done != null ? done.childRunId() : "",
          done != null ? done.words() : 0,
          done != null ? done.note() : "");
    }
    List<SectionResult> sections = sections(outline, kept);
    if (cancelled || !scope.recorder().failure().isEmpty()) {
      String why = cancelled ? "the report was cancelled" : scope.recorder().failure();
      return end(
          outline,
          sections,
          null,
          cancelled ? StopReason.CANCELLED : StopReason.FAILED,
          why,
          List.copyOf(kept.keySet()));
    }
    Assembly assembly = new Assembly(scope, outline);
    Assembly.Deduplicated unique = Assembly.withoutRepeats(sections);
    Assembly.Frame frame = assembly.frame(unique.sections(), reserve);
    return end(
        outline,
        unique.sections(),
        new Finish(frame, unique),
        StopReason.COMPLETED,
        "",
        List.copyOf(kept.keySet()));
  }

  private record Finish(Assembly.Frame frame, Assembly.Deduplicated unique) {}

  private Outline plan(BudgetTracker reserve) {
    ReportSettings s = scope.settings();
    Map<String, String> values = new LinkedHashMap<>();
    values.put("date", start.toString().substring(0, 10));
    values.put("topic", scope.task().question());
    values.put("instructions", scope.task().instructions());
    values.put("sections", String.valueOf(s.sections()));
    values.put("words", String.valueOf(s.words()));
    ChatRequest request =
        StructuredOutput.withSchemaFormat(
            ChatRequest.builder()
                .addMessage(Message.user(ReportPrompts.render(ReportPrompts.OUTLINE, values)))
                .build(),
            OUTLINE_FORMAT,
            Outline.Reply.class);
    StageModel planner = scope.model(StepKind.PLAN, scope.recorder(), reserve);
    try {
      Outline.Reply reply =
          StructuredOutput.ofDefaults().ask(planner, request, Outline.Reply.class).value();
      Outline outline = Outline.plan(reply, scope.task().question(), s.sections(), s.words());
      ObjectNode data = JsonNodeFactory.instance.objectNode();
      data.set("outline", outline.toJson());
      planner.finish(
          data,
          "planned " + outline.sections().size() + " sections, " + outline.words() + " words");
      return outline;
    } catch (RuntimeException e) {
      planner.finish(
          JsonNodeFactory.instance.objectNode().put("error", String.valueOf(e.getMessage())),
          "no outline");
      throw e;
    }
  }

  /** The sections in order: the kept ones as they were, the others researched now. */
  private List<SectionResult> sections(Outline outline, Map<Integer, SectionResult> kept) {
    ReportSettings s = scope.settings();
    SectionWork work = new SectionWork(scope, outline);
    Semaphore permits = new Semaphore(s.parallel(), true);
    Map<Integer, FutureTask<SectionResult>> running = new LinkedHashMap<>();
    Map<Integer, String> failedToStart = new LinkedHashMap<>();
    for (Outline.Section section : outline.sections()) {
      if (kept.containsKey(section.index()) || cancelled) {
        continue;
      }
      FutureTask<SectionResult> task =
          new FutureTask<>(
              () -> {
                try {
                  return work.run(section);
                } finally {
                  permits.release();
                }
              });
      try {
        // Taken here, not in the task, so that sections start in their order.
        permits.acquire();
      } catch (InterruptedException e) {
        cancel(running);
        break;
      }
      running.put(section.index(), task);
      try {
        s.executor().execute(task);
      } catch (RuntimeException e) {
        permits.release();
        running.remove(section.index());
        failedToStart.put(section.index(), e.toString());
      }
    }
    List<SectionResult> results = new ArrayList<>();
    for (Outline.Section section : outline.sections()) {
      SectionResult done = kept.get(section.index());
      if (done == null && failedToStart.containsKey(section.index())) {
        done = failed(section, "it could not be started: " + failedToStart.get(section.index()));
      } else if (done == null && !cancelled && running.containsKey(section.index())) {
        try {
          done = running.get(section.index()).get();
        } catch (InterruptedException e) {
          cancel(running);
        } catch (CancellationException e) {
          cancelled = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          done = failed(section, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
      }
      if (done != null) {
        results.add(done);
      }
    }
    return results;
  }

  /** The report was interrupted: its sections in flight are cancelled (their runs end so). */
  private void cancel(Map<Integer, FutureTask<SectionResult>> running) {
    cancelled = true;
    scope.run().cancel();
    running.values().forEach(t -> t.cancel(true));
    // The interrupt is restored once the report's record is written, not before: writing the
    // rest of it must not be cut short.
    interrupted = true;
  }

  private static SectionResult failed(Outline.Section section, String why) {
    return new SectionResult(
        section, "", 0, "", "", List.of(), List.of(), 0, 0, 0, "it failed (" + why + ")");
  }

  private Trajectory end(
      Outline outline,
      List<SectionResult> sections,
      Finish finish,
      StopReason reason,
      String error,
      List<Integer> keptSections) {
    ReportSettings s = scope.settings();
    Assembly.Frame frame =
        finish != null
            ? finish.frame()
            : new Assembly.Frame("", List.of(), "", List.of(), 0, 0, 0, "");
    List<Warning> warnings = warnings(outline, sections, frame, finish != null);
    Set<String> cited = new LinkedHashSet<>();
    sections.forEach(section -> cited.addAll(SourceIds.find(section.text())));
    cited.addAll(SourceIds.find(frame.summary()));
    cited.addAll(SourceIds.find(frame.conclusion()));
    List<Source> references =
        cited.stream()
            .map(scope.sources()::byId)
            .flatMap(Optional::stream)
            .sorted(Comparator.comparingInt(source -> Integer.parseInt(source.id().substring(1))))
            .toList();
    List<Citation> citations = new ArrayList<>();
    sections.forEach(section -> citations.addAll(section.citations()));
    citations.addAll(frame.citations());
    String markdown =
        outline == null
            ? ""
            : ReportDocument.markdown(outline, frame, sections, references, warnings);
    Outcome outcome =
        new Outcome(
            outline == null ? "" : outline.title(),
            markdown,
            references,
            citations,
            reason,
            scope.run().scrubber().text(error),
            warnings);
    int index = scope.recorder().begin(StepKind.FINAL);
    Step fin = Steps.fin(index, s.clock().instant(), outcome, scope.sources().size(), 0);
    ObjectNode data = (ObjectNode) fin.data();
    ObjectNode document = data.putObject(RecordedReport.FINAL_KEY);
    document.put("words", ReportDocument.words(frame, sections));
    document.put("target_words", s.words());
    document.put("repeats_removed", finish == null ? 0 : finish.unique().removed());
    ObjectNode cut = document.putObject("removed_paragraphs");
    if (finish != null) {
      finish
          .unique()
          .cut()
          .forEach((n, list) -> list.forEach(cut.withArray(String.valueOf(n))::add));
    }
    ArrayNode keptList = document.putArray("kept_sections");
    keptSections.forEach(keptList::add);
    scope
        .recorder()
        .record(
            new Step(
                fin.index(),
                fin.kind(),
                fin.startedAt(),
                fin.endedAt(),
                null,
                List.of(),
                fin.usage(),
                fin.summary(),
                data,
                fin.error()));
    Instant ended = s.clock().instant();
    List<Step> steps = scope.recorder().steps();
    RunTotals totals = RunTotals.of(steps, scope.sources().size(), Duration.between(start, ended));
    scope.recorder().finish(new TrajectoryFooter(ended, outcome, totals, List.of(), null));
    Trajectory trajectory = new Trajectory(header, steps, outcome, totals, List.of(), null);
    s.listener().onRunFinished(trajectory);
    return trajectory;
  }

  private List<Warning> warnings(
      Outline outline, List<SectionResult> sections, Assembly.Frame frame, boolean assembled) {
    List<Warning> warnings = new ArrayList<>();
    if (outline == null) {
      return warnings;
    }
    int unsupported = frame.unsupported();
    int unverified = frame.unverified();
    int uncited = frame.uncited();
    for (SectionResult section : sections) {
      unsupported += section.unsupported();
      unverified += section.unverified();
      uncited += section.uncited();
      if (!section.note().isEmpty()) {
        Warning.Kind kind =
            section.note().contains("budget ran out")
                ? Warning.Kind.BUDGET_STOP
                : Warning.Kind.OTHER;
        warnings.add(
            new Warning(
                kind,
                "Section "
                    + section.section().index()
                    + " ("
                    + section.section().title()
                    + "): "
                    + section.note()
                    + "."));
      }
    }
    if (sections.size() < outline.sections().size()) {
      warnings.add(
          new Warning(
              Warning.Kind.OTHER,
              (outline.sections().size() - sections.size())
                  + " of "
                  + outline.sections().size()
                  + " sections were not written."));
    }
    if (unsupported > 0) {
      warnings.add(
          new Warning(
              Warning.Kind.UNSUPPORTED_CLAIMS,
              unsupported
                  + " claims are not supported by the sources they cite (flagged in place)."));
    }
    if (uncited > 0) {
      warnings.add(
          new Warning(
              Warning.Kind.UNSUPPORTED_CLAIMS,
              uncited + " paragraphs cite no source (flagged in place)."));
    }
    if (unverified > 0) {
      warnings.add(
          new Warning(
              Warning.Kind.UNVERIFIED_CLAIMS,
              unverified + " claims were not verified (flagged in place)."));
    }
    if (assembled && !frame.note().isEmpty()) {
      warnings.add(
          new Warning(
              Warning.Kind.OTHER,
              "The summary, transitions and conclusion could not be written ("
                  + frame.note()
                  + ")."));
    }
    int words = ReportDocument.words(frame, sections);
    int target = scope.settings().words();
    if (assembled && SectionWork.offLength(words, target)) {
      warnings.add(
          new Warning(
              Warning.Kind.OTHER,
              String.format(
                  java.util.Locale.ROOT,
                  "The report has %d words, %+.0f%% off its target of %d words.",
                  words,
                  100.0 * (words - target) / target,
                  target)));
    }
    return warnings;
  }
}
