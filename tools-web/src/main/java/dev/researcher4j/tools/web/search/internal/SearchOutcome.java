package dev.researcher4j.tools.web.search.internal;

import dev.researcher4j.tools.web.search.SearchQuery;
import dev.researcher4j.tools.web.search.SearchResults;

/**
 * What one query of a {@code web_search} call came to: its results, or the failure (exactly one of
 * the two is {@code null}).
 */
public record SearchOutcome(SearchQuery query, SearchResults results, RuntimeException failure) {

  /** Whether the query failed. */
  public boolean failed() {
    return failure != null;
  }
}
