package dev.researcher4j.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.model.OpenAiChatModel;
import dev.researcher4j.core.report.ReportResult;
import dev.researcher4j.core.structured.CitedField;
import dev.researcher4j.core.structured.TypedResult;
import dev.researcher4j.core.verify.ModelVerifier;
import dev.researcher4j.examples.cli.ReportWorldModel;
import dev.researcher4j.testing.ScriptedChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Smoke tests of the output examples: a comparison table, a timeline, a literature review. */
class OutputExamplesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().extensions(new ReportWorldModel(3)))
          .build();

  @TempDir Path dir;

  private static final String PLAN =
      "{\"subQuestions\":[\"q\"],\"evidenceNeeded\":[\"e\"],\"firstSearches\":[\"s\"]}";

  /** A tool named {@code name} returning {@code sources}. */
  private static Tool tool(String name, Supplier<List<Source>> sources) {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    schema.putObject("properties").putObject("query").put("type", "string");
    return new Tool() {
      @Override
      public ToolSpec spec() {
        return ToolSpec.of(name, "Finds things for tests.", schema);
      }

      @Override
      public ToolResult execute(ToolCall call, ToolContext context) {
        return ToolResult.of("Found these.", sources.get());
      }
    };
  }

  private static Predicate<ChatRequest> format(String name) {
    return r -> name.equals(r.responseFormat().name());
  }

  /** Supported verdicts for claims 1..n, but for those in {@code rejected}. */
  private static String verdicts(int n, int... rejected) {
    ArrayNode list = JSON.createArrayNode();
    for (int i = 1; i <= n; i++) {
      int claim = i;
      boolean bad = java.util.Arrays.stream(rejected).anyMatch(r -> r == claim);
      list.addObject()
          .put("claim", i)
          .put("verdict", bad ? "UNSUPPORTED" : "SUPPORTED")
          .put("note", bad ? "the page lists another price" : "");
    }
    ObjectNode reply = JSON.createObjectNode();
    reply.set("verdicts", list);
    return reply.toString();
  }

  /** A model that plans, searches once, answers with {@code answer} and judges claims. */
  private static ScriptedChatModel model(String answer, String verdicts) {
    return ScriptedChatModel.builder()
        .when(format(ResearchAgent.PLAN_RESPONSE_FORMAT), r -> ScriptedChatModel.text(PLAN))
        .when(format(ModelVerifier.RESPONSE_FORMAT_NAME), r -> ScriptedChatModel.text(verdicts))
        .otherwise(
            r ->
                r.messages().stream().anyMatch(m -> m.role() == Role.TOOL)
                    ? ScriptedChatModel.text(answer)
                    : ScriptedChatModel.toolCalls(
                        ScriptedChatModel.call("c1", "web_search", "{\"query\":\"x\"}")))
        .build();
  }

  private static List<Source> pages() {
    return List.of(
        Source.web("https://shop.example/a", "Reader A", "Reader A costs 149.99 USD."),
        Source.web("https://shop.example/b", "Reader B", "Reader B costs 99 USD."));
  }

  @Test
  void productComparisonCitesEveryCellAndFlagsTheOneTheCheckerRejects() {
    String answer =
        "{\"products\":["
            + "{\"name\":\"Reader A\",\"maker\":\"Acme\",\"price\":{\"amount\":149.99,\"currency\":\"USD\","
            + "\"_sources\":{\"amount\":[\"S1\"],\"currency\":[\"S1\"]}},\"screen\":\"E_INK\",\"released\":\"2025-10-01\","
            + "\"weightGrams\":180,\"_sources\":{\"name\":[\"S1\"],\"maker\":[\"S1\"],\"screen\":[\"S1\"],"
            + "\"released\":[\"S1\"],\"weightGrams\":[\"S1\"]}},"
            + "{\"name\":\"Reader B\",\"maker\":\"Bolt\",\"price\":{\"amount\":89,\"currency\":\"USD\","
            + "\"_sources\":{\"amount\":[\"S2\"],\"currency\":[\"S2\"]}},\"screen\":\"LCD\",\"released\":\"2024-03-01\","
            + "\"weightGrams\":210,\"_sources\":{\"name\":[\"S2\"],\"maker\":[\"S2\"],\"screen\":[\"S2\"],"
            + "\"released\":[\"S2\"],\"weightGrams\":[\"S2\"]}}]}";
    // Claims in field order, seven per product: Reader B's price amount is claim 10.
    ScriptedChatModel model = model(answer, verdicts(14, 10));

    TypedResult<ProductComparisonExample.Comparison> result =
        ProductComparisonExample.compare(
            model, List.of(tool("web_search", OutputExamplesTest::pages)), "Compare");

    assertThat(result.value().products())
        .extracting(ProductComparisonExample.Product::screen)
        .containsExactly(
            ProductComparisonExample.Screen.E_INK, ProductComparisonExample.Screen.LCD);
    assertThat(result.fields()).hasSize(14);
    assertThat(result.flagged())
        .extracting(CitedField::path)
        .containsExactly("/products/1/price/amount");
    assertThat(result.sourcesOf("/products/0/price/amount")).containsExactly("S1");
    assertThat(result.outcome().report()).contains("| # | name | maker | screen | released |");
  }

  @Test
  void timelineComesBackInDateOrderWithTheSourcesOfEachDate() {
    String answer =
        "{\"events\":[{\"date\":\"2022-07-12\",\"what\":\"First images released.\","
            + "\"_sources\":{\"date\":[\"S2\"],\"what\":[\"S2\"]}},"
            + "{\"date\":\"2021-12-25\",\"what\":\"Launched.\",\"place\":\"Kourou\","
            + "\"_sources\":{\"date\":[\"S1\"],\"what\":[\"S1\"],\"place\":[\"S1\"]}}]}";
    ScriptedChatModel model = model(answer, verdicts(5));

    List<String> lines =
        TimelineExample.timeline(
            model, List.of(tool("web_search", OutputExamplesTest::pages)), "JWST");

    assertThat(lines)
        .containsExactly("2021-12-25  Launched. [S1]", "2022-07-12  First images released. [S2]");
  }

  @Test
  void literatureReviewWritesTheReportItsPageAndTheBibTeXOfThePapersItCites() throws Exception {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .willReturn(aResponse().withTransformers(ReportWorldModel.NAME)));
    OpenAiChatModel model =
        OpenAiChatModel.builder().baseUrl(server.baseUrl() + "/v1").model("test-model").build();
    Tool papers =
        tool(
            "web_search",
            () ->
                List.of(
                    new Source(
                        "",
                        Source.Kind.PAPER,
                        "https://doi.org/10.5555/rag.2024",
                        "Retrieval helps",
                        List.of("We show retrieval helps."),
                        Map.of(
                            "doi", "10.5555/rag.2024",
                            "authors", "Ada Lovelace, Alan Turing",
                            "year", "2024",
                            "venue", "Journal of Tests",
                            "type", "journal_article")),
                    Source.web("https://blog.example/rag", "A blog post", "RAG explained.")));

    ReportResult review =
        LiteratureReviewExample.review(
            model, new Tool[] {papers}, dir.resolve("review"), "Retrieval for science QA");

    assertThat(review.sections()).isNotEmpty();
    assertThat(Files.readString(dir.resolve("review/review.md"))).contains("## References");
    assertThat(Files.readString(dir.resolve("review/review.html"))).contains("<nav>");
    String bib = Files.readString(dir.resolve("review/review.bib"));
    assertThat(bib)
        .contains("@article{lovelace2024retrieval,")
        .contains("doi = {10.5555/rag.2024}")
        .doesNotContain("blog.example");
    assertThat(Files.readString(dir.resolve("review/review.json"))).contains("\"DOI\"");
  }
}
