package dev.researcher4j.tools.web.search;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.researcher4j.api.AuthenticationException;
import dev.researcher4j.api.QuotaExceededException;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.core.http.CircuitBreakerPolicy;
import dev.researcher4j.core.http.RetryPolicy;
import dev.researcher4j.testing.FakeToolContext;
import dev.researcher4j.testing.RecordingSleeper;
import dev.researcher4j.testing.ToolContractTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

// A concurrency bug shows as a hang; fail the test instead of the build.
@Timeout(60)
class WebSearchToolTest extends ToolContractTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String TAVILY_KEY = "tvly-dev-9f8e7d6c5b4a3f2e1d0c";

  /** Latch waits are a safety net against a hang, not a timing assumption. */
  private static final long WAIT_SECONDS = 10;

  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final ExecutorService caller = Executors.newSingleThreadExecutor();
  private final FakeToolContext context = new FakeToolContext();

  @BeforeEach
  void stubDuckDuckGo() {
    server.stubFor(
        post(urlPathEqualTo("/html/"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html; charset=UTF-8")
                    .withBody(fixture("ddg-success.html"))));
  }

  @AfterEach
  void stopThreads() {
    pool.shutdownNow();
    caller.shutdownNow();
  }

  @Override
  protected Tool tool() {
    WebSearch ddg =
        WebSearch.create(
            WebSearchConfig.builder(WebSearchProvider.DUCKDUCKGO)
                .baseUrl(server.baseUrl())
                .sleeper(new RecordingSleeper())
                .circuitBreaker(CircuitBreakerPolicy.disabled())
                .build());
    return WebSearchTool.builder(ddg).executor(pool).build();
  }

  @Override
  protected String validArguments() {
    return "{\"query\": \"history of the printing press\"}";
  }

  private static String fixture(String name) {
    try (InputStream in = WebSearchToolTest.class.getResourceAsStream("/search/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A search that answers with {@code answer} and remembers every query it was asked. */
  private static final class FakeSearch implements WebSearch {
    final List<SearchQuery> asked = Collections.synchronizedList(new ArrayList<>());
    final Function<SearchQuery, SearchResults> answer;

    FakeSearch(Function<SearchQuery, SearchResults> answer) {
      this.answer = answer;
    }

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public SearchResults search(SearchQuery query) {
      asked.add(query);
      return answer.apply(query);
    }
  }

  private static SearchResults results(SearchQuery query, SearchResult... results) {
    return new SearchResults("fake", query.query(), List.of(results), List.of());
  }

  private static SearchResult result(String title, String url, String snippet, int rank) {
    return SearchResult.of(title, url, snippet, "fake", rank);
  }

  private ToolResult call(WebSearchTool tool, String arguments) throws Exception {
    return tool.execute(new ToolCall("call-1", "web_search", arguments), context);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("latch not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void listsResultsAsCitableSourcesWithSnippetAndDate() throws Exception {
    FakeSearch search =
        new FakeSearch(
            q ->
                results(
                    q,
                    result("Tokio", "https://tokio.rs/", "An async runtime for Rust.", 1)
                        .withPublishedDate(LocalDate.of(2024, 11, 2)),
                    result("smol", "https://github.com/smol-rs/smol", "", 2)));
    context.registerSource(Source.web("https://earlier.example/", "Seen before", ""));

    ToolResult result = call(WebSearchTool.of(search), "{\"query\": \"rust async runtime\"}");

    assertThat(result.error()).isFalse();
    assertThat(result.content())
        .startsWith("Web search (fake):\n\n\"rust async runtime\" — 2 results\n")
        .contains("[S2] Tokio — https://tokio.rs/ — An async runtime for Rust. (2024-11-02)\n")
        .contains("[S3] smol — https://github.com/smol-rs/smol\n")
        .contains("Cite results by their [S#] id");
    Source tokio = context.sources().get(1);
    assertThat(tokio.kind()).isEqualTo(Source.Kind.WEB);
    assertThat(tokio.title()).isEqualTo("Tokio");
    assertThat(tokio.excerpts()).containsExactly("An async runtime for Rust.");
    assertThat(tokio.attributes())
        .containsEntry("published", "2024-11-02")
        .containsEntry("search_provider", "fake")
        .containsEntry("search_rank", "1")
        .containsEntry("search_query", "rust async runtime");
    assertThat(context.sources().get(2).excerpts()).isEmpty();
  }

  @Test
  void passesTheFiltersToTheSearch() throws Exception {
    FakeSearch search = new FakeSearch(q -> results(q));

    call(
        WebSearchTool.of(search),
        "{\"query\": \"webb\", \"count\": 50, \"date_from\": \"2022-07-01\","
            + " \"date_to\": \"2022-07-31\", \"site\": \"nasa.gov\", \"language\": \"en\"}");

    SearchQuery asked = search.asked.get(0);
    assertThat(asked.count()).isEqualTo(WebSearchTool.DEFAULT_MAX_COUNT);
    assertThat(asked.dateFrom()).contains(LocalDate.of(2022, 7, 1));
    assertThat(asked.dateTo()).contains(LocalDate.of(2022, 7, 31));
    assertThat(asked.site()).contains("nasa.gov");
    assertThat(asked.language()).contains("en");
  }

  @Test
  void usesTheDefaultCountAndReadsFreshness() throws Exception {
    FakeSearch search = new FakeSearch(q -> results(q));

    call(WebSearchTool.of(search), "{\"query\": \"webb\", \"freshness\": \"week\"}");

    assertThat(search.asked.get(0).count()).isEqualTo(WebSearchTool.DEFAULT_COUNT);
    assertThat(search.asked.get(0).freshness()).contains(Freshness.WEEK);
  }

  @Test
  void runsSeveralQueriesAtTheSameTime() throws Exception {
    CountDownLatch allStarted = new CountDownLatch(3);
    CountDownLatch release = new CountDownLatch(1);
    FakeSearch search =
        new FakeSearch(
            q -> {
              allStarted.countDown();
              await(release); // no search can finish before all three have started
              return results(q, result(q.query(), "https://example.org/" + q.query(), "", 1));
            });
    WebSearchTool tool = WebSearchTool.builder(search).executor(pool).maxParallelQueries(3).build();

    Future<ToolResult> running =
        caller.submit(() -> call(tool, "{\"queries\": [\"alpha\", \"beta\", \"gamma\"]}"));
    await(allStarted);
    release.countDown();
    ToolResult result = running.get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(result.error()).isFalse();
    assertThat(result.content())
        .contains("Web search (fake), 3 queries:")
        .containsSubsequence("\"alpha\" — 1 result", "\"beta\" — 1 result", "\"gamma\" — 1 result");
  }

  @Test
  void neverRunsMoreQueriesAtOnceThanAllowed() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    CountDownLatch twoStarted = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    FakeSearch search =
        new FakeSearch(
            q -> {
              mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
              twoStarted.countDown();
              await(release);
              running.decrementAndGet();
              return results(q);
            });
    WebSearchTool tool = WebSearchTool.builder(search).executor(pool).maxParallelQueries(2).build();

    Future<ToolResult> call =
        caller.submit(() -> call(tool, "{\"queries\": [\"a\", \"b\", \"c\", \"d\"]}"));
    await(twoStarted);
    release.countDown();
    call.get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(search.asked).hasSize(4);
    assertThat(mostAtOnce.get()).isEqualTo(2);
  }

  @Test
  void searchesEveryQueryEvenWhenTheExecutorNeverRunsItsTasks() throws Exception {
    List<Runnable> neverRun = Collections.synchronizedList(new ArrayList<>());
    FakeSearch search = new FakeSearch(q -> results(q));
    WebSearchTool tool = WebSearchTool.builder(search).executor(neverRun::add).build();

    ToolResult result = call(tool, "{\"queries\": [\"a\", \"b\", \"c\"]}");

    assertThat(result.error()).isFalse();
    assertThat(search.asked).extracting(SearchQuery::query).containsExactly("a", "b", "c");
    assertThat(neverRun).hasSize(2);
    neverRun.forEach(Runnable::run); // a helper that starts late finds nothing left to do
    assertThat(search.asked).hasSize(3);
  }

  @Test
  void searchesEveryQueryWhenTheExecutorRejectsWork() throws Exception {
    FakeSearch search = new FakeSearch(q -> results(q));
    Executor rejecting =
        task -> {
          throw new RejectedExecutionException("shut down");
        };
    WebSearchTool tool = WebSearchTool.builder(search).executor(rejecting).build();

    ToolResult result = call(tool, "{\"queries\": [\"a\", \"b\", \"c\"]}");

    assertThat(result.error()).isFalse();
    assertThat(search.asked).hasSize(3);
  }

  @Test
  void oneFailedQueryDegradesTheAnswerInsteadOfFailingIt() throws Exception {
    FakeSearch search =
        new FakeSearch(
            q -> {
              if (q.query().equals("beta")) {
                throw new RateLimitException("fake: rate limited (HTTP 429)");
              }
              return results(q, result(q.query(), "https://example.org/" + q.query(), "", 1));
            });

    ToolResult result =
        call(
            WebSearchTool.builder(search).executor(pool).build(),
            "{\"queries\": [\"alpha\", \"beta\", \"gamma\"]}");

    assertThat(result.error()).isFalse();
    assertThat(result.content())
        .contains("Note: 1 of 3 queries failed")
        .contains("\"beta\" — failed: fake: rate limited (HTTP 429)")
        .contains("[S1] alpha")
        .contains("[S2] gamma");
  }

  @Test
  void whenEveryQueryFailsTheResultIsAnErrorSayingWhyAndWhatToDo() throws Exception {
    FakeSearch search =
        new FakeSearch(
            q -> {
              throw q.query().equals("alpha")
                  ? new RateLimitException("fake: rate limited (HTTP 429)")
                  : new QuotaExceededException("fake: quota or credit exhausted (HTTP 432)");
            });

    ToolResult result =
        call(
            WebSearchTool.builder(search).executor(pool).build(),
            "{\"queries\": [\"alpha\", \"beta\"]}");

    assertThat(result.error()).isTrue();
    assertThat(result.content())
        .startsWith("web_search (fake) failed for every query:")
        .contains("- \"alpha\": fake: rate limited (HTTP 429)")
        .contains("- \"beta\": fake: quota or credit exhausted (HTTP 432)")
        .contains("search less often")
        .contains("quota is used up; searching again will not help");
    assertThat(context.sources()).isEmpty();
  }

  @Test
  void aSingleFailedQueryIsAnError() throws Exception {
    FakeSearch search =
        new FakeSearch(
            q -> {
              throw new AuthenticationException("fake: credentials rejected. Fix: set FAKE_KEY.");
            });

    ToolResult result = call(WebSearchTool.of(search), "{\"query\": \"alpha\"}");

    assertThat(result.error()).isTrue();
    assertThat(result.content())
        .isEqualTo(
            "web_search (fake) failed for \"alpha\": fake: credentials rejected. Fix: set"
                + " FAKE_KEY.\nThe search provider is not set up correctly; searching again will"
                + " not help. Tell the user what the error says.");
  }

  @Test
  void aRejectedKeyNeverShowsTheKeyToTheModel() throws Exception {
    server.stubFor(
        post(urlPathEqualTo("/search"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"detail\": {\"error\": \"Unauthorized: invalid API key "
                            + TAVILY_KEY
                            + "\"}}")));
    WebSearch tavily =
        WebSearch.create(
            WebSearchConfig.builder(WebSearchProvider.TAVILY)
                .apiKey(TAVILY_KEY)
                .baseUrl(server.baseUrl())
                .retryPolicy(RetryPolicy.none())
                .circuitBreaker(CircuitBreakerPolicy.disabled())
                .build());

    ToolResult result = call(WebSearchTool.of(tavily), "{\"query\": \"webb\"}");

    assertThat(result.error()).isTrue();
    assertThat(result.content())
        .doesNotContain(TAVILY_KEY)
        .contains("TAVILY_API_KEY")
        .contains("invalid API key ***");
  }

  @Test
  void aResultFoundByTwoQueriesIsListedOnce() throws Exception {
    FakeSearch search =
        new FakeSearch(
            q ->
                results(
                    q,
                    result("Shared", "https://example.org/shared/", "", 1),
                    result(q.query(), "https://example.org/" + q.query(), "", 2)));

    ToolResult result =
        call(
            WebSearchTool.builder(search).executor(pool).build(),
            "{\"queries\": [\"alpha\", \"beta\"]}");

    assertThat(result.content())
        .contains("\"alpha\" — 2 results\n[S1] Shared")
        .contains("\"beta\" — 1 result (1 more already listed above)\n[S3] beta");
    assertThat(context.sources()).hasSize(3);
  }

  @Test
  void noResultsIsAnAnswerWithAHintNotAnError() throws Exception {
    FakeSearch search = new FakeSearch(q -> results(q));

    ToolResult result = call(WebSearchTool.of(search), "{\"query\": \"zxqv plorth\"}");

    assertThat(result.error()).isFalse();
    assertThat(result.content())
        .contains(
            "\"zxqv plorth\" — no results. Try other words, a broader query or fewer filters.")
        .doesNotContain("Cite results");
  }

  @Test
  void showsTheProvidersNotes() throws Exception {
    FakeSearch search =
        new FakeSearch(
            q -> new SearchResults("fake", q.query(), List.of(), List.of("fake ignores language")));

    ToolResult result = call(WebSearchTool.of(search), "{\"query\": \"x\", \"language\": \"de\"}");

    assertThat(result.content()).contains("Note: fake ignores language");
  }

  @Test
  void extraQueriesAreSkippedWithANoteAndDuplicatesSearchedOnce() throws Exception {
    FakeSearch search = new FakeSearch(q -> results(q));
    WebSearchTool tool = WebSearchTool.builder(search).executor(pool).maxQueriesPerCall(2).build();

    ToolResult result = call(tool, "{\"query\": \"a\", \"queries\": [\"A\", \"b\", \"c\", \"d\"]}");

    assertThat(search.asked).extracting(SearchQuery::query).containsExactlyInAnyOrder("a", "b");
    assertThat(result.content())
        .contains("Note: only the first 2 queries were searched; skipped: \"c\", \"d\"");
  }

  @Test
  void cutsLongSnippetsInTheTextButKeepsThemWholeInTheSource() throws Exception {
    String snippet = "word ".repeat(100).strip();
    FakeSearch search =
        new FakeSearch(q -> results(q, result("Long", "https://example.org/", snippet, 1)));
    WebSearchTool tool = WebSearchTool.builder(search).maxSnippetChars(40).build();

    ToolResult result = call(tool, "{\"query\": \"x\"}");

    assertThat(result.content()).contains("— word word word word word word word word…\n");
    assertThat(context.sources().get(0).excerpts()).containsExactly(snippet);
  }

  @Test
  void badArgumentsAreErrorResultsThatSayWhatIsWrong() throws Exception {
    WebSearchTool tool = WebSearchTool.of(new FakeSearch(q -> results(q)));

    Map<String, String> cases =
        Map.of(
            "{}",
            "give \"query\"",
            "{\"query\": \"  \"}",
            "give \"query\"",
            "{\"query\": 42}",
            "query must be text",
            "{\"queries\": [\"a\", 7]}",
            "queries must be text",
            "{\"query\": \"x\", \"freshness\": \"decade\"}",
            "freshness must be one of day, week, month, year",
            "{\"query\": \"x\", \"date_from\": \"last spring\"}",
            "date_from must be a date like 2024-05-31",
            "{\"query\": \"x\", \"count\": \"many\"}",
            "count must be a whole number",
            "{\"query\": \"x\", \"freshness\": \"day\", \"date_to\": \"2024-01-01\"}",
            "freshness and a date range cannot both be set",
            "{\"query\": \"x\", \"site\": \"not a site\"}",
            "site must be a host name",
            "{\"query\": ",
            "not valid JSON");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      ToolResult result = call(tool, c.getKey());

      assertThat(result.error()).as(c.getKey()).isTrue();
      assertThat(result.content()).as(c.getKey()).startsWith("web_search: ").contains(c.getValue());
    }
  }

  @Test
  void aCancelledRunSearchesNothing() throws Exception {
    FakeSearch search = new FakeSearch(q -> results(q));
    context.cancel();

    ToolResult result = call(WebSearchTool.of(search), "{\"query\": \"x\"}");

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("The run was cancelled.");
    assertThat(search.asked).isEmpty();
  }

  @Test
  void searchesDuckDuckGoEndToEnd() throws Exception {
    ToolResult result = tool().execute(new ToolCall("c", "web_search", validArguments()), context);

    assertThat(result.content())
        .contains("Web search (duckduckgo):")
        .contains(
            "[S1] Printing press - Wikipedia — https://en.wikipedia.org/wiki/Printing_press — A"
                + " printing press is a mechanical device")
        .contains("https://www.britannica.com/technology/printing-press?page=2")
        .contains("(2025-08-14)");
    assertThat(context.sources()).hasSize(3);
  }

  @Test
  void theBuilderRejectsBadLimits() {
    WebSearchTool.Builder b = WebSearchTool.builder(new FakeSearch(q -> results(q)));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.maxParallelQueries(0))
        .hasMessage("maxParallelQueries must be >= 1, but was 0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.maxCount(51))
        .hasMessage("maxCount must be between 1 and 50, but was 51");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.defaultCount(30).build())
        .hasMessage("defaultCount must be <= maxCount (20), but was 30");
  }
}
