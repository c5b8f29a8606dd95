package dev.researcher4j.core.verify;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks the claims of a draft report against the sources they cite.
 *
 * <p>The run does the deterministic part first: citations of ids the run never registered, or of
 * URLs it never saw, are {@link Citation.Support#UNKNOWN_SOURCE} without asking any verifier. A
 * verifier gets only claims whose cited ids exist, with those sources (and the excerpts the run saw
 * of them). The default is {@link ModelVerifier}; write your own to check differently (a second
 * model, an entailment classifier, rules).
 *
 * <p>Implementations must be thread-safe. Calls through {@link Request#model()} are recorded as
 * verification steps, made one at a time (concurrent calls wait for each other), and count against
 * the run's budget; when the budget is spent they throw a {@link
 * dev.researcher4j.api.ResearchException}, after which a verifier should return what it has (claims
 * without a verdict count as {@link Citation.Support#UNVERIFIED}).
 */
@FunctionalInterface
public interface Verifier {

  /**
   * One claim of the draft: a sentence with its citations.
   *
   * @param number the claim's number in this request, from 1
   * @param text the sentence as the draft wrote it, citation markers included
   * @param sourceIds the ids it cites that exist in the run
   */
  record Claim(int number, String text, List<String> sourceIds) {
    /** Checks and copies the fields. */
    public Claim {
      Objects.requireNonNull(text, "text");
      sourceIds = List.copyOf(sourceIds);
    }
  }

  /**
   * The verdict on one claim.
   *
   * @param claim the claim's number
   * @param support what was found; {@link Citation.Support#UNKNOWN_SOURCE} is for the run's own
   *     check and should not be returned
   * @param note why, for the model and the reader; empty when supported
   */
  record Verdict(int claim, Citation.Support support, String note) {
    /** Checks the fields. */
    public Verdict {
      Objects.requireNonNull(support, "support");
      note = note == null ? "" : note;
    }
  }

  /**
   * What a verifier is asked.
   *
   * @param task the task the draft answers
   * @param claims the claims to check
   * @param sources the cited sources by id, with the excerpts the run saw
   * @param model the run's model (recorded, budgeted)
   * @param instructions the agent's verification prompt ({@link
   *     dev.researcher4j.core.prompt.Prompts#verifier()})
   */
  record Request(
      Task task,
      List<Claim> claims,
      Map<String, Source> sources,
      ChatModel model,
      String instructions) {
    /** Checks and copies the fields. */
    public Request {
      Objects.requireNonNull(task, "task");
      claims = List.copyOf(claims);
      sources = Map.copyOf(sources);
      Objects.requireNonNull(model, "model");
      instructions = instructions == null ? "" : instructions;
    }
  }

  /** Verdicts on the request's claims; claims left out count as unverified. */
  List<Verdict> verify(Request request);
}
