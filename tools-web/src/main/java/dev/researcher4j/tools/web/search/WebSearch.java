package dev.researcher4j.tools.web.search;

import dev.researcher4j.api.ResearchException;
import dev.researcher4j.tools.web.search.internal.WebSearchFactory;

/**
 * A web search service: Tavily, Brave Search, Serper, SearXNG, DuckDuckGo, or one of your own.
 *
 * <p>Make the built-in ones with {@link #create(WebSearchConfig)} or {@link #fromEnvironment()}.
 * Implementations must be thread-safe: one instance serves parallel searches. They return results
 * already deduplicated by normalised URL and at most {@link SearchQuery#count()} of them.
 *
 * <p>Failures are {@link ResearchException}s: {@link dev.researcher4j.api.AuthenticationException}
 * for a rejected key (its message names the variable to fix), {@link
 * dev.researcher4j.api.RateLimitException} for rate limits (retried first), {@link
 * dev.researcher4j.api.QuotaExceededException} when the plan's quota is used up (not retried),
 * {@link dev.researcher4j.api.MalformedResponseException} for answers that cannot be read. Messages
 * never contain API keys.
 */
public interface WebSearch {

  /** The provider's short name, shown with results ({@code tavily}, {@code brave}, …). */
  String name();

  /**
   * Runs one search.
   *
   * @throws ResearchException when the provider fails after retries, or rejects the call
   * @throws java.util.concurrent.CancellationException if the thread is interrupted
   */
  SearchResults search(SearchQuery query);

  /** The built-in provider {@code config} describes. */
  static WebSearch create(WebSearchConfig config) {
    return WebSearchFactory.create(config);
  }

  /**
   * The provider configured in the process environment ({@code TAVILY_API_KEY}, {@code
   * BRAVE_API_KEY}, {@code SERPER_API_KEY}, {@code SEARXNG_URL}; none set means DuckDuckGo), with
   * default settings. See {@link WebSearchConfig#fromEnvironment(java.util.function.Function)}.
   */
  static WebSearch fromEnvironment() {
    return create(WebSearchConfig.fromEnvironment().build());
  }
}
