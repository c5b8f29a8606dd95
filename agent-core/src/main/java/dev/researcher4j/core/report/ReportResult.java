package dev.researcher4j.core.report;

import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.Warning;
import dev.researcher4j.core.internal.report.RecordedReport;
import java.util.List;
import java.util.Objects;

/**
 * A long report: the Markdown document, its sections, its one reference list and the report's own
 * trajectory (which links every section's research run). What could not be done is said in {@link
 * #warnings()}, at the top of the document and at the place it concerns.
 *
 * <p>Immutable and thread-safe. {@link #from(Trajectory)} reads a report back from its trajectory.
 */
public final class ReportResult {

  private final Trajectory trajectory;
  private final List<ReportSection> sections;
  private final String title;
  private final int words;
  private final int targetWords;
  private final int repeatsRemoved;

  /** A result; made by {@link LongReport} and {@link #from}. */
  ReportResult(
      Trajectory trajectory,
      String title,
      List<ReportSection> sections,
      int words,
      int targetWords,
      int repeatsRemoved) {
    this.trajectory = Objects.requireNonNull(trajectory, "trajectory");
    this.title = title;
    this.sections = List.copyOf(sections);
    this.words = words;
    this.targetWords = targetWords;
    this.repeatsRemoved = repeatsRemoved;
  }

  /**
   * The report recorded in {@code trajectory} (a finished report's, as {@link LongReport} wrote
   * it).
   *
   * @throws IllegalArgumentException if the trajectory is not a long report's
   * @throws IllegalStateException if the report is unfinished (resume it instead)
   */
  public static ReportResult from(Trajectory trajectory) {
    RecordedReport recorded = RecordedReport.read(trajectory);
    trajectory.requireOutcome();
    return new ReportResult(
        trajectory,
        recorded.title(),
        recorded.sections(),
        recorded.words(),
        recorded.targetWords(),
        recorded.repeatsRemoved());
  }

  /** The report's title. */
  public String title() {
    return title;
  }

  /** The whole report in Markdown: title, warnings, summary, sections, conclusion, references. */
  public String markdown() {
    return outcome().report();
  }

  /** The sections, in order. */
  public List<ReportSection> sections() {
    return sections;
  }

  /** The sources the report cites, in id order: its reference list. */
  public List<Source> references() {
    return outcome().sources();
  }

  /** The report's length in words: its prose (summary, sections, conclusion), nothing else. */
  public int words() {
    return words;
  }

  /** The length asked for. */
  public int targetWords() {
    return targetWords;
  }

  /** How many paragraphs were taken out because they repeated an earlier section. */
  public int repeatsRemoved() {
    return repeatsRemoved;
  }

  /** The report's own trajectory; each section's research run is linked from its tool step. */
  public Trajectory trajectory() {
    return trajectory;
  }

  /** The outcome: the document, its references, every checked claim, stop reason and warnings. */
  public Outcome outcome() {
    return trajectory.requireOutcome();
  }

  /** What the report could not do, which a reader must know. */
  public List<Warning> warnings() {
    return outcome().warnings();
  }

  /** Whether the report was written in full, with nothing flagged. */
  public boolean isComplete() {
    return outcome().isCompleted() && warnings().isEmpty();
  }

  @Override
  public String toString() {
    return "ReportResult{"
        + title
        + ", "
        + sections.size()
        + " sections, "
        + words
        + " words, "
        + warnings().size()
        + " warnings}";
  }
}
