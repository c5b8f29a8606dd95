package dev.researcher4j.tools.scholar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.researcher4j.tools.scholar.TestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.researcher4j.api.AuthenticationException;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.ServerErrorException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SemanticScholarClientTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String KEY = "s2-secret-key-0123456789";

  private final TestSupport.FakeTime time = new TestSupport.FakeTime();

  private SemanticScholarClient.Builder builder() {
    return SemanticScholarClient.builder()
        .baseUrl(server.baseUrl() + "/graph/v1")
        .settings(TestSupport.settings(time))
        .retryPolicy(null);
  }

  private static void stubJson(String path, int status, String body) {
    server.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  @Test
  void searchSendsQueryFieldsPagingYearsAndTheApiKeyHeader() {
    stubJson("/graph/v1/paper/search", 200, fixture("s2/search-page1.json"));

    builder()
        .apiKey(KEY)
        .build()
        .search(
            PaperQuery.builder("attention transformer")
                .fromYear(2016)
                .toYear(2020)
                .limit(2)
                .build(),
            0);

    server.verify(
        getRequestedFor(urlPathEqualTo("/graph/v1/paper/search"))
            .withQueryParam("query", equalTo("attention transformer"))
            .withQueryParam("offset", equalTo("0"))
            .withQueryParam("limit", equalTo("2"))
            .withQueryParam("year", equalTo("2016-2020"))
            .withQueryParam("fields", equalTo(SemanticScholarClient.DEFAULT_FIELDS))
            .withHeader("x-api-key", equalTo(KEY)));
  }

  @Test
  void sendsNoKeyHeaderWithoutAKeyAndOpenYearRanges() {
    stubJson("/graph/v1/paper/search", 200, fixture("s2/search-page1.json"));

    builder().build().search(PaperQuery.builder("self-attention").fromYear(2019).build(), 0);

    server.verify(
        getRequestedFor(urlPathEqualTo("/graph/v1/paper/search"))
            .withQueryParam("query", equalTo("self attention"))
            .withQueryParam("year", equalTo("2019-"))
            .withHeader("x-api-key", absent()));
  }

  @Test
  void readsSearchPagesToleratingNullsAndExtraFields() {
    server.stubFor(
        get(urlPathEqualTo("/graph/v1/paper/search"))
            .withQueryParam("offset", equalTo("0"))
            .willReturn(aResponse().withBody(fixture("s2/search-page1.json"))));
    server.stubFor(
        get(urlPathEqualTo("/graph/v1/paper/search"))
            .withQueryParam("offset", equalTo("2"))
            .willReturn(aResponse().withBody(fixture("s2/search-page2.json"))));
    SemanticScholarClient client = builder().build();
    PaperQuery q = PaperQuery.builder("attention").limit(2).build();

    PaperPage page1 = client.search(q, 0);
    PaperPage page2 = client.search(q, Integer.parseInt(page1.next()));

    assertThat(page1.total()).isEqualTo(3);
    assertThat(page1.next()).isEqualTo("2");
    assertThat(page2.hasNext()).isFalse();
    Paper attention = page1.papers().get(0);
    assertThat(attention.title()).isEqualTo("Attention is All you Need");
    assertThat(attention.arxivId()).isEqualTo("1706.03762");
    assertThat(attention.doi()).isEmpty();
    assertThat(attention.otherIds())
        .containsEntry(Paper.ID_SEMANTIC_SCHOLAR, "204e3073870fae3d05bcbc2f6a8e263d9b72e776")
        .containsEntry(Paper.ID_CORPUS, "13756489")
        .containsEntry(Paper.ID_DBLP, "journals/corr/VaswaniSPUJGKP17");
    assertThat(attention.citationCount()).hasValue(128000);
    assertThat(attention.referenceCount()).hasValue(41);
    assertThat(attention.venue()).isEqualTo("Neural Information Processing Systems");
    assertThat(attention.type()).isEqualTo(PublicationType.CONFERENCE_PAPER);
    assertThat(attention.openAccessUrl()).as("empty openAccessPdf url").isEmpty();
    assertThat(attention.fieldsOfStudy()).containsExactly("Computer Science");
    assertThat(attention.authors())
        .extracting(Author::familyName)
        .containsExactly("Vaswani", "Shazeer", "Parmar");

    Paper bert = page1.papers().get(1);
    assertThat(bert.title()).startsWith("BERT");
    assertThat(bert.year()).isEmpty();
    assertThat(bert.citationCount()).isEmpty();
    assertThat(bert.abstractText()).isEmpty();
    assertThat(bert.authors()).extracting(Author::name).containsExactly("Jacob Devlin");
    assertThat(page2.papers().get(0).doi()).isEqualTo("10.18653/v1/n19-1423");
  }

  @Test
  void looksUpPapersByEveryKindOfId() {
    stubJson("/graph/v1/paper/DOI:10.1038/nature14539", 200, fixture("s2/paper.json"));
    stubJson("/graph/v1/paper/ARXIV:1706.03762", 200, fixture("s2/paper.json"));
    stubJson("/graph/v1/paper/PMID:26017442", 200, fixture("s2/paper.json"));
    stubJson("/graph/v1/paper/CorpusId:4602141", 200, fixture("s2/paper.json"));
    SemanticScholarClient client = builder().build();

    Paper p = client.lookup(PaperId.parse("https://doi.org/10.1038/NATURE14539")).orElseThrow();
    client.lookup(PaperId.parse("arXiv:1706.03762v3"));
    client.lookup(PaperId.parse("PMID:26017442"));
    client.lookup(PaperId.parse("CorpusId:4602141"));

    assertThat(p.doi()).isEqualTo("10.1038/nature14539");
    assertThat(p.pmid()).isEqualTo("26017442");
    assertThat(p.otherIds()).containsEntry(Paper.ID_PMCID, "PMC5815332");
    assertThat(p.type()).isEqualTo(PublicationType.REVIEW);
    assertThat(p.openAccessUrl()).isEqualTo("https://example.org/oa/deep-learning.pdf");
    server.verify(
        getRequestedFor(urlPathEqualTo("/graph/v1/paper/DOI:10.1038/nature14539"))
            .withQueryParam("fields", equalTo(SemanticScholarClient.DEFAULT_FIELDS)));
    server.verify(getRequestedFor(urlPathEqualTo("/graph/v1/paper/ARXIV:1706.03762")));
    server.verify(getRequestedFor(urlPathEqualTo("/graph/v1/paper/PMID:26017442")));
    server.verify(getRequestedFor(urlPathEqualTo("/graph/v1/paper/CorpusId:4602141")));
  }

  @Test
  void matchesAPaperByTitle() {
    stubJson("/graph/v1/paper/search/match", 200, fixture("s2/match.json"));

    Paper p = builder().build().matchTitle("Attention is all you need ").orElseThrow();

    assertThat(p.title()).isEqualTo("Attention is All you Need");
    assertThat(p.year()).hasValue(2017);
    assertThat(p.authors()).hasSize(2);
    server.verify(
        getRequestedFor(urlPathEqualTo("/graph/v1/paper/search/match"))
            .withQueryParam("query", equalTo("Attention is all you need"))
            .withQueryParam("fields", equalTo(SemanticScholarClient.DEFAULT_FIELDS)));
  }

  @Test
  void aTitleWithoutMatchIsEmptyNotAnError() {
    stubJson("/graph/v1/paper/search/match", 404, "{\"error\":\"Title match not found\"}");

    assertThat(builder().build().matchTitle("No paper has this title at all")).isEmpty();
    assertThatThrownBy(() -> builder().build().matchTitle(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("title must not be blank");
  }

  @Test
  void acceptsFieldNamesWithDigits() {
    stubJson("/graph/v1/paper/search/match", 200, fixture("s2/match.json"));

    builder().fields("title,s2FieldsOfStudy,authors.hIndex").build().matchTitle("Attention");

    server.verify(
        getRequestedFor(urlPathEqualTo("/graph/v1/paper/search/match"))
            .withQueryParam("fields", equalTo("title,s2FieldsOfStudy,authors.hIndex")));
    assertThatThrownBy(() -> builder().fields("2title"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'2title'");
  }

  @Test
  void anUnknownPaperIsEmptyNotAnError() {
    stubJson(
        "/graph/v1/paper/DOI:10.0000/none",
        404,
        "{\"error\":\"Paper with id DOI:10.0000/none not found\"}");

    assertThat(builder().build().lookup(PaperId.doi("10.0000/none"))).isEmpty();
  }

  @Test
  void pagesThroughReferencesWithOffsetLimitAndNext() {
    server.stubFor(
        get(urlPathEqualTo("/graph/v1/paper/ARXIV:1706.03762/references"))
            .withQueryParam("offset", equalTo("0"))
            .willReturn(aResponse().withBody(fixture("s2/references-page1.json"))));
    server.stubFor(
        get(urlPathEqualTo("/graph/v1/paper/ARXIV:1706.03762/references"))
            .withQueryParam("offset", equalTo("2"))
            .willReturn(aResponse().withBody(fixture("s2/references-page2.json"))));

    List<Paper> refs = builder().build().references(PaperId.arxiv("1706.03762"), 10);

    assertThat(refs)
        .extracting(Paper::title)
        .containsExactly(
            "Long Short-Term Memory",
            "Unresolved reference string from the bibliography",
            "Neural Machine Translation by Jointly Learning to Align and Translate");
    server.verify(
        getRequestedFor(urlPathEqualTo("/graph/v1/paper/ARXIV:1706.03762/references"))
            .withQueryParam("offset", equalTo("0"))
            .withQueryParam("limit", equalTo("10")));
    server.verify(
        getRequestedFor(urlPathEqualTo("/graph/v1/paper/ARXIV:1706.03762/references"))
            .withQueryParam("offset", equalTo("2"))
            .withQueryParam("limit", equalTo("8")));
  }

  @Test
  void readsCitingPapers() {
    stubJson("/graph/v1/paper/ARXIV:1706.03762/citations", 200, fixture("s2/citations.json"));

    PaperPage page = builder().build().citations(PaperId.arxiv("1706.03762"), 0, 5);

    assertThat(page.papers())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.title()).startsWith("BERT");
              assertThat(p.doi()).isEqualTo("10.18653/v1/n19-1423");
            });
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void batchPostsIdsAndSkipsUnknownOnes() {
    server.stubFor(
        post(urlPathEqualTo("/graph/v1/paper/batch"))
            .willReturn(aResponse().withBody(fixture("s2/batch.json"))));

    List<Paper> papers =
        builder()
            .apiKey(KEY)
            .build()
            .batch(
                List.of(
                    PaperId.arxiv("1706.03762"),
                    PaperId.doi("10.0000/unknown"),
                    PaperId.doi("10.1038/nature14539")));

    assertThat(papers)
        .extracting(Paper::title)
        .containsExactly("Attention is All you Need", "Deep Learning");
    server.verify(
        postRequestedFor(urlPathEqualTo("/graph/v1/paper/batch"))
            .withQueryParam("fields", equalTo(SemanticScholarClient.DEFAULT_FIELDS))
            .withHeader("x-api-key", equalTo(KEY))
            .withRequestBody(
                equalToJson(
                    "{\"ids\":[\"ARXIV:1706.03762\",\"DOI:10.0000/unknown\","
                        + "\"DOI:10.1038/nature14539\"]}")));
  }

  @Test
  void waitsAndRetriesWhenRateLimited() {
    server.stubFor(
        get(urlPathEqualTo("/graph/v1/paper/search"))
            .inScenario("429")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withBody(fixture("s2/rate-limited.json")))
            .willSetStateTo("ok"));
    server.stubFor(
        get(urlPathEqualTo("/graph/v1/paper/search"))
            .inScenario("429")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withBody(fixture("s2/search-page2.json"))));

    List<Paper> papers =
        builder()
            .retryPolicy(SemanticScholarClient.DEFAULT_RETRY_POLICY)
            .build()
            .search(PaperQuery.of("x"));

    assertThat(papers).hasSize(1);
    assertThat(time.sleeps()).hasSize(1);
    assertThat(time.sleeps().get(0)).isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400));
  }

  @Test
  void reportsAPersistentRateLimitAfterRetries() {
    server.stubFor(
        get(urlPathEqualTo("/graph/v1/paper/search"))
            .willReturn(aResponse().withStatus(429).withBody(fixture("s2/rate-limited.json"))));

    assertThatThrownBy(() -> builder().build().search(PaperQuery.of("x")))
        .isInstanceOf(RateLimitException.class)
        .hasMessageContaining("semantic-scholar")
        .hasMessageContaining("apply for a key");
    server.verify(3, getRequestedFor(urlPathEqualTo("/graph/v1/paper/search")));
  }

  @Test
  void badRequestsAreNotRetriedAndCarryTheExplanation() {
    stubJson(
        "/graph/v1/paper/search",
        400,
        "{\"error\":\"Unrecognized or unsupported fields: [bogus]\"}");

    assertThatThrownBy(() -> builder().fields("title,bogus").build().search(PaperQuery.of("x")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Unrecognized or unsupported fields: [bogus]");
    server.verify(1, getRequestedFor(urlPathEqualTo("/graph/v1/paper/search")));
  }

  @Test
  void aRejectedKeyNamesTheVariableButNeverTheKey() {
    stubJson("/graph/v1/paper/search", 403, "{\"message\":\"Forbidden. Key " + KEY + " invalid\"}");

    SemanticScholarClient client = builder().apiKey(KEY).build();
    assertThatThrownBy(() -> client.search(PaperQuery.of("x")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("SEMANTIC_SCHOLAR_API_KEY")
        .hasMessageNotContaining(KEY);
    assertThat(client.toString()).doesNotContain(KEY);
  }

  @Test
  void serverErrorsAreRetriedThenReported() {
    stubJson("/graph/v1/paper/search", 504, "{\"message\": \"Endpoint request timed out\"}");

    assertThatThrownBy(() -> builder().build().search(PaperQuery.of("x")))
        .isInstanceOf(ServerErrorException.class)
        .hasMessageContaining("Endpoint request timed out");
    server.verify(3, getRequestedFor(urlPathEqualTo("/graph/v1/paper/search")));
  }

  @Test
  void aGarbledBodyIsAMalformedResponseNamingTheSource() {
    stubJson("/graph/v1/paper/search", 200, "{\"total\": 3, \"data\": [");

    assertThatThrownBy(() -> builder().build().search(PaperQuery.of("x")))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageStartingWith("semantic-scholar: response is not valid JSON");
  }

  @Test
  void readsTheKeyFromTheEnvironment() {
    stubJson("/graph/v1/paper/search", 200, fixture("s2/search-page2.json"));
    SemanticScholarClient fromEnv =
        SemanticScholarClient.builder()
            .baseUrl(server.baseUrl() + "/graph/v1")
            .settings(TestSupport.settings(time))
            .apiKey(
                Map.of(SemanticScholarClient.API_KEY_ENV, KEY)
                    .get(SemanticScholarClient.API_KEY_ENV))
            .build();

    fromEnv.search(PaperQuery.of("x"));

    server.verify(
        getRequestedFor(urlPathEqualTo("/graph/v1/paper/search"))
            .withHeader("x-api-key", equalTo(KEY)));
    assertThat(SemanticScholarClient.fromEnv(Map.of(), TestSupport.settings(time))).isNotNull();
  }

  @Test
  void pacesCallsOneSecondApart() {
    stubJson("/graph/v1/paper/search", 200, fixture("s2/search-page2.json"));
    SemanticScholarClient client = builder().build();

    client.search(PaperQuery.of("x"));
    client.search(PaperQuery.of("y"));

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
  }
}
