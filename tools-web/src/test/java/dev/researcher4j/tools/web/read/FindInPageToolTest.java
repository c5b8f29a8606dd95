package dev.researcher4j.tools.web.read;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.testing.FakeToolContext;
import dev.researcher4j.testing.ToolContractTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FindInPageToolTest extends ToolContractTest {

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
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 40; i++) {
      text.append("Section ").append(i).append(". ");
      text.append(
          i == 25 ? "The moss   grew 4.1 mm per year on urban roofs. " : "Nothing notable here. ");
      text.append("Filler sentence to make the page longer. ".repeat(3)).append("\n\n");
    }
    server.stubFor(
        get("/study.txt")
            .willReturn(
                aResponse().withHeader("Content-Type", "text/plain").withBody(text.toString())));
    server.stubFor(
        get("/report.pdf")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/pdf")
                    .withBody(
                        WebFixtures.pdf(
                            "Report", "", List.of("Intro page.", "Results: nitrogen doubled.")))));
  }

  @Override
  protected FindInPageTool tool() {
    return FindInPageTool.of(WebFixtures.reader().pageSize(1000).build());
  }

  @Override
  protected String validArguments() {
    return "{\"url\": \"" + url("/study.txt") + "\", \"text\": \"moss grew\"}";
  }

  private ToolResult call(String arguments) {
    return tool().execute(new ToolCall("c1", FindInPageTool.NAME, arguments), context);
  }

  @Test
  void findsAPhraseIgnoringCaseAndSpacingAndSaysWhichPageItIsOn() {
    ToolResult result =
        call("{\"url\": \"" + url("/study.txt") + "\", \"text\": \"MOSS GREW 4.1\"}");

    assertThat(result.error()).isFalse();
    assertThat(result.content())
        .startsWith("[S1] study.txt")
        .contains("1 match for \"MOSS GREW 4.1\" (the document has 7 pages):")
        .contains("1. page 5: \"…")
        .contains("The moss grew 4.1 mm per year on urban roofs.");
    assertThat(context.sources().get(0).excerpts())
        .singleElement()
        .asString()
        .contains("The moss grew 4.1 mm");
  }

  @Test
  void findsPassagesWithAllTheWordsWhenThePhraseIsAbsent() {
    ToolResult result =
        call("{\"url\": \"" + url("/study.txt") + "\", \"text\": \"urban moss roofs\"}");

    assertThat(result.content())
        .contains("1 match with all the words of \"urban moss roofs\"")
        .contains("urban roofs");
  }

  @Test
  void saysSoWhenNothingMatches() {
    ToolResult result = call("{\"url\": \"" + url("/study.txt") + "\", \"text\": \"lichen\"}");

    assertThat(result.error()).isFalse();
    assertThat(result.content()).contains("No match for \"lichen\"").contains("read_page");
  }

  @Test
  void reportsPdfPagesOfMatches() {
    ToolResult result = call("{\"url\": \"" + url("/report.pdf") + "\", \"text\": \"nitrogen\"}");

    assertThat(result.content())
        .contains("1. page 1 (PDF page 2): \"")
        .contains("Results: nitrogen doubled.");
  }

  @Test
  void needsBothArguments() {
    ToolResult result = call("{\"url\": \"" + url("/study.txt") + "\"}");

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("'text'");
  }
}
