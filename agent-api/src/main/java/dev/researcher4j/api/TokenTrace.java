package dev.researcher4j.api;

import java.util.List;

/**
 * Token-level detail of one model call, when the server returns it: what trainers need to avoid
 * re-tokenisation drift. All lists are empty when the server did not send them.
 *
 * @param promptTokenIds the prompt's token ids
 * @param completionTokenIds the completion's token ids
 * @param completionTokens the completion's tokens as text, aligned with {@code logprobs}
 * @param logprobs the log-probability of each chosen completion token
 */
public record TokenTrace(
    List<Integer> promptTokenIds,
    List<Integer> completionTokenIds,
    List<String> completionTokens,
    List<Double> logprobs) {

  /** No token detail. */
  public static final TokenTrace NONE = new TokenTrace(List.of(), List.of(), List.of(), List.of());

  /** Copies the lists. */
  public TokenTrace {
    promptTokenIds = Checks.list(promptTokenIds);
    completionTokenIds = Checks.list(completionTokenIds);
    completionTokens = Checks.list(completionTokens);
    logprobs = Checks.list(logprobs);
  }

  /** Whether any token detail is present. */
  public boolean isEmpty() {
    return promptTokenIds.isEmpty()
        && completionTokenIds.isEmpty()
        && completionTokens.isEmpty()
        && logprobs.isEmpty();
  }
}
