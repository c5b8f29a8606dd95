package dev.researcher4j.tools.scholar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.ServerErrorException;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.testing.FakeToolContext;
import dev.researcher4j.testing.ToolContractTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class GetPaperToolTest extends ToolContractTest {

  static final Paper DEEP_LEARNING =
      Paper.builder()
          .source(PaperSource.CROSSREF)
          .title("Deep learning")
          .doi("10.1038/nature14539")
          .pmid("26017442")
          .year(2015)
          .publicationDate("2015-05-27")
          .venue("Nature")
          .type(PublicationType.REVIEW)
          .citationCount(75000)
          .abstractText(
              "Deep learning allows computational models that are composed of multiple"
                  + " processing layers to learn representations of data with multiple levels of"
                  + " abstraction.")
          .authors(
              List.of(
                  Author.of("Yann", "LeCun")
                      .withAffiliations(List.of("New York University"))
                      .withOrcid("0000-0002-2397-1234"),
                  Author.of("Yoshua", "Bengio"),
                  Author.of("Geoffrey", "Hinton")))
          .build();

  private final FakeSource crossref =
      new FakeSource(PaperSource.CROSSREF, PaperId.Type.DOI)
          .knows(PaperId.doi("10.1038/nature14539"), DEEP_LEARNING);
  private final FakeSource pubmed =
      new FakeSource(PaperSource.PUBMED, PaperId.Type.PMID, PaperId.Type.DOI)
          .failing(new ServerErrorException("pubmed: server error (HTTP 502)"));

  @Override
  protected Tool tool() {
    return new GetPaperTool(ScholarSearch.builder().add(crossref).add(pubmed).build());
  }

  @Override
  protected String validArguments() {
    return "{\"id\": \"https://doi.org/10.1038/NATURE14539\"}";
  }

  @Test
  void showsTheFullRecordWithAbstractAndRegistersIt() throws Exception {
    FakeToolContext context = new FakeToolContext();

    ToolResult result =
        tool().execute(new ToolCall("c", GetPaperTool.NAME, validArguments()), context);

    assertThat(result.error()).isFalse();
    assertThat(result.content())
        .startsWith("[S1] Deep learning\n")
        .contains("Authors: Yann LeCun, Yoshua Bengio, Geoffrey Hinton")
        .contains("Yann LeCun (ORCID 0000-0002-2397-1234) — New York University")
        .contains("Published: 2015-05-27")
        .contains("Identifiers: doi:10.1038/nature14539, PMID:26017442")
        .contains("Cited by: 75000")
        .contains("Abstract: Deep learning allows computational models")
        .contains("Note: PubMed failed: pubmed: server error (HTTP 502)");
    assertThat(context.sources())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.url()).isEqualTo("https://doi.org/10.1038/nature14539");
              assertThat(s.excerpts().get(0)).startsWith("Deep learning allows");
            });
  }

  @Test
  void anUnknownPaperOrIdIsAnErrorSayingWhatToTry() throws Exception {
    ToolResult unknown =
        tool()
            .execute(
                new ToolCall("c", GetPaperTool.NAME, "{\"id\": \"10.1000/unknown\"}"),
                new FakeToolContext());
    ToolResult notAnId =
        tool()
            .execute(
                new ToolCall("c", GetPaperTool.NAME, "{\"id\": \"deep learning review\"}"),
                new FakeToolContext());

    assertThat(unknown.error()).isTrue();
    assertThat(unknown.content())
        .contains("No paper found for doi:10.1000/unknown")
        .contains("search_papers");
    assertThat(notAnId.error()).isTrue();
    assertThat(notAnId.content()).contains("is not a paper id");
  }
}
