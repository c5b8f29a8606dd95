package dev.researcher4j.tools.web.search.internal;

import dev.researcher4j.api.ToolContext;
import dev.researcher4j.tools.web.search.SearchQuery;
import dev.researcher4j.tools.web.search.WebSearch;
import dev.researcher4j.tools.web.search.WebSearchTool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * Runs the queries of one {@code web_search} call through a {@link WebSearch}, at most {@code
 * maxParallelQueries} at a time, on the calling thread and helpers on an executor. A query that
 * fails becomes a failed {@link SearchOutcome}; only the run's cancellation seen on the calling
 * thread is thrown. Thread-safe; the executor stays the caller's.
 */
public final class ParallelSearch {

  // Logged under the tool's name, which is what users set log levels for.
  private static final Logger LOG = LoggerFactory.getLogger(WebSearchTool.class);

  private final WebSearch search;
  private final Executor executor;
  private final int maxParallelQueries;

  /** Searches through {@code search} with helpers on {@code executor}. */
  public ParallelSearch(WebSearch search, Executor executor, int maxParallelQueries) {
    this.search = search;
    this.executor = executor;
    this.maxParallelQueries = maxParallelQueries;
  }

  /**
   * A cached pool of daemon threads named {@code web-search-N} whose idle threads end after a
   * minute: the executor of a tool built without one.
   */
  public static ExecutorService defaultExecutor() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        runnable -> {
          Thread thread = new Thread(runnable, "web-search-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return Executors.newCachedThreadPool(threads);
  }

  /**
   * The outcome of every query, in the order of {@code queries}.
   *
   * @throws InterruptedException if the calling thread is interrupted while waiting for a helper
   * @throws CancellationException if the run is cancelled while the calling thread searches
   */
  public List<SearchOutcome> runAll(List<SearchQuery> queries, ToolContext context)
      throws InterruptedException {
    int n = queries.size();
    if (n == 1) {
      return List.of(runOne(queries.get(0), context, true));
    }
    SearchOutcome[] outcomes = new SearchOutcome[n];
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
      SearchOutcome[] outcomes,
      AtomicInteger next,
      ToolContext context,
      boolean onCallingThread) {
    for (int i = next.getAndIncrement(); i < queries.size(); i = next.getAndIncrement()) {
      outcomes[i] = runOne(queries.get(i), context, onCallingThread);
    }
  }

  private SearchOutcome runOne(SearchQuery query, ToolContext context, boolean onCallingThread) {
    if (context.isCancelled()) {
      return new SearchOutcome(query, null, new CancellationException("the run was cancelled"));
    }
    try {
      return new SearchOutcome(query, search.search(query), null);
    } catch (CancellationException e) {
      if (onCallingThread) {
        throw e; // the run is being cancelled: do not turn that into an observation
      }
      return new SearchOutcome(query, null, e);
    } catch (RuntimeException e) {
      LOG.debug("{}: search for '{}' failed: {}", search.name(), query.query(), e.toString());
      return new SearchOutcome(query, null, e);
    }
  }
}
