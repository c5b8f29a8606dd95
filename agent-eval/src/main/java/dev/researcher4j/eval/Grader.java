package dev.researcher4j.eval;

import dev.researcher4j.api.Grade;

/**
 * Judges an agent's response to an {@link EvalItem} against its reference answer.
 *
 * <p>A grader decides {@link Grade.Label#CORRECT CORRECT}, {@link Grade.Label#INCORRECT INCORRECT}
 * or {@link Grade.Label#NOT_ATTEMPTED NOT_ATTEMPTED} (blank response), and answers {@link
 * Grade.Label#GRADER_ERROR GRADER_ERROR} when it cannot decide — a judge that is down, a reply it
 * cannot read, a reference it cannot use — never a guessed pass or fail. It should not throw; the
 * evaluation turns anything it throws into {@code GRADER_ERROR} too. Every grade records the
 * grader's {@link #id()} and, for judges, the judge model.
 *
 * <p>Implementations must be thread-safe: attempts are graded concurrently.
 */
public interface Grader {

  /**
   * The grader's id and version, e.g. {@code exact-match/1}; bump the version when verdicts change.
   */
  String id();

  /**
   * Grades {@code response} (the agent's answer; its report when it gave no short answer) against
   * {@code item}'s reference answer.
   */
  Grade grade(EvalItem item, String response);
}
