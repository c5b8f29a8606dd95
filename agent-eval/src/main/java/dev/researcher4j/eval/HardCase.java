package dev.researcher4j.eval;

import java.util.Objects;

/**
 * An item chosen by a {@link HardCaseFilter}, with its counts and the reason.
 *
 * @param item the item
 * @param stats its evaluation counts
 * @param reason why the filter chose it
 */
public record HardCase(EvalItem item, ItemStats stats, String reason) {

  /** Checks the fields. */
  public HardCase {
    Objects.requireNonNull(item, "item is required, but was null");
    Objects.requireNonNull(stats, "stats is required, but was null");
    Objects.requireNonNull(reason, "reason is required, but was null");
  }
}
