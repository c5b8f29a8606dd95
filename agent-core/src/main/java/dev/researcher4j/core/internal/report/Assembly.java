package dev.researcher4j.core.internal.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.core.internal.loop.Action;
import dev.researcher4j.core.internal.loop.BudgetTracker;
import dev.researcher4j.core.internal.loop.Draft;
import dev.researcher4j.core.internal.loop.DraftCheck;
import dev.researcher4j.core.internal.stage.StageModel;
import dev.researcher4j.core.internal.stage.Verification;
import dev.researcher4j.core.json.Description;
import dev.researcher4j.core.json.StructuredOutput;
import dev.researcher4j.core.prompt.Prompts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The assembly of a long report: the model writes the summary, a transition into each section and
 * the conclusion from the finished sections; their claims are checked like the sections' were.
 * Paragraphs that repeat an earlier section are taken out. Thread-safe; used once per report.
 */
final class Assembly {

  /** A paragraph sharing more than this share of its shingles with earlier sections is cut. */
  static final double REPEAT = 0.5;

  /** What the model is asked for. */
  record Reply(
      @Description("the executive summary, citing sources like [S3]") String summary,
      @Description("one short sentence per section, in order, leading into it")
          List<String> transitions,
      @Description("the conclusion, citing sources like [S3]") String conclusion) {}

  /**
   * The summary, transitions and conclusion, checked.
   *
   * @param note why they are missing, or empty
   */
  record Frame(
      String summary,
      List<String> transitions,
      String conclusion,
      List<Citation> citations,
      int unsupported,
      int unverified,
      int uncited,
      String note) {}

  /**
   * The sections with paragraphs that repeat an earlier section taken out, how many were, and which
   * (by section number, the paragraphs' positions in the section as written).
   */
  record Deduplicated(List<SectionResult> sections, int removed, Map<Integer, List<Integer>> cut) {}

  private final ReportScope scope;
  private final Outline outline;

  Assembly(ReportScope scope, Outline outline) {
    this.scope = scope;
    this.outline = outline;
  }

  /** Takes out paragraphs that mostly repeat what an earlier section said. */
  static Deduplicated withoutRepeats(List<SectionResult> sections) {
    Set<String> seen = new HashSet<>();
    List<SectionResult> kept = new ArrayList<>();
    Map<Integer, List<Integer>> cut = new LinkedHashMap<>();
    int removed = 0;
    for (SectionResult section : sections) {
      List<String> paragraphs = new ArrayList<>();
      Set<String> own = new HashSet<>();
      List<String> written = ReportText.paragraphs(section.text());
      for (int i = 0; i < written.size(); i++) {
        String paragraph = written.get(i);
        Set<String> shingles = ReportText.shingles(paragraph);
        if (ReportText.overlap(shingles, seen) > REPEAT) {
          removed++;
          cut.computeIfAbsent(section.section().index(), k -> new ArrayList<>()).add(i);
        } else {
          paragraphs.add(paragraph);
          own.addAll(shingles);
        }
      }
      seen.addAll(own);
      String text = String.join("\n\n", paragraphs);
      kept.add(
          !cut.containsKey(section.section().index())
              ? section
              : new SectionResult(
                  section.section(),
                  text,
                  ReportText.words(text),
                  section.childRunId(),
                  section.childLocation(),
                  section.sources(),
                  section.citations(),
                  section.unsupported(),
                  section.unverified(),
                  section.uncited(),
                  section.note()));
    }
    return new Deduplicated(kept, removed, cut);
  }

