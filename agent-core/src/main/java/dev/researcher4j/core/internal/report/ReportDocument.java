package dev.researcher4j.core.internal.report;

import dev.researcher4j.api.Source;
import dev.researcher4j.api.Warning;
import java.util.List;

/**
 * Writes a long report as one Markdown document: title, warnings, summary, the numbered sections
 * (each led in by its transition), conclusion and one reference list of the sources cited, in id
 * order, so that {@code [S12]} means the same source in every section. Pure.
 */
final class ReportDocument {
  private ReportDocument() {}

  /** The heading of the reference list. */
  static final String REFERENCES = "## References";

  static String markdown(
      Outline outline,
      Assembly.Frame frame,
      List<SectionResult> sections,
      List<Source> references,
      List<Warning> warnings) {
    StringBuilder out = new StringBuilder("# ").append(outline.title()).append("\n\n");
    for (Warning warning : warnings) {
      out.append("> **Warning:** ").append(warning.message()).append('\n');
    }
    if (!warnings.isEmpty()) {
      out.append('\n');
    }
    if (!frame.summary().isBlank()) {
      out.append("## Summary\n\n").append(frame.summary()).append("\n\n");
    }
    for (int i = 0; i < sections.size(); i++) {
      SectionResult section = sections.get(i);
      out.append("## ")
          .append(section.section().index())
          .append(". ")
          .append(section.section().title())
          .append("\n\n");
      if (!section.note().isEmpty()) {
        out.append("> *Note: ").append(section.note()).append(".*\n\n");
      }
      String transition = i < frame.transitions().size() ? frame.transitions().get(i) : "";
      String text = section.text();
      if (!transition.isBlank() && !text.isBlank()) {
        // The transition opens the first paragraph, which cites for both.
        text = transition + " " + text;
      }
      out.append(text.isBlank() ? "*(This section has no text.)*" : text).append("\n\n");
    }
    if (!frame.conclusion().isBlank()) {
      out.append("## Conclusion\n\n").append(frame.conclusion()).append("\n\n");
    }
    if (!references.isEmpty()) {
      out.append(REFERENCES).append("\n\n");
      for (Source source : references) {
        out.append("- [").append(source.id()).append("] ").append(reference(source)).append('\n');
      }
    }
    return out.toString().strip() + "\n";
  }

  /**
   * One reference: for a paper its authors, year, title, venue and address; for other sources the
   * title and address.
   */
  static String reference(Source source) {
    StringBuilder text = new StringBuilder();
    String authors = source.attributes().getOrDefault("authors", "");
    String year = source.attributes().getOrDefault("year", "");
    String venue = source.attributes().getOrDefault("venue", "");
    if (!authors.isBlank()) {
      text.append(authors.strip());
      text.append(year.isBlank() ? ". " : " (" + year.strip() + "). ");
    } else if (!year.isBlank()) {
      text.append('(').append(year.strip()).append("). ");
    }
    text.append(source.title().isBlank() ? source.url() : source.title().strip());
    if (!venue.isBlank()) {
      text.append(". *").append(venue.strip()).append('*');
    }
    if (!source.title().isBlank()) {
      text.append(". ").append(source.url());
    }
    return text.toString();
  }

  /** The prose of the document (what its length is measured on): no title, notes or references. */
  static int words(Assembly.Frame frame, List<SectionResult> sections) {
    int words = ReportText.words(frame.summary()) + ReportText.words(frame.conclusion());
    for (SectionResult section : sections) {
      words += ReportText.words(section.text());
    }
    for (String transition : frame.transitions()) {
      words += ReportText.words(transition);
    }
    return words;
  }
}
