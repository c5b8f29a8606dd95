package dev.researcher4j.tools.scholar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.researcher4j.tools.scholar.TestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.testing.FakeToolContext;
import dev.researcher4j.testing.ToolContractTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** search_papers end to end: real clients against WireMock stubs of arXiv, S2 and Crossref. */
class SearchPapersToolTest extends ToolContractTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String KEY = "s2-secret-key-0123456789";

  private final TestSupport.FakeTime time = new TestSupport.FakeTime();

  @Override
  protected Tool tool() {
    server.stubFor(
        get(urlPathEqualTo("/arxiv/api/query"))
            .willReturn(aResponse().withBody(fixture("arxiv/search-page1.xml"))));
    server.stubFor(
        get(urlPathEqualTo("/s2/graph/v1/paper/search"))
            .willReturn(aResponse().withBody(fixture("s2/search-page1.json"))));
    server.stubFor(
        get(urlPathEqualTo("/crossref/works"))
            .willReturn(aResponse().withStatus(503).withBody("Service temporarily unavailable")));
    HttpSettings settings = TestSupport.settings(time);
    ScholarSearch search =
        ScholarSearch.builder()
            .add(
                ArxivClient.builder()
                    .baseUrl(server.baseUrl() + "/arxiv/api/query")
                    .settings(settings)
                    .build())
            .add(
                SemanticScholarClient.builder()
                    .baseUrl(server.baseUrl() + "/s2/graph/v1")
                    .settings(settings)
                    .retryPolicy(null)
                    .apiKey(KEY)
                    .build())
            .add(
                CrossrefClient.builder()
                    .baseUrl(server.baseUrl() + "/crossref")
                    .settings(settings)
                    .build())
            .build();
    return new SearchPapersTool(search);
  }

  @Override
  protected String validArguments() {
    return "{\"query\": \"attention transformer\", \"count\": 5}";
  }

  private ToolResult run(Tool tool, String args, FakeToolContext context) throws Exception {
    return tool.execute(new ToolCall("call-1", SearchPapersTool.NAME, args), context);
  }

  @Test
  void showsMergedRankedPapersRegisteredAsSourcesAndNotesTheFailedSource() throws Exception {
    FakeToolContext context = new FakeToolContext();

    ToolResult result = run(tool(), validArguments(), context);

    assertThat(result.error()).isFalse();
    String text = result.content();
    assertThat(text)
        .startsWith("3 papers for \"attention transformer\" (from arXiv, Semantic Scholar)");
    assertThat(text).contains("[S1] Attention is All you Need (2017)");
    assertThat(text).contains("cited by 128000").contains("arXiv:1706.03762");
    assertThat(text)
        .contains("Note: some sources failed")
        .contains("Crossref failed")
        .contains("503");
    assertThat(text).doesNotContain(KEY);
    Source s1 = context.sources().get(0);
    assertThat(s1.id()).isEqualTo("S1");
    assertThat(s1.kind()).isEqualTo(Source.Kind.PAPER);
    assertThat(s1.url()).isEqualTo("https://arxiv.org/abs/1706.03762");
    assertThat(s1.excerpts()).singleElement().asString().startsWith("The dominant sequence");
    assertThat(s1.attributes())
        .containsEntry("arxiv", "1706.03762")
        .containsEntry("s2", "204e3073870fae3d05bcbc2f6a8e263d9b72e776")
        .containsEntry("year", "2017")
        .containsEntry("sources", "arxiv,semantic_scholar");
    assertThat(context.sources()).hasSize(3);
  }

  @Test
  void searchesOnlyTheSourcesAsked() throws Exception {
    ToolResult result =
        run(
            tool(),
            "{\"query\": \"x\", \"sources\": [\"arxiv\"], \"year_from\": 2015}",
            new FakeToolContext());

    assertThat(result.content()).contains("(from arXiv)").doesNotContain("Crossref");
    server.verify(
        0,
        com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
            urlPathEqualTo("/s2/graph/v1/paper/search")));
  }

  @Test
  void badArgumentsBecomeErrorsTheModelCanFix() throws Exception {
    Tool tool = tool();
    assertThat(
            run(tool, "{\"query\": \"x\", \"year_from\": \"last year\"}", new FakeToolContext())
                .content())
        .contains("'year_from' must be a whole number");
    assertThat(
            run(
                    tool,
                    "{\"query\": \"x\", \"year_from\": 2020, \"year_to\": 2010}",
                    new FakeToolContext())
                .content())
        .contains("fromYear must be <= toYear");
    ToolResult unknown =
        run(tool, "{\"query\": \"x\", \"sources\": [\"scopus\"]}", new FakeToolContext());
    assertThat(unknown.error()).isTrue();
    assertThat(unknown.content()).contains("available: arxiv, semantic_scholar, crossref");
  }

  @Test
  void aRejectedKeyIsNamedButNeverShownInTheObservation() throws Exception {
    Tool tool = tool();
    server.stubFor(
        get(urlPathEqualTo("/s2/graph/v1/paper/search"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody("{\"message\": \"Forbidden: key " + KEY + " is not valid\"}")));

    ToolResult result =
        run(tool, "{\"query\": \"x\", \"sources\": [\"semantic_scholar\"]}", new FakeToolContext());

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("SEMANTIC_SCHOLAR_API_KEY").doesNotContain(KEY);
  }

  @Test
  void failsOnlyWhenEverySourceFails() throws Exception {
    ToolResult result =
        run(tool(), "{\"query\": \"x\", \"sources\": \"crossref\"}", new FakeToolContext());

    assertThat(result.error()).isTrue();
    assertThat(result.content()).startsWith("No source could be searched.").contains("Crossref");
  }
}
