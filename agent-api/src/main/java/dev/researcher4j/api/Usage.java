package dev.researcher4j.api;

/**
 * Tokens used (and money spent) by one model call or, summed, by a whole run.
 *
 * @param inputTokens prompt tokens, cached ones included
 * @param outputTokens completion tokens, reasoning tokens included
 * @param cachedInputTokens prompt tokens the provider served from its cache
 * @param reasoningTokens completion tokens spent on hidden reasoning
 * @param costUsd money spent, in US dollars; 0 when no price is known
 * @param cacheWriteInputTokens prompt tokens the provider wrote to its cache on this call
 *     (Anthropic's {@code cache_creation_input_tokens}, billed above the plain input price); part
 *     of {@code inputTokens}, like the cached ones; 0 for providers that do not report it
 */
public record Usage(
    long inputTokens,
    long outputTokens,
    long cachedInputTokens,
    long reasoningTokens,
    double costUsd,
    long cacheWriteInputTokens) {

  /** Nothing used. */
  public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

  /** Checks the counts. */
  public Usage {
    Checks.nonNegative(inputTokens, "inputTokens");
    Checks.nonNegative(outputTokens, "outputTokens");
    Checks.nonNegative(cachedInputTokens, "cachedInputTokens");
    Checks.nonNegative(reasoningTokens, "reasoningTokens");
    Checks.nonNegative(cacheWriteInputTokens, "cacheWriteInputTokens");
    if (!(costUsd >= 0)) {
      throw new IllegalArgumentException("costUsd must be >= 0, but was " + costUsd);
    }
  }

  /** Usage without cache writes, for providers that do not report them. */
  public Usage(
      long inputTokens,
      long outputTokens,
      long cachedInputTokens,
      long reasoningTokens,
      double costUsd) {
    this(inputTokens, outputTokens, cachedInputTokens, reasoningTokens, costUsd, 0);
  }

  /** Input and output tokens only. */
  public static Usage of(long inputTokens, long outputTokens) {
    return new Usage(inputTokens, outputTokens, 0, 0, 0);
  }

  /** The sum of this and {@code other}. */
  public Usage plus(Usage other) {
    return new Usage(
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        cachedInputTokens + other.cachedInputTokens,
        reasoningTokens + other.reasoningTokens,
        costUsd + other.costUsd,
        cacheWriteInputTokens + other.cacheWriteInputTokens);
  }

  /** A copy with the given cost. */
  public Usage withCost(double newCostUsd) {
    return new Usage(
        inputTokens,
        outputTokens,
        cachedInputTokens,
        reasoningTokens,
        newCostUsd,
        cacheWriteInputTokens);
  }

  /** Input plus output tokens. */
  public long totalTokens() {
    return inputTokens + outputTokens;
  }
}
