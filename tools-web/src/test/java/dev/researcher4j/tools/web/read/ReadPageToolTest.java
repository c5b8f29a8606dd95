package dev.researcher4j.tools.web.read;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.testing.FakeToolContext;
import dev.researcher4j.testing.ToolContractTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReadPageToolTest extends ToolContractTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().gzipDisabled(true))
          .build();

  private final FakeToolContext context = new FakeToolContext();

  private static String url(String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  @BeforeEach
  void stubPages() {
    server.stubFor(
        get("/moss")
            .willReturn(
                aResponse().withHeader("Content-Type", "text/html").withBody(WebFixtures.ARTICLE)));
    StringBuilder longText = new StringBuilder();
    for (int i = 1; i <= 60; i++) {
      longText
          .append("Paragraph ")
          .append(i)
          .append(": ")
          .append("moss grows slowly. ".repeat(10))
          .append("\n\n");
    }
    server.stubFor(
        get("/long.txt")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/plain")
                    .withBody(longText.toString())));
    server.stubFor(
        get("/report.pdf")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/pdf")
                    .withBody(
                        WebFixtures.pdf(
                            "Moss report",
                            "Ada Fern",
                            List.of("Page one text.", "Page two text.")))));
  }

  @Override
  protected ReadPageTool tool() {
    return ReadPageTool.of(WebFixtures.reader().pageSize(1000).build());
  }

  @Override
  protected String validArguments() {
    return "{\"url\": \"" + url("/moss") + "\"}";
  }

  private ToolResult call(String arguments) {
    return tool().execute(new ToolCall("c1", ReadPageTool.NAME, arguments), context);
  }

  @Test
  void startsWithTheSourceIdAndShowsTitleMetadataAndText() {
    ToolResult result = call(validArguments());

    assertThat(result.error()).isFalse();
    assertThat(result.content())
        .startsWith("[S1] Moss grows faster in cities\nURL: " + url("/moss") + "\n")
        .contains("Author: Ada Fern | Published: 2024-05-01T08:00:00Z | Language: en")
        .contains("Page 1 of 1\n")
        .contains("Researchers measured moss");
    Source source = context.sources().get(0);
    assertThat(source.id()).isEqualTo("S1");
    assertThat(source.kind()).isEqualTo(Source.Kind.WEB);
    assertThat(source.title()).isEqualTo("Moss grows faster in cities");
    assertThat(source.excerpts()).singleElement().asString().contains("Researchers measured moss");
    assertThat(source.attributes()).containsEntry("author", "Ada Fern");
  }

  @Test
  void splitsLongDocumentsIntoNumberedPagesAndReadsOnFromTheRunCache() {
    ToolResult first = call("{\"url\": \"" + url("/long.txt") + "\"}");
    ToolResult third = call("{\"url\": \"" + url("/long.txt") + "\", \"page\": 3}");

    assertThat(first.content()).contains("Page 1 of 15 - call read_page with page 2 to read on.");
    assertThat(first.content()).contains("Paragraph 1:").doesNotContain("Paragraph 6:");
    assertThat(third.content()).contains("Page 3 of 15").contains("Paragraph 11:");
    server.verify(1, getRequestedFor(urlEqualTo("/long.txt")));
  }

  @Test
  void refusesAPageNumberPastTheEnd() {
    ToolResult result = call("{\"url\": \"" + url("/long.txt") + "\", \"page\": 99}");

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("Page 99 does not exist").contains("has 15 pages");
  }

  @Test
  void showsWhichPdfPagesAPageCovers() {
    ToolResult result = call("{\"url\": \"" + url("/report.pdf") + "\"}");

    assertThat(result.content())
        .startsWith("[S1] Moss report")
        .contains("Type: PDF")
        .contains("Page 1 of 1 (PDF pages 1-2)")
        .contains("Page two text.");
  }

  @Test
  void listsLinksWhenAsked() {
    ToolResult result = call("{\"url\": \"" + url("/moss") + "\", \"links\": true}");

    assertThat(result.content())
        .contains("Links (")
        .contains("1. in the journal - https://journal.example.org/moss");
  }

  @Test
  void turnsRefusalsIntoErrorObservations() {
    ToolResult refused = call("{\"url\": \"http://169.254.169.254/latest/meta-data/\"}");
    ToolResult missing = call("{\"url\": \"" + url("/nothing-here") + "\"}");
    ToolResult badPage = call("{\"url\": \"" + url("/moss") + "\", \"page\": 0}");

    assertThat(refused.error()).isTrue();
    assertThat(refused.content()).contains("cloud metadata address");
    assertThat(missing.error()).isTrue();
    assertThat(missing.content()).contains("HTTP 404");
    assertThat(badPage.error()).isTrue();
    assertThat(badPage.content()).contains("'page' must be a whole number from 1");
    assertThat(context.sources()).isEmpty();
  }

  @Test
  void readsTextServedWithAnyCharsetIntoTheSameObservation() {
    server.stubFor(
        get("/ru")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/plain; charset=koi8-r")
                    .withBody(
                        "Мох растёт быстрее в городах."
                            .getBytes(java.nio.charset.Charset.forName("KOI8-R")))));

    assertThat(call("{\"url\": \"" + url("/ru") + "\"}").content())
        .contains("Мох растёт быстрее в городах.");
    assertThat(StandardCharsets.UTF_8).isNotNull();
  }
}
