package dev.researcher4j.eval;

import java.util.Objects;

/**
 * A dataset line that was read but left out of the evaluation, and why (it needs an image or an
 * attached file, has no reference answer, repeats an id).
 *
 * @param line the line number in the file, from 1
 * @param id the item's id, or empty when it had none
 * @param reason why it was skipped; items skipped for the same cause share the same reason text
 */
public record SkippedItem(int line, String id, String reason) {

  /** Checks the fields. */
  public SkippedItem {
    id = id == null ? "" : id;
    Objects.requireNonNull(reason, "reason is required, but was null");
  }
}
