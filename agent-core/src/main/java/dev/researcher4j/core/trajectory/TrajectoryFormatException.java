package dev.researcher4j.core.trajectory;

import java.io.IOException;
import java.util.List;

/**
 * A trajectory file that cannot be loaded because it breaks the format: the message names the file
 * and the first problems (line, field, what was expected); {@link #problems()} lists them all.
 */
public final class TrajectoryFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /** The problems; a list is not serialisable by contract, so it is not kept across the wire. */
  private final transient List<TrajectoryProblem> problems;

  /** An exception for {@code name} with these problems (at least one). */
  public TrajectoryFormatException(String name, List<TrajectoryProblem> problems) {
    super(message(name, problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in file order. */
  public List<TrajectoryProblem> problems() {
    return problems == null ? List.of() : problems;
  }

  private static String message(String name, List<TrajectoryProblem> problems) {
    if (problems.isEmpty()) {
      return name + ": not a valid trajectory";
    }
    StringBuilder text = new StringBuilder(name).append(": ").append(problems.get(0));
    int shown = 1;
    for (; shown < Math.min(3, problems.size()); shown++) {
      text.append("; ").append(problems.get(shown));
    }
    if (problems.size() > shown) {
      text.append(" (and ").append(problems.size() - shown).append(" more problems)");
    }
    return text.toString();
  }
}
