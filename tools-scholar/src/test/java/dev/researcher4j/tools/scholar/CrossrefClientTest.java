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
import dev.researcher4j.api.NotFoundException;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.ServerErrorException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CrossrefClientTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final TestSupport.FakeTime time = new TestSupport.FakeTime();

  private CrossrefClient client() {
    return CrossrefClient.builder()
        .baseUrl(server.baseUrl())
        .settings(TestSupport.settings(time))
        .build();
  }

  private static void stub(String path, int status, String contentType, String body) {
    server.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", contentType)
                    .withBody(body)));
  }

  @Test
  void queriesInThePolitePoolWithRowsOffsetAndDateFilters() {
    stub("/works", 200, "application/json", fixture("crossref/works.json"));

    client()
        .search(
            PaperQuery.builder("deep learning").fromYear(2014).toYear(2016).limit(3).build(), 20);

    server.verify(
        getRequestedFor(urlPathEqualTo("/works"))
            .withQueryParam("query", equalTo("deep learning"))
            .withQueryParam("rows", equalTo("3"))
            .withQueryParam("offset", equalTo("20"))
            .withQueryParam("filter", equalTo("from-pub-date:2014-01-01,until-pub-date:2016-12-31"))
            .withQueryParam("mailto", equalTo(TestSupport.EMAIL))
            .withHeader("User-Agent", equalTo("researcher4j/0.1 (mailto:team@example.org)")));
  }

  @Test
  void readsWorksStrippingJatsAndToleratingSparseItems() {
    stub("/works", 200, "application/json", fixture("crossref/works.json"));

    PaperPage page = client().search(PaperQuery.builder("deep learning").limit(3).build(), 0);

    assertThat(page.total()).isEqualTo(5213);
    assertThat(page.next()).isEqualTo("3");
    assertThat(page.papers()).hasSize(3);
    Paper dl = page.papers().get(0);
    assertThat(dl.doi()).isEqualTo("10.1038/nature14539");
    assertThat(dl.title()).isEqualTo("Deep learning");
    assertThat(dl.abstractText())
        .startsWith("Deep learning allows computational models")
        .endsWith("speech recognition & visual object recognition.")
        .doesNotContain("<", "Abstract Deep");
    assertThat(dl.venue()).isEqualTo("Nature");
    assertThat(dl.publicationDate()).isEqualTo("2015-05-27");
    assertThat(dl.citationCount()).hasValue(75000);
    assertThat(dl.referenceCount()).hasValue(103);
    assertThat(dl.landingUrl()).isEqualTo("https://www.nature.com/articles/nature14539");
    assertThat(dl.type()).isEqualTo(PublicationType.JOURNAL_ARTICLE);
    assertThat(dl.authors())
        .extracting(Author::familyName)
        .containsExactly("LeCun", "Bengio", "Hinton");
    assertThat(dl.authors().get(0).affiliations()).containsExactly("Facebook AI Research");
    assertThat(dl.authors().get(2).orcid()).isEqualTo("0000-0002-1825-0097");

    Paper report = page.papers().get(1);
    assertThat(report.title()).isEqualTo("Report with italic title and an organisation as author");
    assertThat(report.authors())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.name()).isEqualTo("World Health Organization");
              assertThat(a.familyName()).isEmpty();
            });
    assertThat(report.publicationDate())
        .as("issued [[null]] falls back to created")
        .isEqualTo("2020-03");
    assertThat(report.doi()).isEqualTo("10.1000/org-author");

    Paper bare = page.papers().get(2);
    assertThat(bare.title()).isEmpty();
    assertThat(bare.year()).isEmpty();
    assertThat(bare.type()).isEqualTo(PublicationType.UNKNOWN);
  }

  @Test
  void looksUpAWorkByDoi() {
    stub("/works/10.1145/3065386", 200, "application/json", fixture("crossref/work.json"));

    Paper p = client().lookup(PaperId.parse("doi:10.1145/3065386")).orElseThrow();

    assertThat(p.title())
        .isEqualTo("ImageNet classification with deep convolutional neural networks");
    assertThat(p.authors().get(2).givenName()).isEqualTo("Geoffrey E.");
    server.verify(
        getRequestedFor(urlPathEqualTo("/works/10.1145/3065386"))
            .withQueryParam("mailto", equalTo(TestSupport.EMAIL)));
  }

  @Test
  void joinsWordsSplitByInlineJatsMarkupInTitlesAndAbstracts() {
    stub(
        "/works/10.1111/example.12345",
        200,
        "application/json",
        fixture("crossref/work-jats-title.json"));

    Paper p = client().lookup(PaperId.parse("doi:10.1111/example.12345")).orElseThrow();

    assertThat(p.title())
        .isEqualTo("TreeBASE: a database of Quercus phylogenies with N2-fixing taxa and CO2 data");
    assertThat(p.abstractText())
        .isEqualTo("We present TreeBASE, built with R. It holds 104 trees.");
  }

  @Test
  void aPlainTextResourceNotFoundIsAnEmptyLookup() {
    stub("/works/10.0000/nothing", 404, "text/plain", "Resource not found.");

    assertThat(client().work("10.0000/nothing")).isEmpty();
  }

  @Test
  void aPlainTextNotFoundFromAListIsReportedWithItsText() {
    stub("/works", 404, "text/plain", "Resource not found.");

    assertThatThrownBy(() -> client().search(PaperQuery.of("x")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("crossref")
        .hasMessageContaining("Resource not found.");
  }

  @Test
  void validationFailuresCarryCrossrefsExplanation() {
    stub("/works", 400, "application/json", fixture("crossref/validation-failure.json"));

    assertThatThrownBy(() -> client().search(PaperQuery.of("x")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("integer-not-valid")
        .hasMessageContaining("must be a positive integer less than or equal to 1000")
        .satisfies(
            e ->
                assertThat(((InvalidRequestException) e).errorCode())
                    .isEqualTo("integer-not-valid"));
    server.verify(1, getRequestedFor(urlPathEqualTo("/works")));
  }

  @Test
  void plainTextRateLimitsAreRetried() {
    server.stubFor(
        get(urlPathEqualTo("/works"))
            .inScenario("429")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "2")
                    .withHeader("Content-Type", "text/plain")
                    .withBody("Too many requests, slow down."))
            .willSetStateTo("ok"));
    server.stubFor(
        get(urlPathEqualTo("/works"))
            .inScenario("429")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withBody(fixture("crossref/works.json"))));

    List<Paper> papers = client().search(PaperQuery.of("x"));

    assertThat(papers).hasSize(3);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void givesUpOnRateLimitsThatDoNotClear() {
    stub("/works", 429, "text/plain", "Too many requests, slow down.");

    assertThatThrownBy(() -> client().search(PaperQuery.of("x")))
        .isInstanceOf(RateLimitException.class)
        .hasMessageContaining("Too many requests, slow down.");
  }

  @Test
  void serverErrorPagesAreRetriedThenReported() {
    stub(
        "/works",
        503,
        "text/html",
        "<html><head><title>503</title></head><body><h1>Service Unavailable</h1></body></html>");

    assertThatThrownBy(() -> client().search(PaperQuery.of("x")))
        .isInstanceOf(ServerErrorException.class)
        .hasMessageContaining("Service Unavailable");
    server.verify(3, getRequestedFor(urlPathEqualTo("/works")));
  }

  @Test
  void anAnswerWithoutMessageIsMalformed() {
    stub("/works", 200, "application/json", "{\"status\":\"ok\",\"message\":null}");

    assertThatThrownBy(() -> client().search(PaperQuery.of("x")))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("crossref");
  }

  @Test
  void onlyDoisCanBeLookedUp() {
    CrossrefClient client = client();

    assertThat(client.supports(PaperId.Type.DOI)).isTrue();
    assertThat(client.lookup(PaperId.arxiv("1706.03762"))).isEmpty();
    server.verify(0, getRequestedFor(urlPathEqualTo("/works")));
  }
}
