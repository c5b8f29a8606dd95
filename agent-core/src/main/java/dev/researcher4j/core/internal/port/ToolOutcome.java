package dev.researcher4j.core.internal.port;

import dev.researcher4j.api.ToolExecution;
import java.util.Objects;

/**
 * One tool call's outcome.
 *
 * @param execution the record for the trajectory (result in full)
 * @param modelText what the model is shown (the result, cut to the tool's limit)
 * @param detail the full exception of a failed call, for the step's data, or empty
 */
public record ToolOutcome(ToolExecution execution, String modelText, String detail) {

  /** Checks the fields. */
  public ToolOutcome {
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(modelText, "modelText");
    detail = detail == null ? "" : detail;
  }
}
