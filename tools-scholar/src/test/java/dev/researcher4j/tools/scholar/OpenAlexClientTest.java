package dev.researcher4j.tools.scholar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.researcher4j.tools.scholar.TestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.QuotaExceededException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenAlexClientTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String KEY = "oa-secret-key-abcdef";

  private final TestSupport.FakeTime time = new TestSupport.FakeTime();

  private OpenAlexClient.Builder builder() {
    return OpenAlexClient.builder().baseUrl(server.baseUrl()).settings(TestSupport.settings(time));
  }

  private static void stub(String path, int status, String body) {
    server.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  @Test
  void sendsSearchFiltersPoliteMailtoAndKey() {
    stub("/works", 200, fixture("openalex/works-last.json"));

    builder()
        .apiKey(KEY)
        .build()
        .query(
            OpenAlexQuery.builder()
                .search("open access citation advantage")
                .publicationYears(2015, 2020)
                .type("article")
                .openAccess(true)
                .perPage(2)
                .cursor(OpenAlexQuery.FIRST_CURSOR)
                .build());

    server.verify(
        getRequestedFor(urlPathEqualTo("/works"))
            .withQueryParam("search", equalTo("open access citation advantage"))
            .withQueryParam("filter", equalTo("publication_year:2015-2020,type:article,is_oa:true"))
            .withQueryParam("per_page", equalTo("2"))
            .withQueryParam("cursor", equalTo("*"))
            .withQueryParam("mailto", equalTo(TestSupport.EMAIL))
            .withQueryParam("api_key", equalTo(KEY)));
  }

  @Test
  void openYearRangesUseComparisonFilters() {
    stub("/works", 200, fixture("openalex/works-last.json"));
    OpenAlexClient client = builder().build();

    client.search(PaperQuery.builder("x").fromYear(2019).build());
    client.search(PaperQuery.builder("y").toYear(2010).build());

    server.verify(
        getRequestedFor(urlPathEqualTo("/works"))
            .withQueryParam("search", equalTo("x"))
            .withQueryParam("filter", equalTo("publication_year:>2018"))
            .withQueryParam("cursor", absent())
            .withQueryParam("api_key", absent()));
    server.verify(
        getRequestedFor(urlPathEqualTo("/works"))
            .withQueryParam("filter", equalTo("publication_year:<2011")));
  }

  @Test
  void pagesByCursorUntilNextCursorIsNull() {
    server.stubFor(
        get(urlPathEqualTo("/works"))
            .withQueryParam("cursor", equalTo("*"))
            .willReturn(aResponse().withBody(fixture("openalex/works-page1.json"))));
    server.stubFor(
        get(urlPathEqualTo("/works"))
            .withQueryParam(
                "cursor",
                equalTo("IlsxNjA5MzcyODAwMDAwLCAnaHR0cHM6Ly9vcGVuYWxleC5vcmcvVzI0ODg0OTk3NjQnXSI="))
            .willReturn(aResponse().withBody(fixture("openalex/works-last.json"))));
    OpenAlexClient client = builder().apiKey(KEY).build();
    OpenAlexQuery q = OpenAlexQuery.builder().search("oa").perPage(2).cursor("*").build();

    PaperPage first = client.query(q);
    PaperPage last = client.query(q.toBuilder().cursor(first.next()).build());

    assertThat(first.total()).isEqualTo(3);
    assertThat(first.papers()).hasSize(2);
    assertThat(last.papers())
        .extracting(Paper::title)
        .containsExactly("A work with only a display name");
    assertThat(last.hasNext()).isFalse();
  }

  @Test
  void readsWorksRebuildingAbstractsAndFindingArxivIds() {
    stub("/works", 200, fixture("openalex/works-page1.json"));

    List<Paper> papers = builder().build().search(PaperQuery.of("oa"));

    Paper oa = papers.get(0);
    assertThat(oa.otherIds())
        .containsEntry(Paper.ID_OPENALEX, "W2741809807")
        .containsEntry(Paper.ID_PMCID, "PMC5815332")
        .containsEntry(Paper.ID_MAG, "2741809807");
    assertThat(oa.doi()).isEqualTo("10.7717/peerj.4375");
    assertThat(oa.pmid()).isEqualTo("29456894");
    assertThat(oa.abstractText()).isEqualTo("Despite growing interest in Open Access (OA) ... in");
    assertThat(oa.venue()).isEqualTo("PeerJ");
    assertThat(oa.openAccessUrl()).isEqualTo("https://peerj.com/articles/4375.pdf");
    assertThat(oa.citationCount()).hasValue(1100);
    assertThat(oa.referenceCount()).hasValue(74);
    assertThat(oa.type()).isEqualTo(PublicationType.JOURNAL_ARTICLE);
    assertThat(oa.fieldsOfStudy())
        .containsExactly(
            "Decision Sciences", "Statistics, Probability and Uncertainty", "Computer science");
    assertThat(oa.authors()).hasSize(2);
    assertThat(oa.authors().get(0).orcid()).isEqualTo("0000-0003-1613-5981");
    assertThat(oa.authors().get(0).affiliations()).containsExactly("Impactstory");
    assertThat(oa.authors().get(1).affiliations()).containsExactly("Impactstory, Sanford, NC, USA");

    Paper attention = papers.get(1);
    assertThat(attention.arxivId()).isEqualTo("1706.03762");
    assertThat(attention.type()).isEqualTo(PublicationType.PREPRINT);
    assertThat(attention.abstractText()).isEmpty();
    assertThat(attention.referenceCount()).hasValue(2);
  }

  @Test
  void looksUpByDoiOpenAlexIdAndArxivId() {
    stub("/works/doi:10.1038/nature14539", 200, fixture("openalex/work.json"));
    stub("/works/W1938217230", 200, fixture("openalex/work.json"));
    stub("/works/doi:10.48550/arxiv.1706.03762", 200, fixture("openalex/work.json"));
    OpenAlexClient client = builder().build();

    Paper p = client.lookup(PaperId.doi("https://doi.org/10.1038/nature14539")).orElseThrow();
    client.lookup(PaperId.parse("https://openalex.org/W1938217230"));
    client.lookup(PaperId.arxiv("1706.03762v2"));

    assertThat(p.title()).isEqualTo("Deep learning");
    assertThat(p.abstractText())
        .isEqualTo("Deep learning allows computational models that are composed of learning");
    assertThat(p.openAccessUrl()).isEqualTo("https://hal.science/hal-04206682/document");
    assertThat(p.pdfUrl()).isEqualTo("https://hal.science/hal-04206682/document");
    assertThat(p.authors().get(1).affiliations()).containsExactly("Université de Montréal");
    assertThat(p.type()).isEqualTo(PublicationType.REVIEW);
    server.verify(
        getRequestedFor(urlPathEqualTo("/works/doi:10.1038/nature14539"))
            .withQueryParam("mailto", equalTo(TestSupport.EMAIL)));
    server.verify(getRequestedFor(urlPathEqualTo("/works/W1938217230")));
    server.verify(getRequestedFor(urlPathEqualTo("/works/doi:10.48550/arxiv.1706.03762")));
  }

  @Test
  void anUnknownWorkIsEmpty() {
    stub(
        "/works/W9999999999",
        404,
        "{\"error\": \"404 Not Found\", \"message\": \"Work W9999999999 not found\"}");

    assertThat(builder().build().lookup(PaperId.parse("W9999999999"))).isEmpty();
  }

  @Test
  void citationsUseTheCitesFilterAfterResolvingTheWork() {
    stub("/works/doi:10.1038/nature14539", 200, fixture("openalex/work.json"));
    stub("/works", 200, fixture("openalex/works-page1.json"));

    List<Paper> citing = builder().build().citations(PaperId.doi("10.1038/nature14539"), 2);

    assertThat(citing).hasSize(2);
    server.verify(
        getRequestedFor(urlPathEqualTo("/works"))
            .withQueryParam("filter", equalTo("cites:W1938217230"))
            .withQueryParam("sort", equalTo("cited_by_count:desc"))
            .withQueryParam("per_page", equalTo("2"))
            .withQueryParam("page", equalTo("1")));
  }

  @Test
  void referencesUseTheCitedByFilter() {
    stub("/works", 200, fixture("openalex/works-last.json"));

    List<Paper> refs = builder().build().references(PaperId.parse("W1938217230"), 5);

    assertThat(refs).hasSize(1);
    server.verify(
        getRequestedFor(urlPathEqualTo("/works"))
            .withQueryParam("filter", equalTo("cited_by:W1938217230")));
  }

  @Test
  void invalidFiltersAreRejectedWithOpenAlexsMessage() {
    stub("/works", 400, fixture("openalex/invalid-filter.json"));

    assertThatThrownBy(
            () ->
                builder().build().query(OpenAlexQuery.builder().filter("author_name", "x").build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("author_name is not a valid field");
    server.verify(1, getRequestedFor(urlPathEqualTo("/works")));
  }

  @Test
  void aSpentDailyAllowanceIsAQuotaErrorNotRetried() {
    stub("/works", 429, fixture("openalex/daily-limit.json"));

    assertThatThrownBy(() -> builder().apiKey(KEY).build().search(PaperQuery.of("x")))
        .isInstanceOf(QuotaExceededException.class)
        .hasMessageContaining("OPENALEX_API_KEY")
        .hasMessageNotContaining(KEY);
    server.verify(1, getRequestedFor(urlPathEqualTo("/works")));
  }

  @Test
  void http403IsOpenAlexSayingSlowDownAndIsRetried() {
    server.stubFor(
        get(urlPathEqualTo("/works"))
            .inScenario("403")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(403).withBody("{\"error\":\"Rate limit exceeded\"}"))
            .willSetStateTo("ok"));
    server.stubFor(
        get(urlPathEqualTo("/works"))
            .inScenario("403")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withBody(fixture("openalex/works-last.json"))));

    assertThat(builder().build().search(PaperQuery.of("x"))).hasSize(1);
    assertThat(time.sleeps()).hasSize(1);
  }

  @Test
  void aListWithoutResultsIsMalformed() {
    stub("/works", 200, "{\"meta\": {\"count\": 1}}");

    assertThatThrownBy(() -> builder().build().search(PaperQuery.of("x")))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("openalex");
  }

  @Test
  void rebuildsAbstractsIgnoringBrokenPositions() {
    var index =
        dev.researcher4j.tools.scholar.internal.Json.parse(
            "{\"b\": [1], \"a\": [0, \"x\", -4, 99999999], \"c\": \"not-a-list\", \"d\": [3]}",
            "openalex",
            200);

    assertThat(dev.researcher4j.tools.scholar.internal.OpenAlexParser.abstractFrom(index))
        .isEqualTo("a b d");
  }

  @Test
  void readsTheKeyFromTheEnvironment() {
    stub("/works", 200, fixture("openalex/works-last.json"));
    OpenAlexClient client =
        OpenAlexClient.fromEnv(Map.of(OpenAlexClient.API_KEY_ENV, KEY), TestSupport.settings(time));

    assertThat(client.supports(PaperId.Type.DOI)).isTrue();
    assertThat(client.supports(PaperId.Type.SEMANTIC_SCHOLAR)).isFalse();
  }
}
