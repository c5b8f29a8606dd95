package dev.researcher4j.api;

import java.util.Objects;

/**
 * Where one section of a long report stands, for a live outline: each section goes from {@link
 * Phase#PLANNED} through {@link Phase#RESEARCHING} and {@link Phase#DRAFTED} to {@link
 * Phase#VERIFIED}.
 *
 * @param index the section's number, from 1
 * @param sections how many sections the report has
 * @param title the section's title
 * @param phase where it stands
 * @param childRunId the run researching it, once there is one, else empty
 * @param words how many words it has, once drafted, else 0
 * @param note what a reader must know about it (it stopped early, its claims are flagged), or empty
 */
public record SectionProgress(
    int index, int sections, String title, Phase phase, String childRunId, int words, String note) {

  /** Where a section stands. */
  public enum Phase {
    /** In the outline, not started. */
    PLANNED,
    /** A sub-researcher is gathering its evidence. */
    RESEARCHING,
    /** Written from its evidence, not yet checked. */
    DRAFTED,
    /** Its claims were checked; unsupported ones are flagged in place. */
    VERIFIED,
    /** Kept from an earlier, interrupted attempt at the report (not redone). */
    KEPT
  }

  /** Checks the fields. */
  public SectionProgress {
    if (index < 1 || sections < index) {
      throw new IllegalArgumentException(
          "index must be in [1, " + sections + "], but was " + index);
    }
    title = Checks.text(title);
    Objects.requireNonNull(phase, "phase is required, but was null");
    childRunId = Checks.text(childRunId);
    Checks.nonNegative(words, "words");
    note = Checks.text(note);
  }
}
