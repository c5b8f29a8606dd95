package dev.researcher4j.core.tool;

import dev.researcher4j.api.NonRetryableException;

/**
 * A tool call's arguments could not be used: wrong shape, wrong type, a value out of range. Thrown
 * by tools (including annotated methods, when binding fails); the run shows the message to the
 * model as an {@link dev.researcher4j.api.ToolExecution.Status#INVALID_ARGUMENTS} observation, so
 * say what was wrong and what is expected.
 */
public class ToolArgumentsException extends NonRetryableException {

  private static final long serialVersionUID = 1L;

  /** With a message for the model. */
  public ToolArgumentsException(String message) {
    super(message);
  }

  /** With a message for the model and the cause. */
  public ToolArgumentsException(String message, Throwable cause) {
    super(message, cause);
  }
}
