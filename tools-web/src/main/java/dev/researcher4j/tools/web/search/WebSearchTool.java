package dev.researcher4j.tools.web.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.AuthenticationException;
import dev.researcher4j.api.CircuitOpenException;
import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.QuotaExceededException;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.core.http.UrlNormalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  private static final Logger LOG = LoggerFactory.getLogger(WebSearchTool.class);

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

  private final WebSearch search;
  private final Executor executor;
  private final int maxParallelQueries;
  private final int maxQueriesPerCall;
  private final int defaultCount;
  private final int maxCount;
  private final int maxSnippetChars;
  private final ToolSpec spec;

  private WebSearchTool(Builder b) {
    this.search = b.search;
    this.executor = b.executor != null ? b.executor : defaultExecutor();
    this.maxParallelQueries = b.maxParallelQueries;
    this.maxQueriesPerCall = b.maxQueriesPerCall;
    this.defaultCount = b.defaultCount;
    this.maxCount = b.maxCount;
    this.maxSnippetChars = b.maxSnippetChars;
    this.spec = makeSpec();
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
      queries = queries(call.parsedArguments(), notes);
    } catch (IllegalArgumentException | InvalidRequestException e) {
      return ToolResult.error(NAME + ": " + e.getMessage());
    }
    List<Outcome> outcomes = runAll(queries, context);
    return render(outcomes, notes, context);
  }

  // ---------------------------------------------------------------- arguments

  private List<SearchQuery> queries(JsonNode args, List<String> notes) {
    Set<String> texts = new LinkedHashSet<>();
    Set<String> seen = new HashSet<>();
    addQuery(args.get("query"), "query", texts, seen);
    JsonNode many = args.get("queries");
    if (many != null && !many.isNull()) {
      if (many.isArray()) {
        for (JsonNode item : many) {
          addQuery(item, "queries", texts, seen);
        }
      } else {
        addQuery(many, "queries", texts, seen);
      }
    }
    if (texts.isEmpty()) {
      throw new IllegalArgumentException(
          "give \"query\" (what to search for) or \"queries\" (a list of searches)");
    }
    List<String> all = new ArrayList<>(texts);
    if (all.size() > maxQueriesPerCall) {
      notes.add(
          "only the first "
              + maxQueriesPerCall
              + " queries were searched; skipped: "
              + quoted(all.subList(maxQueriesPerCall, all.size())));
      all = all.subList(0, maxQueriesPerCall);
    }
    SearchQuery template = template(args);
    List<SearchQuery> queries = new ArrayList<>();
    for (String text : all) {
      queries.add(template.toBuilder().query(text).build());
    }
    return queries;
  }

  private static void addQuery(JsonNode node, String field, Set<String> texts, Set<String> seen) {
    if (node == null || node.isNull()) {
      return;
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException(
          field
              + " must be text, but was "
              + node.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    String text = node.asText().strip();
    if (!text.isEmpty() && seen.add(text.toLowerCase(Locale.ROOT))) {
      texts.add(text);
    }
  }

  /** A query holding the call's filters, to be copied for each query text. */
  private SearchQuery template(JsonNode args) {
    SearchQuery.Builder b = SearchQuery.builder("placeholder").count(defaultCount);
    JsonNode count = args.get("count");
    if (count != null && !count.isNull()) {
      if (!count.isNumber() && !(count.isTextual() && count.asText().strip().matches("\\d+"))) {
        throw new IllegalArgumentException("count must be a whole number, but was " + count);
      }
      b.count(Math.max(1, Math.min(maxCount, count.asInt())));
    }
    String freshness = optionalText(args, "freshness");
    if (freshness != null) {
      b.freshness(Freshness.parse(freshness));
    }
    LocalDate from = optionalDate(args, "date_from");
    LocalDate to = optionalDate(args, "date_to");
    if (from != null || to != null) {
      b.dateRange(from, to);
    }
    b.site(optionalText(args, "site"));
    b.language(optionalText(args, "language"));
    return b.build();
  }

  private static String optionalText(JsonNode args, String field) {
    JsonNode node = args.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException(field + " must be text, but was " + node);
    }
    return node.asText().isBlank() ? null : node.asText().strip();
  }

  private static LocalDate optionalDate(JsonNode args, String field) {
    String text = optionalText(args, field);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field + " must be a date like 2024-05-31, but was '" + text + "'");
    }
  }

  // ---------------------------------------------------------------- running

  /** One query's outcome: results, or the failure. */
  private record Outcome(SearchQuery query, SearchResults results, RuntimeException failure) {}

  private List<Outcome> runAll(List<SearchQuery> queries, ToolContext context)
      throws InterruptedException {
    int n = queries.size();
    if (n == 1) {
      return List.of(runOne(queries.get(0), context, true));
    }
    Outcome[] outcomes = new Outcome[n];
    AtomicInteger next = new AtomicInteger();
    // Workers take queries in turn, so one call never searches more than maxParallelQueries at
    // once however many queries it has. The calling thread is one of them: the call makes
    // progress even when the executor has no free thread (say it is the run's own bounded pool,
    // busy with this very call), and helpers that have not started by the time it is done are
    // claimed back instead of waited for.
    List<AtomicBoolean> claims = new ArrayList<>();
    List<FutureTask<Void>> helpers = new ArrayList<>();
    for (int w = 1; w < Math.min(maxParallelQueries, n); w++) {
      AtomicBoolean claimed = new AtomicBoolean();
      FutureTask<Void> helper =
          new FutureTask<>(
              () -> {
                if (claimed.compareAndSet(false, true)) {
                  drain(queries, outcomes, next, context, false);
                }
              },
              null);
      try {
        executor.execute(helper);
      } catch (RejectedExecutionException rejected) {
        continue; // a saturated or shut-down executor: the calling thread does the work
      }
      claims.add(claimed);
      helpers.add(helper);
    }
    try {
      drain(queries, outcomes, next, context, true);
      for (int i = 0; i < helpers.size(); i++) {
        if (!claims.get(i).compareAndSet(false, true)) {
          helpers.get(i).get(); // it is searching: wait for its last query
        }
      }
    } catch (InterruptedException | RuntimeException e) {
      helpers.forEach(helper -> helper.cancel(true));
      throw e;
    } catch (ExecutionException e) {
      // drain catches every RuntimeException, so this is an Error: let it through.
      helpers.forEach(helper -> helper.cancel(true));
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("web search worker failed", e.getCause());
    }
    return Arrays.asList(outcomes);
  }

  private void drain(
      List<SearchQuery> queries,
      Outcome[] outcomes,
      AtomicInteger next,
      ToolContext context,
      boolean onCallingThread) {
    for (int i = next.getAndIncrement(); i < queries.size(); i = next.getAndIncrement()) {
      outcomes[i] = runOne(queries.get(i), context, onCallingThread);
    }
  }

  private Outcome runOne(SearchQuery query, ToolContext context, boolean onCallingThread) {
    if (context.isCancelled()) {
      return new Outcome(query, null, new CancellationException("the run was cancelled"));
    }
    try {
      return new Outcome(query, search.search(query), null);
    } catch (CancellationException e) {
      if (onCallingThread) {
        throw e; // the run is being cancelled: do not turn that into an observation
      }
      return new Outcome(query, null, e);
    } catch (RuntimeException e) {
      LOG.debug("{}: search for '{}' failed: {}", search.name(), query.query(), e.toString());
      return new Outcome(query, null, e);
    }
  }

  // ---------------------------------------------------------------- rendering

  private ToolResult render(List<Outcome> outcomes, List<String> callNotes, ToolContext context) {
    List<Outcome> failed = outcomes.stream().filter(o -> o.failure() != null).toList();
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
    for (Outcome outcome : outcomes) {
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
      Outcome outcome,
      Set<String> listed,
      List<Source> sources,
      ToolContext context,
      StringBuilder text) {
    text.append('"').append(outcome.query().query()).append("\" — ");
    if (outcome.failure() != null) {
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

  private String failureText(List<Outcome> failed, List<String> callNotes) {
    StringBuilder text = new StringBuilder(NAME).append(" (").append(search.name()).append(")");
    if (failed.size() == 1) {
      text.append(" failed for \"")
          .append(failed.get(0).query().query())
          .append("\": ")
          .append(message(failed.get(0).failure()))
          .append('\n');
    } else {
      text.append(" failed for every query:\n");
      for (Outcome outcome : failed) {
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
    for (Outcome outcome : failed) {
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

  private static String quoted(List<String> texts) {
    List<String> quoted = new ArrayList<>();
    for (String text : texts) {
      quoted.add('"' + text + '"');
    }
    return String.join(", ", quoted);
  }

  // ---------------------------------------------------------------- spec

  private ToolSpec makeSpec() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode schema = f.objectNode();
    schema.put("type", "object");
    ObjectNode props = schema.putObject("properties");
    props
        .putObject("query")
        .put("type", "string")
        .put("description", "What to search for: keywords or a short question.");
    ObjectNode queries = props.putObject("queries");
    queries.put("type", "array");
    queries.putObject("items").put("type", "string");
    queries.put("maxItems", maxQueriesPerCall);
    queries.put(
        "description",
        "Several different searches to run at once, instead of query (at most "
            + maxQueriesPerCall
            + "). Use it to cover several angles of a question in one step.");
    props
        .putObject("count")
        .put("type", "integer")
        .put("minimum", 1)
        .put("maximum", maxCount)
        .put(
            "description",
            "Results per query (default " + defaultCount + ", at most " + maxCount + ").");
    ObjectNode freshness = props.putObject("freshness");
    freshness.put("type", "string");
    ArrayNode values = freshness.putArray("enum");
    for (Freshness value : Freshness.values()) {
      values.add(value.id());
    }
    freshness.put(
        "description",
        "Only results published in the last day, week, month or year. Not with date_from/date_to.");
    props
        .putObject("date_from")
        .put("type", "string")
        .put("description", "Only results published on or after this date, as YYYY-MM-DD.");
    props
        .putObject("date_to")
        .put("type", "string")
        .put("description", "Only results published on or before this date, as YYYY-MM-DD.");
    props
        .putObject("site")
        .put("type", "string")
        .put("description", "Only results from this site, e.g. \"arxiv.org\".");
    props
        .putObject("language")
        .put("type", "string")
        .put("description", "Language of the results as an ISO 639 code, e.g. \"en\" or \"de\".");
    return ToolSpec.of(
        NAME,
        "Search the web. Returns a list of results, each with a source id [S#] to cite, title,"
            + " URL, snippet and publication date when known. Give one query, or several"
            + " different queries at once (queries) to search them in parallel. Snippets are"
            + " short: read the most promising pages before relying on them.",
        schema);
  }

  private static ExecutorService defaultExecutor() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        runnable -> {
          Thread thread = new Thread(runnable, "web-search-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return Executors.newCachedThreadPool(threads);
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
