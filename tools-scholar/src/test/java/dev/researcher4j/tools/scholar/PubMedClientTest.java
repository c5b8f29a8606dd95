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

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.researcher4j.api.AuthenticationException;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PubMedClientTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String KEY = "ncbi0123456789abcdef0123";

  private final TestSupport.FakeTime time = new TestSupport.FakeTime();

  private PubMedClient.Builder builder() {
    return PubMedClient.builder()
        .baseUrl(server.baseUrl() + "/eutils")
        .settings(TestSupport.settings(time));
  }

  private static void stub(String path, int status, String body) {
    server.stubFor(
        get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status).withBody(body)));
  }

  private static String efetch() {
    return fixture("pubmed/efetch.xml")
        .replace("{{DTD_URL}}", server.baseUrl() + "/dtd/pubmed.dtd");
  }

  @Test
  void searchesWithEsearchThenFetchesAbstractsWithEfetch() {
    stub("/eutils/esearch.fcgi", 200, fixture("pubmed/esearch.json"));
    stub("/eutils/efetch.fcgi", 200, efetch());

    PaperPage page =
        builder()
            .apiKey(KEY)
            .build()
            .search(
                PaperQuery.builder("deep learning").fromYear(2015).toYear(2018).limit(2).build(),
                0);

    server.verify(
        getRequestedFor(urlPathEqualTo("/eutils/esearch.fcgi"))
            .withQueryParam("db", equalTo("pubmed"))
            .withQueryParam("term", equalTo("deep learning"))
            .withQueryParam("retmode", equalTo("json"))
            .withQueryParam("retstart", equalTo("0"))
            .withQueryParam("retmax", equalTo("2"))
            .withQueryParam("sort", equalTo("relevance"))
            .withQueryParam("datetype", equalTo("pdat"))
            .withQueryParam("mindate", equalTo("2015"))
            .withQueryParam("maxdate", equalTo("2018"))
            .withQueryParam("tool", equalTo("researcher4j"))
            .withQueryParam("email", equalTo(TestSupport.EMAIL))
            .withQueryParam("api_key", equalTo(KEY)));
    server.verify(
        getRequestedFor(urlPathEqualTo("/eutils/efetch.fcgi"))
            .withQueryParam("id", equalTo("26017442,29456894"))
            .withQueryParam("retmode", equalTo("xml"))
            .withQueryParam("api_key", equalTo(KEY)));
    assertThat(page.total()).isEqualTo(2);
    assertThat(page.hasNext()).isFalse();
    assertThat(page.papers()).hasSize(2);
  }

  @Test
  void readsFullRecordsWithoutFetchingTheDtd() {
    stub("/eutils/efetch.fcgi", 200, efetch());

    List<Paper> papers = builder().build().fetch(List.of("26017442", "29456894"));

    server.verify(0, getRequestedFor(urlPathEqualTo("/dtd/pubmed.dtd")));
    Paper dl = papers.get(0);
    assertThat(dl.pmid()).isEqualTo("26017442");
    assertThat(dl.title()).isEqualTo("Deep learning.");
    assertThat(dl.abstractText())
        .isEqualTo(
            "BACKGROUND: Deep learning allows computational models that are composed of multiple"
                + " processing layers to learn representations. RESULTS: These methods have improved"
                + " the state of the art in speech recognition & visual object recognition (p < 0.05).");
    assertThat(dl.doi()).isEqualTo("10.1038/nature14539");
    assertThat(dl.venue()).isEqualTo("Nature");
    assertThat(dl.publicationDate()).isEqualTo("2015-05-28");
    assertThat(dl.type()).isEqualTo(PublicationType.REVIEW);
    assertThat(dl.fieldsOfStudy()).containsExactly("Algorithms", "Neural Networks, Computer");
    assertThat(dl.authors()).hasSize(3);
    Author lecun = dl.authors().get(0);
    assertThat(lecun.familyName()).isEqualTo("LeCun");
    assertThat(lecun.givenName()).isEqualTo("Yann");
    assertThat(lecun.orcid()).isEqualTo("0000-0002-2397-1234");
    assertThat(lecun.affiliations()).hasSize(2);
    assertThat(dl.authors().get(2).name()).isEqualTo("Deep Learning Consortium");

    Paper oa = papers.get(1);
    assertThat(oa.publicationDate()).isEqualTo("2018-01");
    assertThat(oa.otherIds()).containsEntry(Paper.ID_PMCID, "PMC5815332");
    assertThat(oa.abstractText()).isEmpty();
  }

  @Test
  void summariesReadEsummaryJsonAndSkipPerIdErrors() {
    stub("/eutils/esummary.fcgi", 200, fixture("pubmed/esummary.json"));

    List<Paper> papers = builder().build().summaries(List.of("26017442", "29456894", "99999999"));

    assertThat(papers).hasSize(2);
    Paper dl = papers.get(0);
    assertThat(dl.authors())
        .extracting(Author::familyName)
        .containsExactly("LeCun", "Bengio", "Hinton");
    assertThat(dl.authors().get(0).givenName()).isEqualTo("Y");
    assertThat(dl.doi()).isEqualTo("10.1038/nature14539");
    assertThat(dl.publicationDate()).isEqualTo("2015-05-28");
    assertThat(papers.get(1).venue()).isEqualTo("PeerJ");
    assertThat(papers.get(1).otherIds()).containsEntry(Paper.ID_PMCID, "PMC5815332");
    server.verify(
        getRequestedFor(urlPathEqualTo("/eutils/esummary.fcgi"))
            .withQueryParam("id", equalTo("26017442,29456894,99999999"))
            .withQueryParam("retmode", equalTo("json"))
            .withQueryParam("api_key", absent()));
  }

  @Test
  void searchCanUseSummariesInsteadOfFullRecords() {
    stub("/eutils/esearch.fcgi", 200, fixture("pubmed/esearch.json"));
    stub("/eutils/esummary.fcgi", 200, fixture("pubmed/esummary.json"));

    List<Paper> papers = builder().abstractsInSearch(false).build().search(PaperQuery.of("x"));

    assertThat(papers).hasSize(2);
    server.verify(0, getRequestedFor(urlPathEqualTo("/eutils/efetch.fcgi")));
  }

  @Test
  void looksUpByPmidAndByDoi() {
    stub("/eutils/esearch.fcgi", 200, fixture("pubmed/esearch.json"));
    stub("/eutils/efetch.fcgi", 200, efetch());
    PubMedClient client = builder().build();

    assertThat(client.lookup(PaperId.pmid("26017442"))).isPresent();
    assertThat(client.lookup(PaperId.doi("10.1038/nature14539"))).isPresent();

    server.verify(
        getRequestedFor(urlPathEqualTo("/eutils/esearch.fcgi"))
            .withQueryParam("term", equalTo("\"10.1038/nature14539\"[doi]"))
            .withQueryParam("retmax", equalTo("1")));
  }

  @Test
  void anEsearchErrorIsAnInvalidRequest() {
    stub("/eutils/esearch.fcgi", 200, fixture("pubmed/esearch-error.json"));

    assertThatThrownBy(() -> builder().build().search(PaperQuery.of("x")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Empty term and query_key - nothing todo");
  }

  @Test
  void aRateLimitNoticeSentWithHttp200IsRetried() {
    server.stubFor(
        get(urlPathEqualTo("/eutils/esummary.fcgi"))
            .inScenario("limit")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"error\":\"API rate limit exceeded\",\"api-key\":\"192.0.2.1\",\"count\":\"4\","
                            + "\"limit\":\"3\"}"))
            .willSetStateTo("ok"));
    server.stubFor(
        get(urlPathEqualTo("/eutils/esummary.fcgi"))
            .inScenario("limit")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withBody(fixture("pubmed/esummary.json"))));

    assertThat(builder().build().summaries(List.of("26017442"))).hasSize(2);
    server.verify(2, getRequestedFor(urlPathEqualTo("/eutils/esummary.fcgi")));
  }

  @Test
  void aPersistentHttp429NeverShowsTheKeyNcbiEchoes() {
    stub(
        "/eutils/esummary.fcgi",
        429,
        "{\"error\":\"API rate limit exceeded\",\"api-key\":\""
            + KEY
            + "\",\"count\":\"11\","
            + "\"limit\":\"10\"}");

    assertThatThrownBy(() -> builder().apiKey(KEY).build().summaries(List.of("1")))
        .isInstanceOf(RateLimitException.class)
        .hasMessageNotContaining(KEY);
    server.verify(3, getRequestedFor(urlPathEqualTo("/eutils/esummary.fcgi")));
  }

  @Test
  void anInvalidKeyNamesTheVariableButNotTheKey() {
    stub(
        "/eutils/esearch.fcgi",
        400,
        "{\"error\":\"API key invalid\",\"api-key\":\""
            + KEY
            + "\",\"type\":\"invalid\","
            + "\"status\":\"unknown\"}");

    assertThatThrownBy(() -> builder().apiKey(KEY).build().search(PaperQuery.of("x")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("NCBI_API_KEY")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void transportErrorsMaskTheKeyInTheUrl() {
    server.stubFor(
        get(urlPathEqualTo("/eutils/esearch.fcgi"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> builder().apiKey(KEY).build().search(PaperQuery.of("x")))
        .isInstanceOf(TransportException.class)
        .hasMessageNotContaining(KEY);
  }

  @Test
  void anEfetchErrorResultIsAnInvalidRequestAndOtherXmlIsMalformed() {
    stub(
        "/eutils/efetch.fcgi",
        200,
        "<?xml version=\"1.0\"?><eFetchResult><ERROR>ID list is empty! Possibly it has no correct"
            + " IDs.</ERROR></eFetchResult>");
    assertThatThrownBy(() -> builder().build().fetch(List.of("0")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("ID list is empty");

    stub("/eutils/efetch.fcgi", 200, "<html><body>Bad gateway</body></html>");
    assertThatThrownBy(() -> builder().build().fetch(List.of("1")))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("pubmed");
  }

  @Test
  void pacesThreeRequestsASecondWithoutAKeyAndTenWithOne() {
    stub("/eutils/esummary.fcgi", 200, fixture("pubmed/esummary.json"));
    PubMedClient anonymous = builder().build();
    anonymous.summaries(List.of("1"));
    anonymous.summaries(List.of("1"));
    PubMedClient keyed = builder().apiKey(KEY).build();
    keyed.summaries(List.of("1"));
    keyed.summaries(List.of("1"));

    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(340), Duration.ofMillis(100));
  }

  @Test
  void readsTheKeyFromTheEnvironment() {
    stub("/eutils/esummary.fcgi", 200, fixture("pubmed/esummary.json"));
    PubMedClient client =
        PubMedClient.builder()
            .baseUrl(server.baseUrl() + "/eutils")
            .settings(TestSupport.settings(time))
            .apiKey(Map.of(PubMedClient.API_KEY_ENV, KEY).get(PubMedClient.API_KEY_ENV))
            .build();

    client.summaries(List.of("1"));

    server.verify(
        getRequestedFor(urlPathEqualTo("/eutils/esummary.fcgi"))
            .withQueryParam("api_key", equalTo(KEY)));
  }

  @Test
  void readsEsearchAndEsummaryAnswersInXmlTheEutilitiesDefault() {
    stub("/eutils/esearch.fcgi", 200, fixture("pubmed/esearch.xml"));
    stub("/eutils/esummary.fcgi", 200, fixture("pubmed/esummary.xml"));

    PaperPage page =
        builder()
            .abstractsInSearch(false)
            .build()
            .search(PaperQuery.builder("deep learning").limit(2).build(), 0);

    assertThat(page.total()).isEqualTo(2);
    assertThat(page.papers()).hasSize(2);
    Paper first = page.papers().get(0);
    assertThat(first.title()).isEqualTo("Deep learning.");
    assertThat(first.doi()).isEqualTo("10.1038/nature14539");
    assertThat(first.venue()).isEqualTo("Nature");
    assertThat(first.publicationDate()).isEqualTo("2015-05-28");
    assertThat(first.authors())
        .extracting(Author::familyName)
        .containsExactly("LeCun", "Bengio", "Hinton");
    assertThat(first.type()).isEqualTo(PublicationType.REVIEW);
    Paper second = page.papers().get(1);
    assertThat(second.venue()).isEqualTo("PeerJ");
    assertThat(second.otherIds()).containsEntry(Paper.ID_PMCID, "PMC5815332");
    server.verify(
        getRequestedFor(urlPathEqualTo("/eutils/esummary.fcgi"))
            .withQueryParam("id", equalTo("26017442,29456894")));
  }

  @Test
  void anXmlEsearchErrorIsARejectedRequest() {
    stub("/eutils/esearch.fcgi", 200, fixture("pubmed/esearch-error.xml"));

    assertThatThrownBy(() -> builder().build().search(PaperQuery.of("((")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("search rejected (Invalid query)");
  }
}
