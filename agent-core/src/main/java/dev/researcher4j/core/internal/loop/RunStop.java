package dev.researcher4j.core.internal.loop;

import dev.researcher4j.api.StopReason;

/**
 * Ends a run early from deep inside it: cancellation, a failure, or a spent budget. Control flow,
 * not an error, so it carries no stack trace.
 */
final class RunStop extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final StopReason reason;

  private RunStop(StopReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  static RunStop cancelled() {
    return new RunStop(StopReason.CANCELLED, "the run was cancelled");
  }

  static RunStop failed(String error) {
    return new RunStop(StopReason.FAILED, error);
  }

  static RunStop budget(BudgetTracker.Kind kind) {
    return new RunStop(kind.stopReason(), "the " + kind.label() + " budget is spent");
  }

  StopReason reason() {
    return reason;
  }
}
