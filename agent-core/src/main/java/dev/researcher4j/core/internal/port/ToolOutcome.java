package dev.researcher4j.core.internal.port;

import dev.researcher4j.api.ToolExecution;
import java.util.Objects;

/**
 * One tool call's outcome.
 *
 * @param execution the record for the trajectory (result in full)
 * @param modelText what the model is shown (the result, cut to the tool's limit)
 * @param detail the full exception of a failed call, for the step's data, or empty
 * @param approval the person's decision on a call that needed approval, or {@code null}
 */
public record ToolOutcome(
    ToolExecution execution, String modelText, String detail, Approval approval) {

  /**
   * A person's decision on a call that needed approval.
   *
   * @param approved whether the call was allowed to run
   * @param note what the person said, or why there was no decision ("no answer within 10m")
   */
  public record Approval(boolean approved, String note) {
    /** Checks the fields. */
    public Approval {
      note = note == null ? "" : note;
    }
  }

  /** Checks the fields. */
  public ToolOutcome {
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(modelText, "modelText");
    detail = detail == null ? "" : detail;
  }

  /** An outcome of a call that needed no approval. */
  public ToolOutcome(ToolExecution execution, String modelText, String detail) {
    this(execution, modelText, detail, null);
  }

  /** This outcome with {@code approval} recorded. */
  public ToolOutcome withApproval(Approval decision) {
    return new ToolOutcome(execution, modelText, detail, decision);
  }
}
