package dev.researcher4j.core.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.report.ReportSection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A long report as its trajectory records it: the outline (the plan step), each finished section
 * (the data of its {@value SectionWork#TOOL} step), and what the final step says about the
 * document. What a resumed report keeps, and what a finished report is read back from. Pure.
 *
 * @param outline the outline, or {@code null} when the record holds none
 * @param finished the finished sections by number, in order
 * @param title the report's title (the topic when there is no outline)
 * @param sections the sections as the document has them (repeats taken out), for a finished report
 * @param words the document's words, for a finished report
 * @param targetWords the length asked for
 * @param repeatsRemoved how many repeated paragraphs the document left out
 */
public record RecordedReport(
    Outline outline,
    Map<Integer, SectionResult> finished,
    String title,
    List<ReportSection> sections,
    int words,
    int targetWords,
    int repeatsRemoved) {

  /** The key of the final step's data describing the document. */
  static final String FINAL_KEY = "report";

  /**
   * Reads {@code trajectory}.
   *
   * @throws IllegalArgumentException if it is not a long report's trajectory
   */
  public static RecordedReport read(Trajectory trajectory) {
    boolean report =
        trajectory.header().tools().stream().map(ToolSpec::name).anyMatch(SectionWork.TOOL::equals);
    if (!report) {
      throw new IllegalArgumentException(
          "run " + trajectory.runId() + " is not a long report (no " + SectionWork.TOOL + " tool)");
    }
    Outline outline = null;
    Map<Integer, SectionResult> finished = new TreeMap<>();
    JsonNode document = null;
    for (Step step : trajectory.steps()) {
      JsonNode data = step.data();
      if (step.kind() == StepKind.PLAN && data.has("outline")) {
        outline = Outline.fromJson(data.get("outline"));
      } else if (step.kind() == StepKind.TOOLS && outline != null && isSection(step)) {
        int index = data.path("section").asInt();
        if (index >= 1 && index <= outline.sections().size()) {
          finished.put(index, SectionResult.fromJson(data, outline.sections().get(index - 1)));
        }
      } else if (step.kind() == StepKind.FINAL && data.has(FINAL_KEY)) {
        document = data.get(FINAL_KEY);
      }
    }
    String title = outline == null ? trajectory.header().task().question() : outline.title();
    List<ReportSection> sections = new ArrayList<>();
    Set<Integer> kept = new HashSet<>();
    int words = 0;
    int target = 0;
    int removed = 0;
    if (document != null) {
      document.path("kept_sections").forEach(n -> kept.add(n.asInt()));
      words = document.path("words").asInt();
      target = document.path("target_words").asInt();
      removed = document.path("repeats_removed").asInt();
    }
    for (SectionResult section : finished.values()) {
      JsonNode cut =
          document == null
              ? null
              : document.path("removed_paragraphs").get(String.valueOf(section.section().index()));
      sections.add(publicSection(section, cut, kept.contains(section.section().index())));
    }
    return new RecordedReport(outline, finished, title, sections, words, target, removed);
  }

  private static boolean isSection(Step step) {
    return step.toolExecutions().size() == 1
        && step.toolExecutions().get(0).call().name().equals(SectionWork.TOOL)
        && step.toolExecutions().get(0).status() == ToolExecution.Status.OK
        && step.data().has("text");
  }

  /** The sources the finished sections cite, with their ids, to restore. */
  List<Source> sources() {
    List<Source> sources = new ArrayList<>();
    finished.values().forEach(s -> sources.addAll(s.sources()));
    return sources;
  }

  /** {@code section} as the document has it: without the paragraphs {@code cut} names. */
  static ReportSection publicSection(SectionResult section, JsonNode cut, boolean kept) {
    String text = section.text();
    if (cut != null && cut.isArray() && !cut.isEmpty()) {
      Set<Integer> drop = new HashSet<>();
      cut.forEach(n -> drop.add(n.asInt()));
      List<String> paragraphs = ReportText.paragraphs(text);
      List<String> left = new ArrayList<>();
      for (int i = 0; i < paragraphs.size(); i++) {
        if (!drop.contains(i)) {
          left.add(paragraphs.get(i));
        }
      }
      text = String.join("\n\n", left);
    }
    Outline.Section plan = section.section();
    return new ReportSection(
        plan.index(),
        plan.title(),
        plan.questions(),
        plan.words(),
        ReportText.words(text),
        text,
        section.childRunId(),
        section.childLocation(),
        section.sources().stream().map(Source::id).toList(),
        section.unsupported(),
        section.uncited(),
        section.note(),
        kept);
  }
}