  /** Writes and checks the frame of {@code sections}, spending from {@code reserve}. */
  Frame frame(List<SectionResult> sections, BudgetTracker reserve) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("title", outline.title());
    values.put("topic", scope.task().question());
    values.put("sections", openings(sections));
    values.put("sources", sourceLines(sections));
    values.put("count", String.valueOf(sections.size()));
    values.put("summary_words", String.valueOf(outline.summaryWords()));
    values.put("conclusion_words", String.valueOf(outline.conclusionWords()));
    ChatRequest request =
        StructuredOutput.withSchemaFormat(
            ChatRequest.builder()
                .addMessage(Message.user(ReportPrompts.render(ReportPrompts.ASSEMBLY, values)))
                .build(),
            ReportRun.ASSEMBLY_FORMAT,
            Reply.class);
    StageModel writer = scope.model(StepKind.MODEL, scope.recorder(), reserve);
    Reply reply;
    try {
      reply = StructuredOutput.ofDefaults().ask(writer, request, Reply.class).value();
    } catch (StageModel.Stopped | ResearchException e) {
      writer.finish(null, "");
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Frame("", List.of(), "", List.of(), 0, 0, 0, why);
    }
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("summary_words", ReportText.words(text(reply.summary())));
    data.put("conclusion_words", ReportText.words(text(reply.conclusion())));
    data.put("transitions", reply.transitions() == null ? 0 : reply.transitions().size());
    writer.finish(data, "wrote the summary, transitions and conclusion");
    List<Citation> citations = new ArrayList<>();
    int[] counts = new int[3];
    String summary = checked(text(reply.summary()), reserve, citations, counts);
    String conclusion = checked(text(reply.conclusion()), reserve, citations, counts);
    List<String> transitions = new ArrayList<>();
    for (int i = 0; i < sections.size(); i++) {
      List<String> given = reply.transitions() == null ? List.of() : reply.transitions();
      transitions.add(i < given.size() && given.get(i) != null ? given.get(i).strip() : "");
    }
    return new Frame(
        summary, transitions, conclusion, citations, counts[0], counts[1], counts[2], "");
  }

  /**
   * {@code text} checked against its sources, unsupported claims and uncited paragraphs flagged.
   */
  private String checked(
      String text, BudgetTracker reserve, List<Citation> citations, int[] counts) {
    if (text.isBlank()) {
      return "";
    }
    StageModel checker = scope.model(StepKind.VERIFY, scope.recorder(), reserve);
    DraftCheck.Checked checked =
        Verification.verify(
                new Action.Verify(
                    Draft.parse(text), 1, reserve, scope.settings().clock().instant()),
                checker,
                scope.sources(),
                scope.settings().verification(),
                scope.task(),
                Prompts.defaults().verifier())
            .checked();
    citations.addAll(checked.citations());
    counts[0] += checked.bad().size();
    counts[1] += checked.unverified().size();
    String marked =
        DraftCheck.markedBody(
            checked, scope.settings().verification().unsupportedClaims(), scope.sources());
    List<String> paragraphs = new ArrayList<>();
    for (String paragraph : ReportText.paragraphs(marked)) {
      if (!ReportText.cites(paragraph)) {
        paragraph += SectionWork.UNCITED;
        counts[2]++;
      }
      paragraphs.add(paragraph);
    }
    return String.join("\n\n", paragraphs);
  }

  private static String text(String value) {
    return value == null ? "" : SectionWork.cleaned(value);
  }

  /** Each section's title with its first and last paragraphs, for the assembly prompt. */
  private static String openings(List<SectionResult> sections) {
    StringBuilder text = new StringBuilder();
    for (SectionResult section : sections) {
      text.append("## ")
          .append(section.section().index())
          .append(". ")
          .append(section.section().title())
          .append("\n\n");
      List<String> paragraphs = ReportText.paragraphs(section.text());
      if (paragraphs.isEmpty()) {
        text.append("(no text: ").append(section.note()).append(")\n\n");
        continue;
      }
      text.append(paragraphs.get(0)).append("\n\n");
      if (paragraphs.size() > 1) {
        text.append("[…]\n\n").append(paragraphs.get(paragraphs.size() - 1)).append("\n\n");
      }
    }
    return text.toString().strip();
  }

  private static String sourceLines(List<SectionResult> sections) {
    Map<String, Source> cited = new LinkedHashMap<>();
    sections.forEach(s -> s.sources().forEach(source -> cited.putIfAbsent(source.id(), source)));
    StringBuilder text = new StringBuilder();
    cited.values().stream()
        .sorted(java.util.Comparator.comparingInt(s -> Integer.parseInt(s.id().substring(1))))
        .forEach(
            s ->
                text.append('[')
                    .append(s.id())
                    .append("] ")
                    .append(s.title().isBlank() ? s.url() : s.title())
                    .append('\n'));
    return text.toString().strip();
  }
}
