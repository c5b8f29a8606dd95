package dev.researcher4j.core.internal.stage;

import dev.researcher4j.api.NonRetryableException;
import dev.researcher4j.core.internal.loop.BudgetTracker;

/** A planning, verification or summary call was refused because a budget is spent. */
final class BudgetSpentException extends NonRetryableException {

  private static final long serialVersionUID = 1L;

  BudgetSpentException(BudgetTracker.Kind kind) {
    super("the run's " + kind.label() + " budget is spent; no more model calls");
  }
}
