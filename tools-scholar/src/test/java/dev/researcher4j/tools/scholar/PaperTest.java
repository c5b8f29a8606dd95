package dev.researcher4j.tools.scholar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaperTest {

  @Test
  void unknownValuesAreEmptyNeverNull() {
    Paper p =
        Paper.builder()
            .title(null)
            .doi(null)
            .venue(null)
            .authors(null)
            .year(null)
            .citationCount(null)
            .fieldsOfStudy(null)
            .type(null)
            .build();

    assertThat(p.title()).isEmpty();
    assertThat(p.doi()).isEmpty();
    assertThat(p.authors()).isEmpty();
    assertThat(p.year()).isEmpty();
    assertThat(p.citationCount()).isEmpty();
    assertThat(p.type()).isEqualTo(PublicationType.UNKNOWN);
    assertThat(p.citationUrl()).isEmpty();
    assertThat(p.ids()).isEmpty();
  }

  @Test
  void garbageInIdentifierFieldsIsIgnoredNotFatal() {
    Paper p =
        Paper.builder()
            .doi("n/a")
            .arxivId("none")
            .pmid("PMIDX")
            .year(12)
            .publicationDate("sometime")
            .landingUrl("javascript:alert(1)")
            .citationCount(-5)
            .build();

    assertThat(p.doi()).isEmpty();
    assertThat(p.arxivId()).isEmpty();
    assertThat(p.pmid()).isEmpty();
    assertThat(p.year()).isEmpty();
    assertThat(p.publicationDate()).isEmpty();
    assertThat(p.landingUrl()).isEmpty();
    assertThat(p.citationCount()).isEmpty();
  }

  @Test
  void equalPapersAreEqualAndToBuilderRoundTrips() {
    Paper p =
        Paper.builder()
            .source(PaperSource.CROSSREF)
            .title("T")
            .doi("10.1000/X")
            .year(2020)
            .addAuthor(Author.of("Ada Lovelace"))
            .otherId(Paper.ID_OPENALEX, "W1")
            .build();

    assertThat(p.toBuilder().build()).isEqualTo(p).hasSameHashCodeAs(p);
    assertThat(p.toBuilder().title("U").build()).isNotEqualTo(p);
    assertThat(p.toString()).contains("doi=10.1000/x").contains("CROSSREF");
  }

  @Test
  void citationUrlPrefersDoiThenArxivThenLandingPage() {
    assertThat(Paper.builder().doi("10.1000/x").arxivId("1706.03762").build().citationUrl())
        .isEqualTo("https://doi.org/10.1000/x");
    assertThat(
            Paper.builder()
                .arxivId("1706.03762v2")
                .landingUrl("https://x.org")
                .build()
                .citationUrl())
        .isEqualTo("https://arxiv.org/abs/1706.03762");
    assertThat(Paper.builder().pmid("123").build().citationUrl())
        .isEqualTo("https://pubmed.ncbi.nlm.nih.gov/123/");
  }

  @Test
  void authorsSplitNamesAndNormaliseOrcids() {
    Author a = Author.of("Ludwig van Beethoven").withOrcid("https://orcid.org/0000-0002-1825-009x");

    assertThat(a.givenName()).isEqualTo("Ludwig");
    assertThat(a.familyName()).isEqualTo("van Beethoven");
    assertThat(a.orcid()).isEqualTo("0000-0002-1825-009X");
    assertThat(Author.of("Plato").familyName()).isEqualTo("Plato");
    assertThatThrownBy(() -> new Author(" ", "", "", "", List.of()))
        .hasMessage("name is required, but was blank");
  }

  @Test
  void queriesRejectBadValuesNamingThem() {
    assertThatThrownBy(() -> PaperQuery.builder("x").limit(0))
        .hasMessage("limit must be between 1 and 100, but was 0");
    assertThatThrownBy(() -> PaperQuery.builder("x").fromYear(2020).toYear(2010).build())
        .hasMessage("fromYear must be <= toYear (2010), but was 2020");
    assertThatThrownBy(() -> PaperQuery.of(" ")).hasMessage("text is required, but was blank");
    assertThatThrownBy(() -> HttpSettings.builder().contactEmail("nope"))
        .hasMessageContaining("contactEmail must be an e-mail address");
  }
}
