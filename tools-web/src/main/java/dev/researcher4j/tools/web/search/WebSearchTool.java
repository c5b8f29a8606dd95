package dev.researcher4j.tools.web.search;

import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.tools.web.search.internal.ParallelSearch;
import dev.researcher4j.tools.web.search.internal.SearchArguments;
import dev.researcher4j.tools.web.search.internal.SearchObservation;
import dev.researcher4j.tools.web.search.internal.SearchOutcome;
import dev.researcher4j.tools.web.search.internal.WebSearchSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The {@code web_search} tool: searches the web through a {@link WebSearch} and lists the results
 * for the model, each registered as a source so that it shows as {@code [S3] title — url — snippet
 * (date)} and can be cited.
 *
 * <p>Arguments: {@code query} (a string) or {@code queries} (several strings, run in parallel by
 * the calling thread and helpers on the tool's executor, at most {@link
 * Builder#maxParallelQueries(int)} at a time; the call never waits for an executor thread that does
 * not come, so the run's own bounded pool may be passed), and optional {@code count}, {@code
 * freshness} ({@code day|week|month|year}) or {@code date_from}/{@code date_to}, {@code site} and
 * {@code language}. Results seen under an earlier query of the same call are not listed again. When
 * some queries fail, the others' results are returned with a note; when all fail, the result is an
 * error saying why and what to do.
 *
 * <p>Defaults: {@value #DEFAULT_MAX_PARALLEL_QUERIES} queries at a time, at most {@value
 * #DEFAULT_MAX_QUERIES_PER_CALL} per call, {@value #DEFAULT_COUNT} results per query (at most
 * {@value #DEFAULT_MAX_COUNT}), snippets cut to {@value #DEFAULT_MAX_SNIPPET_CHARS} characters in
 * the text (sources keep them whole). Without an executor of your own, the tool makes a cached pool
 * of daemon threads whose idle threads end after a minute. Thread-safe.
 */
public final class WebSearchTool implements Tool {

  /** The tool's name. */
  public static final String NAME = "web_search";

  /** Default number of queries of one call searched at the same time. */
  public static final int DEFAULT_MAX_PARALLEL_QUERIES = 4;

  /**
   * Default largest number of queries one call may ask for; extra ones are skipped, with a note.
   */
  public static final int DEFAULT_MAX_QUERIES_PER_CALL = 5;

  /** Default number of results per query when the model does not say. */
  public static final int DEFAULT_COUNT = 8;

  /** Default largest number of results per query the model may ask for. */
  public static final int DEFAULT_MAX_COUNT = 20;

  /** Default length at which snippets are cut in the text the model reads. */
  public static final int DEFAULT_MAX_SNIPPET_CHARS = 300;

  // The tool only wires its stages together: reading the arguments, searching, and writing the
  // observation are each a class of their own in the internal package.
  private final SearchArguments arguments;
  private final ParallelSearch searches;
  private final SearchObservation observation;
  private final ToolSpec spec;

  private WebSearchTool(Builder b) {
    Executor executor = b.executor != null ? b.executor : ParallelSearch.defaultExecutor();
    this.arguments = new SearchArguments(b.maxQueriesPerCall, b.defaultCount, b.maxCount);
    this.searches = new ParallelSearch(b.search, executor, b.maxParallelQueries);
    this.observation = new SearchObservation(b.search, b.maxSnippetChars);
    this.spec = WebSearchSpec.of(b.maxQueriesPerCall, b.defaultCount, b.maxCount);
  }

  /** The tool over {@code search}, with the defaults. */
  public static WebSearchTool of(WebSearch search) {
    return builder(search).build();
  }

  /** A builder for the tool over {@code search}. */
  public static Builder builder(WebSearch search) {
    return new Builder(search);
  }

  @Override
  public ToolSpec spec() {
    return spec;
  }

  @Override
  public ToolResult execute(ToolCall call, ToolContext context) throws Exception {
    List<SearchQuery> queries;
    List<String> notes = new ArrayList<>();
    try {
      queries = arguments.queries(call.parsedArguments(), notes);
    } catch (IllegalArgumentException | InvalidRequestException e) {
      return ToolResult.error(NAME + ": " + e.getMessage());
    }
    List<SearchOutcome> outcomes = searches.runAll(queries, context);
    return observation.render(outcomes, notes, context);
  }

  /** Builds a {@link WebSearchTool}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private final WebSearch search;
    private Executor executor;
    private int maxParallelQueries = DEFAULT_MAX_PARALLEL_QUERIES;
    private int maxQueriesPerCall = DEFAULT_MAX_QUERIES_PER_CALL;
    private int defaultCount = DEFAULT_COUNT;
    private int maxCount = DEFAULT_MAX_COUNT;
    private int maxSnippetChars = DEFAULT_MAX_SNIPPET_CHARS;

    private Builder(WebSearch search) {
      this.search = Objects.requireNonNull(search, "search is required, but was null");
    }

    /**
     * Where helper threads for the queries of a call run (the calling thread searches too); the
     * caller keeps ownership and shuts it down. A busy or bounded executor is fine: queries its
     * threads do not pick up are searched by the calling thread. Default: a cached pool of daemon
     * threads owned by the tool.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor is required, but was null");
      return this;
    }

    /**
     * How many queries of one call are searched at the same time, the calling thread included; at
     * least 1.
     */
    public Builder maxParallelQueries(int maxParallelQueries) {
      if (maxParallelQueries < 1) {
        throw new IllegalArgumentException(
            "maxParallelQueries must be >= 1, but was " + maxParallelQueries);
      }
      this.maxParallelQueries = maxParallelQueries;
      return this;
    }

    /** How many queries one call may ask for, at least 1; extra ones are skipped with a note. */
    public Builder maxQueriesPerCall(int maxQueriesPerCall) {
      if (maxQueriesPerCall < 1) {
        throw new IllegalArgumentException(
            "maxQueriesPerCall must be >= 1, but was " + maxQueriesPerCall);
      }
      this.maxQueriesPerCall = maxQueriesPerCall;
      return this;
    }

    /** Results per query when the model does not say, 1 to {@link #maxCount(int)}. */
    public Builder defaultCount(int defaultCount) {
      if (defaultCount < 1) {
        throw new IllegalArgumentException("defaultCount must be >= 1, but was " + defaultCount);
      }
      this.defaultCount = defaultCount;
      return this;
    }

    /** The most results per query the model may ask for, 1 to {@link SearchQuery#MAX_COUNT}. */
    public Builder maxCount(int maxCount) {
      if (maxCount < 1 || maxCount > SearchQuery.MAX_COUNT) {
        throw new IllegalArgumentException(
            "maxCount must be between 1 and " + SearchQuery.MAX_COUNT + ", but was " + maxCount);
      }
      this.maxCount = maxCount;
      return this;
    }

    /** Length at which snippets are cut in the text, at least 20. */
    public Builder maxSnippetChars(int maxSnippetChars) {
      if (maxSnippetChars < 20) {
        throw new IllegalArgumentException(
            "maxSnippetChars must be >= 20, but was " + maxSnippetChars);
      }
      this.maxSnippetChars = maxSnippetChars;
      return this;
    }

    /**
     * Builds the tool.
     *
     * @throws IllegalArgumentException if the default count is above the maximum count
     */
    public WebSearchTool build() {
      if (defaultCount > maxCount) {
        throw new IllegalArgumentException(
            "defaultCount must be <= maxCount (" + maxCount + "), but was " + defaultCount);
      }
      return new WebSearchTool(this);
    }
  }
}
