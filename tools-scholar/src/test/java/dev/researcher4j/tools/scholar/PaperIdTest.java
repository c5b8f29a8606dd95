package dev.researcher4j.tools.scholar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.tools.scholar.PaperId.Type;
import org.junit.jupiter.api.Test;

class PaperIdTest {

  @Test
  void readsEveryFormAPersonOrModelWrites() {
    assertThat(PaperId.parse("10.1038/NATURE14539"))
        .isEqualTo(new PaperId(Type.DOI, "10.1038/nature14539"));
    assertThat(PaperId.parse("https://doi.org/10.1038/nature14539").value())
        .isEqualTo("10.1038/nature14539");
    assertThat(PaperId.parse("doi:10.1038/nature14539").type()).isEqualTo(Type.DOI);
    assertThat(PaperId.parse("1706.03762")).isEqualTo(PaperId.arxiv("1706.03762"));
    assertThat(PaperId.parse("arXiv:1706.03762v7").value()).isEqualTo("1706.03762v7");
    assertThat(PaperId.parse("arXiv:1706.03762v7").unversioned()).isEqualTo("1706.03762");
    assertThat(PaperId.parse("https://arxiv.org/abs/2101.00001v2").value())
        .isEqualTo("2101.00001v2");
    assertThat(PaperId.parse("https://arxiv.org/pdf/2101.00001.pdf").value())
        .isEqualTo("2101.00001");
    assertThat(PaperId.parse("hep-th/9901001").type()).isEqualTo(Type.ARXIV);
    assertThat(PaperId.parse("https://doi.org/10.48550/arXiv.1706.03762"))
        .isEqualTo(PaperId.arxiv("1706.03762"));
    assertThat(PaperId.parse("PMID:26017442")).isEqualTo(PaperId.pmid("26017442"));
    assertThat(PaperId.parse("26017442").type()).isEqualTo(Type.PMID);
    assertThat(PaperId.parse("https://pubmed.ncbi.nlm.nih.gov/26017442/").value())
        .isEqualTo("26017442");
    assertThat(PaperId.parse("PMC5815332")).isEqualTo(new PaperId(Type.PMCID, "PMC5815332"));
    assertThat(PaperId.parse("W2741809807").type()).isEqualTo(Type.OPENALEX);
    assertThat(PaperId.parse("https://openalex.org/W2741809807").value()).isEqualTo("W2741809807");
    assertThat(PaperId.parse("204E3073870FAE3D05BCBC2F6A8E263D9B72E776").value())
        .isEqualTo("204e3073870fae3d05bcbc2f6a8e263d9b72e776");
    assertThat(
            PaperId.parse(
                    "https://www.semanticscholar.org/paper/Attention-is-All-you-Need-Vaswani/204e3073870fae3d05bcbc2f6a8e263d9b72e776")
                .type())
        .isEqualTo(Type.SEMANTIC_SCHOLAR);
    assertThat(PaperId.parse("CorpusId:13756489"))
        .isEqualTo(new PaperId(Type.CORPUS_ID, "13756489"));
    assertThat(PaperId.parse("https://example.org/paper.html").type()).isEqualTo(Type.URL);
  }

  @Test
  void rejectsWhatIsNoIdSayingWhatWouldBe() {
    assertThatThrownBy(() -> PaperId.parse("attention is all you need"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DOI")
        .hasMessageContaining("arXiv");
    assertThatThrownBy(() -> PaperId.parse(" ")).hasMessage("paper id is required, but was blank");
    assertThatThrownBy(() -> PaperId.doi("not-a-doi")).hasMessageContaining("not a valid doi id");
  }

  @Test
  void printsIdsTheWayPeopleWriteThem() {
    assertThat(PaperId.doi("10.1000/x")).hasToString("doi:10.1000/x");
    assertThat(PaperId.arxiv("1706.03762")).hasToString("arXiv:1706.03762");
    assertThat(PaperId.pmid("1")).hasToString("PMID:1");
  }

  @Test
  void sourceNamesAreForgiving() {
    assertThat(PaperSource.fromName("Semantic-Scholar")).isEqualTo(PaperSource.SEMANTIC_SCHOLAR);
    assertThat(PaperSource.fromName("S2")).isEqualTo(PaperSource.SEMANTIC_SCHOLAR);
    assertThat(PaperSource.fromName("PubMed")).isEqualTo(PaperSource.PUBMED);
    assertThatThrownBy(() -> PaperSource.fromName("scopus")).hasMessageContaining("known sources");
  }
}
