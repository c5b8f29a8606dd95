package dev.researcher4j.api;

/** Why a run ended. */
public enum StopReason {
  /** The agent finished its answer. */
  COMPLETED,
  /** The step budget ran out; the answer is the best the agent had. */
  BUDGET_STEPS,
  /** The tool-call budget ran out. */
  BUDGET_TOOL_CALLS,
  /** The input-token budget ran out. */
  BUDGET_INPUT_TOKENS,
  /** The output-token budget ran out. */
  BUDGET_OUTPUT_TOKENS,
  /** The cost budget ran out. */
  BUDGET_COST,
  /** The wall-time budget ran out. */
  BUDGET_TIME,
  /**
   * The provider's content filter stopped the model's output; the filtered request is not resent.
   */
  CONTENT_FILTERED,
  /** The run could not go on (for example the model provider rejected every call). */
  FAILED,
  /** The run was cancelled by its caller. */
  CANCELLED;

  /** Whether a budget stopped the run (an answer may still have been produced). */
  public boolean isBudget() {
    return name().startsWith("BUDGET_");
  }
}
