package dev.researcher4j.core.report;

import java.util.List;
import java.util.Objects;

/**
 * One section of a {@link ReportResult}: its plan, its checked text and where it came from.
 *
 * @param index its number, from 1
 * @param title its title
 * @param questions the questions it was planned to answer
 * @param plannedWords its planned length
 * @param words its length, prose only
 * @param text its Markdown without heading: unsupported claims and uncited paragraphs flagged in
 *     place ({@code *(unverified: …)*})
 * @param childRunId the run that researched it (linked from the report's trajectory), or empty
 * @param childTrajectory where that run's trajectory is kept (a file), or empty
 * @param sourceIds the ids of the sources it cites, in the report's one numbering
 * @param unsupportedClaims how many of its claims are flagged as unsupported
 * @param uncitedParagraphs how many of its paragraphs cite no source (flagged)
 * @param note what a reader must know about it (its budget ran out and it is its researcher's
 *     notes, no evidence was found), or empty
 * @param kept whether it was kept from an earlier, interrupted attempt at the report
 */
public record ReportSection(
    int index,
    String title,
    List<String> questions,
    int plannedWords,
    int words,
    String text,
    String childRunId,
    String childTrajectory,
    List<String> sourceIds,
    int unsupportedClaims,
    int uncitedParagraphs,
    String note,
    boolean kept) {

  /** Checks and copies the fields. */
  public ReportSection {
    Objects.requireNonNull(title, "title is required, but was null");
    questions = List.copyOf(questions);
    Objects.requireNonNull(text, "text is required, but was null");
    childRunId = childRunId == null ? "" : childRunId;
    childTrajectory = childTrajectory == null ? "" : childTrajectory;
    sourceIds = List.copyOf(sourceIds);
    note = note == null ? "" : note;
  }

  /** Whether something about it must be known (see {@link #note()}) or claims are flagged. */
  public boolean isFlagged() {
    return !note.isEmpty() || unsupportedClaims > 0 || uncitedParagraphs > 0;
  }
}
