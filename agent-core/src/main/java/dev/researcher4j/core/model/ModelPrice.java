package dev.researcher4j.core.model;

import dev.researcher4j.api.Usage;

/**
 * What one model costs, in US dollars per million tokens.
 *
 * <p>Cached input tokens (the prompt prefix a provider served from its cache) are billed at {@code
 * cachedInputPerMillion}, the other input tokens at {@code inputPerMillion}; reasoning tokens are
 * part of the output and billed at {@code outputPerMillion}, as providers bill them. Input tokens
 * written to the cache ({@link Usage#cacheWriteInputTokens()}, which Anthropic bills at 1.25 times
 * the input price for a five-minute cache) are billed at {@code cacheWriteInputPerMillion}, by
 * default the plain input price: set it with {@link #withCacheWrite(double)}.
 *
 * @param inputPerMillion USD per million uncached input tokens, &gt;= 0
 * @param cachedInputPerMillion USD per million cached input tokens, &gt;= 0
 * @param outputPerMillion USD per million output tokens (reasoning included), &gt;= 0
 * @param cacheWriteInputPerMillion USD per million input tokens written to the cache, &gt;= 0
 */
public record ModelPrice(
    double inputPerMillion,
    double cachedInputPerMillion,
    double outputPerMillion,
    double cacheWriteInputPerMillion) {

  /** Free: for local models. */
  public static final ModelPrice FREE = new ModelPrice(0, 0, 0);

  /** Checks that every price is a finite number &gt;= 0. */
  public ModelPrice {
    check(inputPerMillion, "inputPerMillion");
    check(cachedInputPerMillion, "cachedInputPerMillion");
    check(outputPerMillion, "outputPerMillion");
    check(cacheWriteInputPerMillion, "cacheWriteInputPerMillion");
  }

  /** A price whose cache writes cost as much as other input. */
  public ModelPrice(double inputPerMillion, double cachedInputPerMillion, double outputPerMillion) {
    this(inputPerMillion, cachedInputPerMillion, outputPerMillion, inputPerMillion);
  }

  /** A price without a cache discount: cached input costs as much as other input. */
  public static ModelPrice of(double inputPerMillion, double outputPerMillion) {
    return new ModelPrice(inputPerMillion, inputPerMillion, outputPerMillion);
  }

  /** A price with a separate rate for cached input. */
  public static ModelPrice of(
      double inputPerMillion, double cachedInputPerMillion, double outputPerMillion) {
    return new ModelPrice(inputPerMillion, cachedInputPerMillion, outputPerMillion);
  }

  /** A copy with this price per million input tokens written to the cache. */
  public ModelPrice withCacheWrite(double cacheWriteInputPerMillion) {
    return new ModelPrice(
        inputPerMillion, cachedInputPerMillion, outputPerMillion, cacheWriteInputPerMillion);
  }

  /** The cost of {@code usage} in US dollars (its own {@code costUsd} is ignored). */
  public double costUsd(Usage usage) {
    long cached = Math.min(usage.cachedInputTokens(), usage.inputTokens());
    long written = Math.min(usage.cacheWriteInputTokens(), usage.inputTokens() - cached);
    long uncached = usage.inputTokens() - cached - written;
    return (uncached * inputPerMillion
            + cached * cachedInputPerMillion
            + written * cacheWriteInputPerMillion
            + usage.outputTokens() * outputPerMillion)
        / 1_000_000.0;
  }

  private static void check(double value, String name) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0, but was " + value);
    }
  }
}
