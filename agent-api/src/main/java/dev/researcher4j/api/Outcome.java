package dev.researcher4j.api;

import java.util.List;
import java.util.Objects;

/**
 * What a run produced: a short answer, a cited report, the sources it cites and why it stopped.
 *
 * <p>A run stopped by a budget still has an answer (the best the agent could give); a failed or
 * cancelled run may have none, and {@link #error()} says what happened.
 *
 * @param answer the short answer, or empty
 * @param report the report in Markdown, citing sources as {@code [S1]}, with a reference list
 * @param sources the sources the report cites, in id order
 * @param citations each cited claim with what verification found
 * @param stopReason why the run ended
 * @param error what went wrong when the run failed or was cancelled, else empty
 * @param warnings what the run could not do that a reader of the answer must know (unverified
 *     claims, a cut-off answer, …); empty when the answer is complete and checked
 */
public record Outcome(
    String answer,
    String report,
    List<Source> sources,
    List<Citation> citations,
    StopReason stopReason,
    String error,
    List<Warning> warnings) {

  /** Checks the fields. */
  public Outcome {
    answer = Checks.text(answer);
    report = Checks.text(report);
    sources = Checks.list(sources);
    citations = Checks.list(citations);
    Objects.requireNonNull(stopReason, "stopReason is required, but was null");
    error = Checks.text(error);
    warnings = Checks.list(warnings);
  }

  /** An outcome without warnings. */
  public Outcome(
      String answer,
      String report,
      List<Source> sources,
      List<Citation> citations,
      StopReason stopReason,
      String error) {
    this(answer, report, sources, citations, stopReason, error, List.of());
  }

  /** This outcome with {@code more} warnings added after its own. */
  public Outcome withWarnings(List<Warning> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<Warning> all = new java.util.ArrayList<>(warnings);
    all.addAll(more);
    return new Outcome(answer, report, sources, citations, stopReason, error, all);
  }

  /** Whether the run flagged anything a reader of the answer must know. */
  public boolean hasWarnings() {
    return !warnings.isEmpty();
  }

  /** An outcome of a run that failed before it had an answer. */
  public static Outcome failed(String error) {
    return new Outcome("", "", List.of(), List.of(), StopReason.FAILED, error);
  }

  /** Whether the agent finished normally (not stopped by a budget, failure or cancellation). */
  public boolean isCompleted() {
    return stopReason == StopReason.COMPLETED;
  }

  /** Whether there is an answer to show, whatever the stop reason. */
  public boolean hasAnswer() {
    return !answer.isBlank() || !report.isBlank();
  }

  /** Citations that verification found unsupported or pointing at unknown sources. */
  public List<Citation> unsupportedCitations() {
    return citations.stream()
        .filter(
            c ->
                c.support() == Citation.Support.UNSUPPORTED
                    || c.support() == Citation.Support.UNKNOWN_SOURCE)
        .toList();
  }
}
