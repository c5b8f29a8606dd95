package dev.researcher4j.api;

import java.util.Objects;

/**
 * Something a run could not do, which whoever reads its answer must know: claims that were not
 * checked, an answer that was cut off, an answer composed without the model's final word, a budget
 * that stopped the run, tools that failed. A run never passes such a result off as complete; it
 * says so here, in the report and on the command line.
 *
 * @param kind what kind of shortfall
 * @param message one sentence for people ("3 of 3 claims not verified (the checker's reply could
 *     not be read)")
 */
public record Warning(Kind kind, String message) {

  /** The kinds of shortfall, from the most to the least serious for a reader of the answer. */
  public enum Kind {
    /** The answer was cut off (the model hit its output limit) and could not be completed. */
    TRUNCATED_ANSWER,
    /** The model gave no final answer; the answer was composed from its drafts and sources. */
    COMPOSED_ANSWER,
    /** Cited claims that the sources do not support, or that cite sources the run never saw. */
    UNSUPPORTED_CLAIMS,
    /** Cited claims nobody checked (verification failed, was off, or ran out of budget). */
    UNVERIFIED_CLAIMS,
    /** A budget stopped the run; the answer is the best the agent had then. */
    BUDGET_STOP,
    /** The provider's content filter stopped the model's output. */
    CONTENT_FILTERED,
    /** Tool calls failed during the run (their errors were shown to the model). */
    TOOL_FAILURES,
    /**
     * The answer cites no source: nothing in it rests on evidence the run found (a model that
     * answered from memory, or found nothing it could cite).
     */
    UNCITED_ANSWER,
    /** Any other shortfall. */
    OTHER
  }

  /** Checks the fields. */
  public Warning {
    Objects.requireNonNull(kind, "kind is required, but was null");
    message = Checks.text(message);
    if (message.isBlank()) {
      throw new IllegalArgumentException("message must not be blank");
    }
  }
}
