package dev.researcher4j.tools.scholar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import dev.researcher4j.api.ServerErrorException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ArxivClientTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final TestSupport.FakeTime time = new TestSupport.FakeTime();

  private ArxivClient client() {
    return ArxivClient.builder()
        .baseUrl(server.baseUrl() + "/api/query")
        .settings(TestSupport.settings(time))
        .build();
  }

  private static void stubFeed(String fixture) {
    server.stubFor(
        get(urlPathEqualTo("/api/query"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/atom+xml; charset=utf-8")
                    .withBody(fixture(fixture))));
  }

  @Test
  void sendsFieldPrefixedBooleanQueriesWithSortingAndPaging() {
    stubFeed("arxiv/search-page1.xml");
    String q =
        ArxivQuery.andNot(
            ArxivQuery.and(
                ArxivQuery.term(ArxivQuery.Field.TITLE, "attention"),
                ArxivQuery.group(
                    ArxivQuery.or(
                        ArxivQuery.term(ArxivQuery.Field.AUTHOR, "vaswani"),
                        ArxivQuery.term(ArxivQuery.Field.ABSTRACT, "self attention")))),
            ArxivQuery.term(ArxivQuery.Field.CATEGORY, "cs.CV"));

    client()
        .query(
            ArxivQuery.builder()
                .searchQuery(q)
                .start(0)
                .maxResults(2)
                .sortBy(ArxivQuery.SortBy.SUBMITTED_DATE)
                .sortOrder(ArxivQuery.SortOrder.ASCENDING)
                .build());

    assertThat(q)
        .isEqualTo("ti:attention AND (au:vaswani OR abs:\"self attention\") ANDNOT cat:cs.CV");
    server.verify(
        getRequestedFor(urlPathEqualTo("/api/query"))
            .withQueryParam("search_query", equalTo(q))
            .withQueryParam("start", equalTo("0"))
            .withQueryParam("max_results", equalTo("2"))
            .withQueryParam("sortBy", equalTo("submittedDate"))
            .withQueryParam("sortOrder", equalTo("ascending"))
            .withHeader("User-Agent", equalTo("researcher4j/0.1 (mailto:team@example.org)")));
  }

  @Test
  void readsEntriesAndPagesToTheEnd() {
    server.stubFor(
        get(urlPathEqualTo("/api/query"))
            .withQueryParam("start", equalTo("0"))
            .willReturn(aResponse().withBody(fixture("arxiv/search-page1.xml"))));
    server.stubFor(
        get(urlPathEqualTo("/api/query"))
            .withQueryParam("start", equalTo("2"))
            .willReturn(aResponse().withBody(fixture("arxiv/search-page2.xml"))));
    ArxivClient client = client();
    ArxivQuery first = ArxivQuery.builder().searchQuery("ti:attention").maxResults(2).build();

    PaperPage page1 = client.query(first);
    PaperPage page2 = client.query(first.toBuilder().start(Integer.parseInt(page1.next())).build());

    assertThat(page1.total()).isEqualTo(3);
    assertThat(page1.next()).isEqualTo("2");
    assertThat(page2.hasNext()).isFalse();
    Paper attention = page1.papers().get(0);
    assertThat(attention.title()).isEqualTo("Attention Is All You Need");
    assertThat(attention.arxivId()).isEqualTo("1706.03762");
    assertThat(attention.otherIds()).containsEntry(Paper.ID_ARXIV_VERSIONED, "1706.03762v7");
    assertThat(attention.abstractText()).startsWith("The dominant sequence").doesNotContain("\n");
    assertThat(attention.authors())
        .extracting(Author::name)
        .containsExactly("Ashish Vaswani", "Noam Shazeer", "Niki Parmar");
    assertThat(attention.authors().get(0).affiliations()).containsExactly("Google Brain");
    assertThat(attention.authors().get(0).familyName()).isEqualTo("Vaswani");
    assertThat(attention.publicationDate()).isEqualTo("2017-06-12");
    assertThat(attention.year()).hasValue(2017);
    assertThat(attention.venue()).contains("NIPS 2017");
    assertThat(attention.pdfUrl()).isEqualTo("http://arxiv.org/pdf/1706.03762v7");
    assertThat(attention.openAccessUrl()).isEqualTo(attention.pdfUrl());
    assertThat(attention.landingUrl()).isEqualTo("https://arxiv.org/abs/1706.03762");
    assertThat(attention.fieldsOfStudy()).containsExactly("cs.CL", "cs.LG");
    assertThat(attention.type()).isEqualTo(PublicationType.PREPRINT);
    assertThat(attention.sources()).containsExactly(PaperSource.ARXIV);

    Paper old = page1.papers().get(1);
    assertThat(old.arxivId()).isEqualTo("hep-th/9901001");
    assertThat(old.title())
        .isEqualTo("Schrödinger–Poisson systems and the Ω-deformation: a “toy” model");
    assertThat(old.doi()).isEqualTo("10.1103/physrevd.59.123456");
    assertThat(old.authors().get(0).name()).isEqualTo("José Álvarez-Muñiz");

    Paper bare = page2.papers().get(0);
    assertThat(bare.authors()).isEmpty();
    assertThat(bare.venue()).isEqualTo("arXiv");
  }

  @Test
  void leavesThreeSecondsBetweenCalls() {
    stubFeed("arxiv/search-page2.xml");
    ArxivClient client = client();
    ArxivQuery q = ArxivQuery.builder().searchQuery("all:x").build();

    client.query(q);
    client.query(q);
    client.query(q);

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
  }

  @Test
  void looksUpIdsWithAndWithoutVersion() {
    stubFeed("arxiv/search-page1.xml");
    ArxivClient client = client();

    client.lookup(PaperId.parse("arXiv:1706.03762v5"));
    client.lookup(List.of("1706.03762", "hep-th/9901001"));

    server.verify(
        getRequestedFor(urlPathEqualTo("/api/query"))
            .withQueryParam("id_list", equalTo("1706.03762v5"))
            .withQueryParam("max_results", equalTo("1")));
    server.verify(
        getRequestedFor(urlPathEqualTo("/api/query"))
            .withQueryParam("id_list", equalTo("1706.03762,hep-th/9901001")));
  }

  @Test
  void anIdArxivDoesNotHaveIsNotFoundRatherThanAnEmptyPaper() {
    stubFeed("arxiv/unknown-id.xml");

    Optional<Paper> found = client().lookup(PaperId.arxiv("2999.99999"));

    assertThat(found).isEmpty();
  }

  @Test
  void reportsArxivsErrorEntrySentWithHttp400() {
    server.stubFor(
        get(urlPathEqualTo("/api/query"))
            .willReturn(aResponse().withStatus(400).withBody(fixture("arxiv/error-400.xml"))));

    assertThatThrownBy(() -> client().lookup(List.of("1234.12345")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("incorrect id format for 1234.12345x")
        .satisfies(
            e -> {
              InvalidRequestException ex = (InvalidRequestException) e;
              assertThat(ex.provider()).isEqualTo("arxiv");
              assertThat(ex.statusCode()).isEqualTo(400);
              assertThat(ex.errorCode()).isEqualTo("incorrect_id_format_for_1234.12345x");
            });
    server.verify(1, getRequestedFor(urlPathEqualTo("/api/query")));
  }

  @Test
  void reportsArxivsErrorEntrySentWithHttp200() {
    stubFeed("arxiv/error-400.xml");

    assertThatThrownBy(() -> client().query(ArxivQuery.builder().searchQuery("ti:").build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("arxiv: query rejected")
        .hasMessageContaining("incorrect id format");
  }

  @Test
  void retriesThrottlingWithPlainTextBodyAndStillPacesEachAttempt() {
    server.stubFor(
        get(urlPathEqualTo("/api/query"))
            .inScenario("busy")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503).withBody("Rate exceeded."))
            .willSetStateTo("ok"));
    server.stubFor(
        get(urlPathEqualTo("/api/query"))
            .inScenario("busy")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withBody(fixture("arxiv/search-page2.xml"))));

    PaperPage page = client().query(ArxivQuery.builder().searchQuery("all:x").build());

    assertThat(page.papers()).hasSize(1);
    // 0.5 s retry backoff, then the pacer tops the gap since the first attempt up to 3 s
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(2500));
  }

  @Test
  void givesUpOnPersistentServerErrors() {
    server.stubFor(
        get(urlPathEqualTo("/api/query")).willReturn(aResponse().withStatus(500).withBody("oops")));

    assertThatThrownBy(() -> client().query(ArxivQuery.builder().searchQuery("all:x").build()))
        .isInstanceOf(ServerErrorException.class)
        .hasMessageContaining("arxiv");
    server.verify(3, getRequestedFor(urlPathEqualTo("/api/query")));
  }

  @Test
  void aBodyThatIsNotAtomIsAMalformedResponseNamingArxiv() {
    server.stubFor(
        get(urlPathEqualTo("/api/query"))
            .willReturn(aResponse().withBody("<html><body>maintenance</body></html>")));

    assertThatThrownBy(() -> client().query(ArxivQuery.builder().searchQuery("all:x").build()))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("arxiv")
        .hasMessageContaining("not an Atom feed");
  }

  @Test
  void refusesExternalEntitiesInFeeds() {
    server.stubFor(
        get(urlPathEqualTo("/api/query"))
            .willReturn(
                aResponse()
                    .withBody(
                        "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY x SYSTEM \""
                            + server.baseUrl()
                            + "/secret\">]><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                            + "<entry><id>http://arxiv.org/abs/2101.00001</id><title>&x;</title>"
                            + "</entry></feed>")));

    assertThatThrownBy(() -> client().query(ArxivQuery.builder().searchQuery("all:x").build()))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("arxiv");
    server.verify(0, getRequestedFor(urlPathEqualTo("/secret")));
  }

  @Test
  void readsAThousandAuthors() {
    StringBuilder feed =
        new StringBuilder(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
                + "<id>http://arxiv.org/abs/2201.00001v1</id><title>Big collaboration</title>"
                + "<summary>Many hands.</summary>");
    for (int i = 0; i < 1000; i++) {
      feed.append("<author><name>Author Number").append(i).append("</name></author>");
    }
    feed.append("</entry></feed>");
    server.stubFor(
        get(urlPathEqualTo("/api/query")).willReturn(aResponse().withBody(feed.toString())));

    Paper p = client().lookup(PaperId.arxiv("2201.00001")).orElseThrow();

    assertThat(p.authors()).hasSize(1000);
    assertThat(p.authors().get(999).familyName()).isEqualTo("Number999");
  }

  @Test
  void turnsFreeTextIntoAnAllFieldsQueryWithYears() {
    stubFeed("arxiv/search-page2.xml");

    client()
        .search(
            PaperQuery.builder("the attention mechanism, transformers")
                .fromYear(2017)
                .toYear(2018)
                .limit(5)
                .build());

    server.verify(
        getRequestedFor(urlPathEqualTo("/api/query"))
            .withQueryParam(
                "search_query",
                equalTo(
                    "all:attention AND all:mechanism AND all:transformers"
                        + " AND submittedDate:[201701010000 TO 201812312359]"))
            .withQueryParam("max_results", equalTo("5")));
  }

  @Test
  void keepsQueriesAlreadyInArxivSyntax() {
    assertThat(ArxivQuery.fromText("au:hinton AND ti:capsule"))
        .isEqualTo("au:hinton AND ti:capsule");
    assertThat(ArxivQuery.fromText("\"graph neural networks\" survey"))
        .isEqualTo("all:\"graph neural networks\" AND all:survey");
  }

  @Test
  void builderRejectsBadValuesNamingThem() {
    assertThatThrownBy(() -> ArxivQuery.builder().maxResults(0))
        .hasMessage("maxResults must be between 1 and 2000, but was 0");
    assertThatThrownBy(() -> ArxivQuery.builder().start(-1))
        .hasMessage("start must be >= 0, but was -1");
    assertThatThrownBy(() -> ArxivQuery.builder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ArxivClient.builder().minInterval(Duration.ofSeconds(-1)))
        .hasMessageContaining("minInterval must not be negative");
  }
}
