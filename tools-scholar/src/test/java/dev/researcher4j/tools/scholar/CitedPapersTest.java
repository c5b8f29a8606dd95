package dev.researcher4j.tools.scholar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.api.Source;
import dev.researcher4j.tools.scholar.internal.PaperText;
import java.util.List;
import org.junit.jupiter.api.Test;

class CitedPapersTest {

  private static Paper attention() {
    return Paper.builder()
        .title("Attention Is All You Need")
        .addAuthor(Author.of("Ashish Vaswani"))
        .addAuthor(Author.of("Noam Shazeer"))
        .year(2017)
        .venue("NeurIPS")
        .arxivId("1706.03762")
        .type(PublicationType.CONFERENCE_PAPER)
        .build();
  }

  @Test
  void aPaperRecordedAsASourceReadsBackWithItsIdsAuthorsYearAndVenue() {
    Source recorded = PaperText.source(attention(), "We propose the Transformer.").withId("S3");

    Paper paper = CitedPapers.paper(recorded).orElseThrow();

    assertThat(paper.title()).isEqualTo("Attention Is All You Need");
    assertThat(paper.arxivId()).isEqualTo("1706.03762");
    assertThat(paper.authors())
        .extracting(Author::familyName)
        .containsExactly("Vaswani", "Shazeer");
    assertThat(paper.year()).hasValue(2017);
    assertThat(paper.venue()).isEqualTo("NeurIPS");
    assertThat(paper.type()).isEqualTo(PublicationType.CONFERENCE_PAPER);
    assertThat(BibTeX.citationKey(paper)).isEqualTo(BibTeX.citationKey(attention()));
  }

  @Test
  void onlyPapersBecomeBibTeXEachNamedByTheIdTheReportCitesItBy() {
    Source paper = PaperText.source(attention(), "").withId("S3");
    Source twin =
        PaperText.source(attention().toBuilder().arxivId("1706.99999").build(), "").withId("S9");
    Source page = Source.web("https://example.org", "A page", "text").withId("S4");

    String bib = CitedPapers.bibTeX(List.of(paper, page, twin));

    assertThat(bib)
        .startsWith("% [S3]\n@inproceedings{vaswani2017attention,")
        .contains("% [S9]\n@inproceedings{vaswani2017attentionb,")
        .contains("eprint = {1706.03762}")
        .doesNotContain("example.org");
    assertThat(CitedPapers.bibTeX(List.of(page))).isEmpty();
  }

  @Test
  void cslJsonListsThePapersOnly() throws Exception {
    Source paper = PaperText.source(attention(), "").withId("S3");
    Source page = Source.web("https://example.org", "A page", "text").withId("S4");

    JsonNode items = new ObjectMapper().readTree(CitedPapers.cslJson(List.of(page, paper)));

    assertThat(items).hasSize(1);
    assertThat(items.get(0).path("title").asText()).isEqualTo("Attention Is All You Need");
    assertThat(items.get(0).path("author").get(0).path("family").asText()).isEqualTo("Vaswani");
  }

  @Test
  void bibTeXKeysWithSpacesAreRefused() {
    assertThatThrownBy(() -> BibTeX.format(attention(), "two words"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'two words'");
  }
}
