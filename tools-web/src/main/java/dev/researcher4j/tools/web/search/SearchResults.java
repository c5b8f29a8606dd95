package dev.researcher4j.tools.web.search;

import java.util.List;
import java.util.Objects;

/**
 * What one search returned: the results in the provider's order, deduplicated by normalised URL and
 * cut to the count asked for, and notes on what the provider could not do (a filter it ignores,
 * engines that did not answer).
 *
 * @param provider the provider that answered, e.g. {@code brave}
 * @param query the query text that was searched
 * @param results the results, best first; empty when nothing was found
 * @param notes remarks worth telling the model or the user; empty when there are none
 */
public record SearchResults(
    String provider, String query, List<SearchResult> results, List<String> notes) {

  /** Checks the fields and copies the lists. */
  public SearchResults {
    Objects.requireNonNull(provider, "provider is required, but was null");
    Objects.requireNonNull(query, "query is required, but was null");
    results = results == null ? List.of() : List.copyOf(results);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** Whether nothing was found. */
  public boolean isEmpty() {
    return results.isEmpty();
  }
}
