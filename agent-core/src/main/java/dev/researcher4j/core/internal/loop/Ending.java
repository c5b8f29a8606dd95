package dev.researcher4j.core.internal.loop;

import dev.researcher4j.api.StopReason;
import java.util.Objects;

/**
 * How the loop ended a run, for the finishing stage that turns it into an outcome.
 *
 * @param reason why the run ended
 * @param error what went wrong, or empty
 * @param draft the answer to finish with (the final one, or the best draft so far), or {@code null}
 * @param checked its check, or {@code null} when it was not checked (the finishing stage then runs
 *     the deterministic part of the check)
 * @param truncated whether the draft was cut off at the model's output limit
 * @param composeFromSources whether, without a draft, an answer is to be composed from the sources
 *     the run gathered (the model gave none before a budget ran out)
 * @param budget a phrase naming the budget that stopped the run ("the tool-call budget of 20
 *     calls"), or empty
 * @param failedToolCalls how many tool calls failed during the run
 * @param toolCalls how many tool calls ran
 * @param verificationRounds how many times a draft was sent back because of its citations
 */
public record Ending(
    StopReason reason,
    String error,
    Draft draft,
    DraftCheck.Checked checked,
    boolean truncated,
    boolean composeFromSources,
    String budget,
    int failedToolCalls,
    int toolCalls,
    int verificationRounds) {

  /** Checks the fields. */
  public Ending {
    Objects.requireNonNull(reason, "reason");
    error = error == null ? "" : error;
    budget = budget == null ? "" : budget;
  }
}
