package dev.researcher4j.examples.cli;

import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Trajectory;

/** The report a command prints for a finished run. */
final class Reports {
  private Reports() {}

  /** The question, the short answer, and the report with its reference list, in Markdown. */
  static String markdown(Trajectory run) {
    Outcome outcome = run.requireOutcome();
    StringBuilder text = new StringBuilder();
    text.append("# ").append(run.header().task().question().strip()).append("\n\n");
    if (!outcome.answer().isBlank()) {
      text.append("**Answer:** ").append(outcome.answer().strip()).append("\n\n");
    }
    text.append(outcome.report().strip()).append('\n');
    return text.toString();
  }
}
