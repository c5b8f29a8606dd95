package dev.researcher4j.tools.web.search.internal;

import dev.researcher4j.api.AuthenticationException;
import dev.researcher4j.api.CircuitOpenException;
import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.QuotaExceededException;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.core.http.UrlNormalizer;
import dev.researcher4j.tools.web.search.SearchQuery;
import dev.researcher4j.tools.web.search.SearchResult;
import dev.researcher4j.tools.web.search.SearchResults;
import dev.researcher4j.tools.web.search.WebSearch;
import dev.researcher4j.tools.web.search.WebSearchTool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;

/**
 * Writes what the model reads after a {@code web_search} call: each query's results as {@code [S3]
 * title — url — snippet (date)}, registering every result not listed earlier in the call as a
 * source; or, when every query failed, an error saying why and what to do. Immutable and
 * thread-safe.
 */
public final class SearchObservation {

  private final WebSearch search;
  private final int maxSnippetChars;

  /** Observations naming {@code search}, with snippets cut to {@code maxSnippetChars}. */
  public SearchObservation(WebSearch search, int maxSnippetChars) {
    this.search = search;
    this.maxSnippetChars = maxSnippetChars;
  }

  /**
   * The result of a call whose queries came to {@code outcomes}, with the call's own {@code
   * callNotes}; an error result when every query failed.
   */
  public ToolResult render(
      List<SearchOutcome> outcomes, List<String> callNotes, ToolContext context) {
    List<SearchOutcome> failed = outcomes.stream().filter(SearchOutcome::failed).toList();
    if (failed.size() == outcomes.size()) {
      return ToolResult.error(failureText(failed, callNotes));
    }
    boolean single = outcomes.size() == 1;
    StringBuilder text = new StringBuilder();
    text.append("Web search (").append(search.name()).append(")");
    if (!single) {
      text.append(", ").append(outcomes.size()).append(" queries");
    }
    text.append(":\n");
    if (!failed.isEmpty()) {
      text.append("Note: ")
          .append(failed.size())
          .append(" of ")
          .append(outcomes.size())
          .append(" queries failed; their errors are shown below with the other results.\n");
    }
    for (String note : callNotes) {
      text.append("Note: ").append(note).append('\n');
    }
    Set<String> listed = new HashSet<>();
    List<Source> sources = new ArrayList<>();
    for (SearchOutcome outcome : outcomes) {
      text.append('\n');
      renderOutcome(outcome, listed, sources, context, text);
    }
    if (!sources.isEmpty()) {
      text.append(
          "\nCite results by their [S#] id. Snippets are excerpts chosen by the search engine:"
              + " read a page before relying on it.");
    }
    return ToolResult.of(text.toString().strip(), List.of());
  }

  private void renderOutcome(
      SearchOutcome outcome,
      Set<String> listed,
      List<Source> sources,
      ToolContext context,
      StringBuilder text) {
    text.append('"').append(outcome.query().query()).append("\" — ");
    if (outcome.failed()) {
      text.append("failed: ").append(message(outcome.failure())).append('\n');
      return;
    }
    SearchResults results = outcome.results();
    List<SearchResult> fresh = new ArrayList<>();
    for (SearchResult result : results.results()) {
      if (listed.add(UrlNormalizer.key(result.url()))) {
        fresh.add(result);
      }
    }
    int repeated = results.results().size() - fresh.size();
    if (results.isEmpty()) {
      text.append("no results. Try other words, a broader query or fewer filters.\n");
    } else {
      text.append(fresh.size()).append(fresh.size() == 1 ? " result" : " results");
      if (repeated > 0) {
        text.append(" (").append(repeated).append(" more already listed above)");
      }
      text.append('\n');
    }
    for (SearchResult result : fresh) {
      Source source = context.registerSource(source(result, outcome.query()));
      sources.add(source);
      text.append('[').append(source.id()).append("] ");
      text.append(result.title().isEmpty() ? "(no title)" : result.title());
      text.append(" — ").append(result.url());
      if (!result.snippet().isEmpty()) {
        text.append(" — ").append(cut(result.snippet()));
      }
      result.publishedDate().ifPresent(date -> text.append(" (").append(date).append(')'));
      text.append('\n');
    }
    for (String note : results.notes()) {
      text.append("Note: ").append(note).append('\n');
    }
  }

  private static Source source(SearchResult result, SearchQuery query) {
    Map<String, String> attributes = new LinkedHashMap<>();
    result.publishedDate().ifPresent(date -> attributes.put("published", date.toString()));
    attributes.put("search_provider", result.provider());
    attributes.put("search_rank", Integer.toString(result.rank()));
    attributes.put("search_query", query.query());
    return new Source(
        "",
        Source.Kind.WEB,
        result.url(),
        result.title(),
        result.snippet().isEmpty() ? List.of() : List.of(result.snippet()),
        attributes);
  }

  private String cut(String snippet) {
    if (snippet.length() <= maxSnippetChars) {
      return snippet;
    }
    int end = snippet.lastIndexOf(' ', maxSnippetChars);
    if (end < maxSnippetChars / 2) {
      end = maxSnippetChars;
    }
    return snippet.substring(0, end).strip() + "…";
  }

  private String failureText(List<SearchOutcome> failed, List<String> callNotes) {
    StringBuilder text =
        new StringBuilder(WebSearchTool.NAME).append(" (").append(search.name()).append(")");
    if (failed.size() == 1) {
      text.append(" failed for \"")
          .append(failed.get(0).query().query())
          .append("\": ")
          .append(message(failed.get(0).failure()))
          .append('\n');
    } else {
      text.append(" failed for every query:\n");
      for (SearchOutcome outcome : failed) {
        text.append("- \"")
            .append(outcome.query().query())
            .append("\": ")
            .append(message(outcome.failure()))
            .append('\n');
      }
    }
    for (String note : callNotes) {
      text.append("Note: ").append(note).append('\n');
    }
    Set<String> advice = new TreeSet<>();
    for (SearchOutcome outcome : failed) {
      advice.add(advice(outcome.failure()));
    }
    advice.forEach(line -> text.append(line).append('\n'));
    return text.toString().strip();
  }

  private static String message(RuntimeException failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }

  private static String advice(RuntimeException failure) {
    if (failure instanceof AuthenticationException || failure instanceof ConfigurationException) {
      return "The search provider is not set up correctly; searching again will not help."
          + " Tell the user what the error says.";
    }
    if (failure instanceof QuotaExceededException) {
      return "The search provider's quota is used up; searching again will not help."
          + " Go on with what you have and tell the user.";
    }
    if (failure instanceof RateLimitException) {
      return "The search provider is limiting requests: search less often, with fewer queries"
          + " at once, or go on with what you have.";
    }
    if (failure instanceof CircuitOpenException) {
      return "The search provider keeps failing and is paused for now; go on with what you have"
          + " or search again later.";
    }
    if (failure instanceof InvalidRequestException) {
      return "Simplify the query or drop filters, then search again.";
    }
    if (failure instanceof CancellationException) {
      return "The run was cancelled.";
    }
    return "Search again, or rephrase the query.";
  }
}
