package dev.researcher4j.core.trajectory;

import java.util.Objects;

/**
 * One problem found in a trajectory file: where it is and what is wrong.
 *
 * @param line the line number, from 1; 0 for problems of the whole file
 * @param field the field's path within the line ({@code model_call.request.messages[2].role}), or
 *     empty when the problem is the line itself
 * @param message what is wrong, saying what was expected and what was found
 */
public record TrajectoryProblem(int line, String field, String message) {

  /** Checks the fields. */
  public TrajectoryProblem {
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, but was " + line);
    }
    field = field == null ? "" : field;
    Objects.requireNonNull(message, "message is required, but was null");
  }

  /** {@code line 3, field model_call.response.finish_reason: expected one of …, but was "DONE"}. */
  @Override
  public String toString() {
    if (line == 0) {
      return field.isEmpty() ? message : "field " + field + ": " + message;
    }
    String where = "line " + line;
    return field.isEmpty() ? where + ": " + message : where + ", field " + field + ": " + message;
  }
}
