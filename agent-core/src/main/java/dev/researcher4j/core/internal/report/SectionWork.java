package dev.researcher4j.core.internal.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.SectionProgress.Phase;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.RunOptions;
import dev.researcher4j.core.internal.cite.SourceIds;
import dev.researcher4j.core.internal.json.ReasoningText;
import dev.researcher4j.core.internal.loop.Action;
import dev.researcher4j.core.internal.loop.BudgetTracker;
import dev.researcher4j.core.internal.loop.Draft;
import dev.researcher4j.core.internal.loop.DraftCheck;
import dev.researcher4j.core.internal.stage.StageModel;
import dev.researcher4j.core.internal.stage.Verification;
import dev.researcher4j.core.prompt.Prompts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One section of a long report, from plan to checked text: a sub-run researches it (with its share
 * of the budget, registering into the report's shared sources), the model writes it from that
 * evidence at its planned length (revised once when it is far off the length or leaves paragraphs
 * uncited), and its claims are checked, unsupported ones flagged in place. A section whose budget
 * or writer gives out keeps its researcher's notes, marked as such. Its steps are recorded together
 * when it is done. Thread-safe: sections run in parallel.
 */
final class SectionWork {

  /** The name of the tool call that stands for a section in the report's record. */
  static final String TOOL = "research_section";

  /** How far a section or the report may be from its planned length, either way. */
  static final double LENGTH_TOLERANCE = 0.15;

  static final int MAX_EVIDENCE_SOURCES = 20;
  static final int EXCERPT_CHARS = 1_500;
  static final int NOTES_CHARS = 12_000;

  /** The flag of a paragraph that cites no source. */
  static final String UNCITED = " *(unverified: no source cited)*";

  private final ReportScope scope;
  private final Outline outline;

  SectionWork(ReportScope scope, Outline outline) {
    this.scope = scope;
    this.outline = outline;
  }

  /** The spec of the {@value #TOOL} calls in the report's header. */
  static ToolSpec spec() {
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("section").put("type", "integer");
    properties.putObject("title").put("type", "string");
    properties.putObject("questions").put("type", "array").putObject("items").put("type", "string");
    schema.putArray("required").add("section").add("title");
    return ToolSpec.of(
        TOOL, "Researches, writes and checks one section of the report (a sub-run).", schema);
  }

  /** Researches, writes and checks {@code section}, records its steps, and returns it. */
  SectionResult run(Outline.Section section) {
    ReportSettings s = scope.settings();
    int count = outline.sections().size();
    Instant started = s.clock().instant();
    scope.progress(section, count, Phase.RESEARCHING, "", 0, "");
    int planned = outline.sections().stream().mapToInt(Outline.Section::words).sum();
    Budget share =
        BudgetSplit.section(s.budget(), s.reserve(), section.words(), planned, count, s.parallel());
    Trajectory child =
        s.researcher()
            .run(
                researchTask(section),
                RunOptions.builder()
                    .parentRunId(scope.runId())
                    .budget(BudgetSplit.research(share))
                    .sources(scope.sources())
                    .build());
    Outcome outcome = child.requireOutcome();
    String notes = notes(outcome);
    List<Source> evidence = evidence(child, outcome);
    SectionRecorder recorder = new SectionRecorder(scope.recorder());
    Optional<Budget> left =
        BudgetSplit.left(share, child.totals(), Duration.between(started, s.clock().instant()));
    String text;
    String note = "";
    List<Citation> citations = outcome.citations();
    int unsupported = outcome.unsupportedCitations().size();
    int unverified = 0;
    if (evidence.isEmpty()) {
      text = "";
      note =
          "no evidence was found for it ("
              + (outcome.error().isBlank() ? "its research cited no source" : outcome.error())
              + ")";
    } else if (left.isEmpty()) {
      text = notes;
      note = "its budget ran out before it could be written; this is its researcher's notes";
    } else {
      BudgetTracker tracker = scope.tracker(left.get(), s.clock().instant());
      Written written = write(section, evidence, notes, recorder, tracker);
      text = written.text();
      note = written.note();
      scope.progress(section, count, Phase.DRAFTED, child.runId(), ReportText.words(text), note);
      if (written.byModel()) {
        DraftCheck.Checked checked = verify(text, recorder, tracker);
        text =
            DraftCheck.markedBody(checked, s.verification().unsupportedClaims(), scope.sources());
        citations = checked.citations();
        unsupported = checked.bad().size();
        unverified = checked.unverified().size();
      }
    }
    int uncited = 0;
    if (!text.isBlank()) {
      List<String> paragraphs = new ArrayList<>();
      for (String paragraph : ReportText.paragraphs(text)) {
        if (!ReportText.cites(paragraph)) {
          paragraph += UNCITED;
          uncited++;
        }
        paragraphs.add(paragraph);
      }
      text = String.join("\n\n", paragraphs);
    }
    List<Source> cited =
        SourceIds.find(text).stream().map(scope.sources()::byId).flatMap(Optional::stream).toList();
    SectionResult result =
        new SectionResult(
            section,
            text,
            ReportText.words(text),
            child.runId(),
            s.researcher().trajectoryLocation(child.runId()).orElse(""),
            cited,
            citations,
            unsupported,
            unverified,
            uncited,
            note);
    List<Step> steps = new ArrayList<>();
    steps.add(step(result, child, started));
    steps.addAll(recorder.steps());
    scope.recorder().appendAll(steps);
    scope.progress(section, count, Phase.VERIFIED, child.runId(), result.words(), note);
    return result;
  }

  private Task researchTask(Outline.Section section) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("title", outline.title());
    values.put("topic", scope.task().question());
    values.put("section", section.title());
    values.put("questions", bullets(section.questions()));
    values.put("others", others(section));
    values.put("words", String.valueOf(section.words()));
    return Task.builder(section.title())
        .instructions(ReportPrompts.render(ReportPrompts.SECTION_RESEARCH, values))
        .metadata("report_run_id", scope.runId())
        .metadata("report_section", String.valueOf(section.index()))
        .build();
  }

  /** A section's text and whether the model wrote it (else it is its researcher's notes). */
  private record Written(String text, boolean byModel, String note) {}

  private Written write(
      Outline.Section section,
      List<Source> evidence,
      String notes,
      SectionRecorder recorder,
      BudgetTracker tracker) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("date", scope.settings().clock().instant().toString().substring(0, 10));
    values.put("title", outline.title());
    values.put("index", String.valueOf(section.index()));
    values.put("count", String.valueOf(outline.sections().size()));
    values.put("section", section.title());
    values.put("questions", bullets(section.questions()));
    values.put("others", others(section));
    values.put("words", String.valueOf(section.words()));
    values.put("notes", notes.isBlank() ? "(the researcher wrote no notes)" : notes);
    values.put("sources", sourcesText(evidence));
    ChatRequest request =
        ChatRequest.builder()
            .addMessage(Message.user(ReportPrompts.render(ReportPrompts.SECTION_WRITER, values)))
            .build();
    StageModel writer = scope.model(StepKind.MODEL, recorder, tracker);
    String text = "";
    try {
      text = cleaned(writer.chat(request).text());
      int words = ReportText.words(text);
      long uncited = ReportText.paragraphs(text).stream().filter(p -> !ReportText.cites(p)).count();
      if (offLength(words, section.words()) || uncited > 0) {
        text = revised(writer, request, text, words, uncited, section.words());
      }
    } catch (StageModel.Stopped | ResearchException e) {
      if (text.isBlank()) {
        writer.finish(null, "");
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new Written(
            notes, false, "it could not be written (" + why + "); this is its researcher's notes");
      }
    }
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("section", section.index());
    data.put("words", ReportText.words(text));
    data.put("planned_words", section.words());
    writer.finish(
        data, "wrote section " + section.index() + " (" + ReportText.words(text) + " words)");
    return new Written(text, true, "");
  }

  /**
   * The text revised once to its planned length; the first draft when the revision is no closer.
   */
  private static String revised(
      StageModel writer, ChatRequest first, String draft, int words, long uncited, int target) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("actual", String.valueOf(words));
    values.put("words", String.valueOf(target));
    values.put("uncited", uncited == 0 ? "" : String.valueOf(uncited));
    values.put("direction", words < target ? "more" : "less");
    ChatRequest again =
        first.toBuilder()
            .addMessage(Message.assistant(draft))
            .addMessage(Message.user(ReportPrompts.render(ReportPrompts.SECTION_REVISION, values)))
            .build();
    String text = cleaned(writer.chat(again).text());
    int revised = ReportText.words(text);
    boolean closer = Math.abs(revised - target) <= Math.abs(words - target);
    long stillUncited =
        ReportText.paragraphs(text).stream().filter(p -> !ReportText.cites(p)).count();
    return !text.isBlank() && (closer || stillUncited < uncited) ? text : draft;
  }

  private DraftCheck.Checked verify(String text, SectionRecorder recorder, BudgetTracker tracker) {
    ReportSettings s = scope.settings();
    StageModel checker = scope.model(StepKind.VERIFY, recorder, tracker);
    return Verification.verify(
            new Action.Verify(Draft.parse(text), 1, tracker, s.clock().instant()),
            checker,
            scope.sources(),
            s.verification(),
            scope.task(),
            Prompts.defaults().verifier())
        .checked();
  }

  static boolean offLength(int words, int target) {
    return Math.abs(words - target) > LENGTH_TOLERANCE * target;
  }

  /** The model's section text: no reasoning, no heading of its own, no source list. */
  static String cleaned(String reply) {
    String text = ReasoningText.split(reply).answer().strip();
    while (text.startsWith("#")) {
      int end = text.indexOf('\n');
      text = end < 0 ? "" : text.substring(end + 1).strip();
    }
    return Draft.parse(text).body();
  }

  /** The sub-run's report without its source list: the evidence a writer works from. */
  private static String notes(Outcome outcome) {
    String report = outcome.report();
    int list = report.lastIndexOf("## Sources\n");
    String notes = (list < 0 ? report : report.substring(0, list)).strip();
    return notes.length() <= NOTES_CHARS ? notes : notes.substring(0, NOTES_CHARS) + " […]";
  }

  /**
   * The sources the sub-run cited, then the others it saw, at most {@value #MAX_EVIDENCE_SOURCES}.
   */
  private List<Source> evidence(Trajectory child, Outcome outcome) {
    Set<String> ids = new LinkedHashSet<>();
    outcome.sources().forEach(source -> ids.add(source.id()));
    for (Step step : child.steps()) {
      for (ToolExecution execution : step.toolExecutions()) {
        ids.addAll(execution.sourceIds());
      }
    }
    return ids.stream()
        .map(scope.sources()::byId)
        .flatMap(Optional::stream)
        .limit(MAX_EVIDENCE_SOURCES)
        .toList();
  }

  private static String sourcesText(List<Source> sources) {
    StringBuilder text = new StringBuilder();
    for (Source source : sources) {
      text.append('[').append(source.id()).append("] ");
      if (!source.title().isBlank()) {
        text.append(source.title()).append(" — ");
      }
      text.append(source.url()).append('\n');
      int left = EXCERPT_CHARS;
      for (String excerpt : source.excerpts()) {
        if (left <= 0) {
          break;
        }
        String shown = excerpt.length() <= left ? excerpt : excerpt.substring(0, left) + " […]";
        left -= shown.length();
        text.append("> ").append(shown.strip().replace("\n", "\n> ")).append('\n');
      }
      text.append('\n');
    }
    return text.toString().strip();
  }

  private String others(Outline.Section section) {
    List<String> titles = new ArrayList<>();
    for (Outline.Section other : outline.sections()) {
      if (other.index() != section.index()) {
        titles.add(other.index() + ". " + other.title());
      }
    }
    return bullets(titles);
  }

  private static String bullets(List<String> items) {
    StringBuilder text = new StringBuilder();
    items.forEach(item -> text.append("- ").append(item).append('\n'));
    return text.toString().strip();
  }

  private Step step(SectionResult result, Trajectory child, Instant started) {
    Outline.Section section = result.section();
    ObjectNode arguments = JsonNodeFactory.instance.objectNode();
    arguments.put("section", section.index());
    arguments.put("title", section.title());
    section.questions().forEach(arguments.withArray("questions")::add);
    ToolCall call = new ToolCall("section-" + section.index(), TOOL, arguments.toString());
    Instant ended = scope.settings().clock().instant();
    ToolExecution execution =
        new ToolExecution(
            call,
            result.text().isBlank()
                ? ToolResult.error(result.note())
                : ToolResult.of(result.text()),
            result.text().isBlank() ? ToolExecution.Status.ERROR : ToolExecution.Status.OK,
            result.sources().stream().map(Source::id).toList(),
            started,
            Duration.between(started, ended),
            1,
            false,
            List.of(child.runId()));
    return new Step(
        0,
        StepKind.TOOLS,
        started,
        ended,
        null,
        List.of(execution),
        child.totals().usage(),
        "section "
            + section.index()
            + ": "
            + result.words()
            + " words"
            + (result.note().isEmpty() ? "" : "; " + result.note()),
        result.toJson(),
        "");
  }
}
