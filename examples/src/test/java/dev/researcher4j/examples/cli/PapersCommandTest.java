package dev.researcher4j.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PapersCommandTest {

  @RegisterExtension
  static WireMockExtension crossref =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  /** A Crossref /works answer in the shape of its REST API documentation. */
  private static final String WORKS =
      """
      {"status":"ok","message-type":"work-list","message-version":"1.0.0","message":{
        "facets":{},"total-results":1,"items-per-page":5,"query":{"start-index":0,"search-terms":"attention"},
        "items":[{"DOI":"10.5555/attention.2017","title":["Attention Is All You Need"],
          "author":[{"given":"Ashish","family":"Vaswani","sequence":"first","affiliation":[]},
                    {"given":"Noam","family":"Shazeer","sequence":"additional","affiliation":[]}],
          "container-title":["Advances in Neural Information Processing Systems"],
          "published":{"date-parts":[[2017,12,4]]},"type":"proceedings-article",
          "is-referenced-by-count":1234,"URL":"https://doi.org/10.5555/attention.2017","score":42.1}]}}
      """;

  private Map<String, String> env() {
    return Map.of(
        "RESEARCHER_CROSSREF_URL",
        crossref.baseUrl(),
        "RESEARCHER_CONTACT_EMAIL",
        "team@example.org");
  }

  @Test
  void printsMergedPapersFromTheChosenSources() {
    crossref.stubFor(
        get(urlPathEqualTo("/works"))
            .willReturn(
                aResponse().withHeader("Content-Type", "application/json").withBody(WORKS)));

    CliRun run =
        CliRun.run(env(), dir, "papers", "attention", "--sources", "crossref", "--limit", "5");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("1. Attention Is All You Need")
        .contains("Ashish Vaswani, Noam Shazeer · 2017")
        .contains("1234 citations")
        .contains("doi:10.5555/attention.2017")
        .contains("from Crossref");
    crossref.verify(
        getRequestedFor(urlPathEqualTo("/works"))
            .withQueryParam(
                "mailto",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("team@example.org")));
  }

  @Test
  void printsBibTeX() {
    crossref.stubFor(
        get(urlPathEqualTo("/works"))
            .willReturn(
                aResponse().withHeader("Content-Type", "application/json").withBody(WORKS)));

    CliRun run = CliRun.run(env(), dir, "papers", "attention", "--sources", "crossref", "--bibtex");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("@inproceedings{vaswani2017attention,")
        .contains("Vaswani, Ashish and Shazeer, Noam");
  }

  @Test
  void reportsWhenNoSourceAnswers() {
    crossref.stubFor(
        get(urlPathEqualTo("/works"))
            .willReturn(aResponse().withStatus(404).withBody("Resource not found.")));

    CliRun run = CliRun.run(env(), dir, "papers", "attention", "--sources", "crossref");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("Crossref failed").contains("no source answered");
  }

  @Test
  void withoutAnySourceReachableItSaysSoInOneLine() throws Exception {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Map<String, String> env =
        Map.of(
            "RESEARCHER_CROSSREF_URL", "http://127.0.0.1:" + closed,
            "RESEARCHER_OPENALEX_URL", "http://127.0.0.1:" + closed);

    CliRun run = CliRun.run(env, dir, "papers", "attention", "--sources", "crossref,openalex");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines().toList())
        .singleElement()
        .asString()
        .startsWith("researcher papers: no network: could not reach OpenAlex, Crossref (")
        .contains("ConnectException");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void rejectsAnUnknownSource() {
    CliRun run = CliRun.run(env(), dir, "papers", "attention", "--sources", "scopus");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("scopus");
  }
}
