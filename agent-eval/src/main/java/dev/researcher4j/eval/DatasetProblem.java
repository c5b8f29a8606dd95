package dev.researcher4j.eval;

import java.util.Objects;

/**
 * A dataset line that could not be read as an item (not JSON, not an object, no question).
 *
 * @param line the line number in the file, from 1
 * @param message what is wrong with it
 * @param excerpt the start of the line, so it can be found and fixed
 */
public record DatasetProblem(int line, String message, String excerpt) {

  /** Checks the fields. */
  public DatasetProblem {
    Objects.requireNonNull(message, "message is required, but was null");
    excerpt = excerpt == null ? "" : excerpt;
  }

  @Override
  public String toString() {
    return "line " + line + ": " + message + (excerpt.isEmpty() ? "" : " [" + excerpt + "]");
  }
}
