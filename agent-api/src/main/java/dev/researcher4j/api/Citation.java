package dev.researcher4j.api;

import java.util.Objects;

/**
 * A claim of a report tied to the source it cites, with what verification found.
 *
 * @param sourceId the cited source id ({@code S3})
 * @param claim the sentence or clause of the report that cites it
 * @param support what the verifier found
 * @param note the verifier's explanation, or empty
 */
public record Citation(String sourceId, String claim, Support support, String note) {

  /** What verification found about a cited claim. */
  public enum Support {
    /** The cited source's excerpts support the claim. */
    SUPPORTED,
    /** The cited source's excerpts do not support the claim (or contradict it). */
    UNSUPPORTED,
    /** The claim cites an id (or URL) the run never saw. */
    UNKNOWN_SOURCE,
    /** Not checked: verification was switched off or ran out of budget. */
    UNVERIFIED
  }

  /** Checks the fields. */
  public Citation {
    sourceId = Checks.text(sourceId);
    claim = Checks.text(claim);
    Objects.requireNonNull(support, "support is required, but was null");
    note = Checks.text(note);
  }
}
