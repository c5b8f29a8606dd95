package dev.researcher4j.tools.scholar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaperMergerTest {

  private static Paper.Builder paper(PaperSource source, String title) {
    return Paper.builder().source(source).title(title);
  }

  @Test
  void mergesRecordsWithTheSameDoiWrittenDifferently() {
    Paper crossref =
        paper(PaperSource.CROSSREF, "Deep learning").doi("10.1038/nature14539").build();
    Paper openalex =
        paper(PaperSource.OPENALEX, "Deep Learning")
            .doi("https://doi.org/10.1038/NATURE14539")
            .build();

    List<Paper> merged = PaperMerger.merge(List.of(crossref, openalex));

    assertThat(merged)
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.sources())
                    .containsExactlyInAnyOrder(PaperSource.CROSSREF, PaperSource.OPENALEX));
  }

  @Test
  void mergesByArxivIdIgnoringVersionAndArxivsOwnDoi() {
    Paper arxiv =
        paper(PaperSource.ARXIV, "Attention Is All You Need").arxivId("1706.03762v7").build();
    Paper s2 =
        paper(PaperSource.SEMANTIC_SCHOLAR, "Attention is All you Need")
            .arxivId("1706.03762")
            .build();
    Paper openalex =
        paper(PaperSource.OPENALEX, "Attention Is All You Need")
            .doi("10.48550/arXiv.1706.03762")
            .build();

    assertThat(PaperMerger.merge(List.of(arxiv, s2, openalex))).hasSize(1);
  }

  @Test
  void mergesByPmid() {
    Paper pubmed = paper(PaperSource.PUBMED, "Deep learning.").pmid("26017442").build();
    Paper s2 =
        paper(PaperSource.SEMANTIC_SCHOLAR, "Deep learning in nature")
            .pmid("PMID:26017442")
            .build();

    assertThat(PaperMerger.merge(List.of(pubmed, s2))).hasSize(1);
  }

  @Test
  void mergesByNormalisedTitleAndYear() {
    Paper a = paper(PaperSource.CROSSREF, "Schrödinger Bridges: a Survey!").year(2021).build();
    Paper b = paper(PaperSource.ARXIV, "schrodinger bridges — A survey").year(2021).build();
    Paper otherYear =
        paper(PaperSource.OPENALEX, "Schrödinger bridges: a survey").year(2015).build();

    List<Paper> merged = PaperMerger.merge(List.of(a, b, otherYear));

    assertThat(merged).hasSize(2);
    assertThat(merged.get(0).sources())
        .containsExactlyInAnyOrder(PaperSource.CROSSREF, PaperSource.ARXIV);
  }

  @Test
  void aRecordWithoutYearJoinsTheOnlyWorkWithItsTitle() {
    Paper dated =
        paper(PaperSource.CROSSREF, "Graph neural networks for molecules").year(2020).build();
    Paper undated =
        paper(PaperSource.SEMANTIC_SCHOLAR, "Graph Neural Networks for Molecules").build();

    assertThat(PaperMerger.merge(List.of(dated, undated))).hasSize(1);
  }

  @Test
  void neverMergesByTitleWhenJournalDoisDiffer() {
    Paper a =
        paper(PaperSource.CROSSREF, "Editorial: recent advances in the field")
            .year(2020)
            .doi("10.1000/a")
            .build();
    Paper b =
        paper(PaperSource.CROSSREF, "Editorial: recent advances in the field")
            .year(2020)
            .doi("10.1000/b")
            .build();

    assertThat(PaperMerger.merge(List.of(a, b))).hasSize(2);
  }

  @Test
  void shortGenericTitlesAreNotEnoughToMerge() {
    Paper a = paper(PaperSource.CROSSREF, "Introduction").year(2020).build();
    Paper b = paper(PaperSource.OPENALEX, "Introduction").year(2020).build();

    assertThat(PaperMerger.merge(List.of(a, b))).hasSize(2);
  }

  @Test
  void mergedRecordsKeepEveryIdAndTheBestOfEachField() {
    Paper arxiv =
        paper(PaperSource.ARXIV, "Attention Is All You Need")
            .arxivId("1706.03762v7")
            .venue("arXiv")
            .year(2017)
            .type(PublicationType.PREPRINT)
            .abstractText("Short abstract.")
            .pdfUrl("https://arxiv.org/pdf/1706.03762v7")
            .authors(
                List.of(
                    Author.of("Ashish Vaswani").withAffiliations(List.of("Google Brain")),
                    Author.of("Noam Shazeer")))
            .build();
    Paper s2 =
        paper(PaperSource.SEMANTIC_SCHOLAR, "Attention is All you Need")
            .arxivId("1706.03762")
            .otherId(Paper.ID_SEMANTIC_SCHOLAR, "204e3073870fae3d05bcbc2f6a8e263d9b72e776")
            .venue("Neural Information Processing Systems")
            .type(PublicationType.CONFERENCE_PAPER)
            .year(2017)
            .citationCount(128000)
            .referenceCount(41)
            .abstractText(
                "The dominant sequence transduction models are based on complex recurrent"
                    + " or convolutional neural networks.")
            .addFieldOfStudy("Computer Science")
            .authors(
                List.of(
                    Author.of("Ashish Vaswani"),
                    Author.of("Noam M. Shazeer"),
                    Author.of("Niki Parmar")))
            .build();
    Paper openalex =
        paper(PaperSource.OPENALEX, "Attention Is All You Need")
            .doi("10.48550/arxiv.1706.03762")
            .otherId(Paper.ID_OPENALEX, "W2626778328")
            .citationCount(6000)
            .addFieldOfStudy("computer science")
            .addFieldOfStudy("Artificial Intelligence")
            .authors(List.of(Author.of("Ashish Vaswani").withOrcid("0000-0001-2345-6789")))
            .build();

    Paper merged = PaperMerger.combine(List.of(arxiv, s2, openalex));

    assertThat(merged.arxivId()).isEqualTo("1706.03762");
    assertThat(merged.doi()).isEqualTo("10.48550/arxiv.1706.03762");
    assertThat(merged.otherIds())
        .containsEntry(Paper.ID_SEMANTIC_SCHOLAR, "204e3073870fae3d05bcbc2f6a8e263d9b72e776")
        .containsEntry(Paper.ID_OPENALEX, "W2626778328")
        .containsEntry(Paper.ID_ARXIV_VERSIONED, "1706.03762v7");
    assertThat(merged.citationCount()).hasValue(128000);
    assertThat(merged.referenceCount()).hasValue(41);
    assertThat(merged.abstractText()).startsWith("The dominant sequence");
    assertThat(merged.venue()).isEqualTo("Neural Information Processing Systems");
    assertThat(merged.type()).isEqualTo(PublicationType.CONFERENCE_PAPER);
    assertThat(merged.pdfUrl()).isEqualTo("https://arxiv.org/pdf/1706.03762v7");
    assertThat(merged.title()).isEqualTo("Attention Is All You Need");
    assertThat(merged.fieldsOfStudy())
        .containsExactly("computer science", "Artificial Intelligence");
    assertThat(merged.authors()).hasSize(3);
    assertThat(merged.authors().get(0).orcid()).isEqualTo("0000-0001-2345-6789");
    assertThat(merged.authors().get(0).affiliations()).containsExactly("Google Brain");
    assertThat(merged.sources())
        .containsExactlyInAnyOrder(
            PaperSource.ARXIV, PaperSource.SEMANTIC_SCHOLAR, PaperSource.OPENALEX);
  }

  @Test
  void publisherMetadataOutranksPreprintMetadata() {
    Paper crossref =
        paper(PaperSource.CROSSREF, "Deep learning")
            .doi("10.1038/nature14539")
            .year(2015)
            .venue("Nature")
            .type(PublicationType.JOURNAL_ARTICLE)
            .build();
    Paper arxivDoiOnly =
        paper(PaperSource.SEMANTIC_SCHOLAR, "Deep Learning")
            .doi("10.1038/nature14539")
            .year(2014)
            .venue("ArXiv")
            .build();

    Paper merged = PaperMerger.combine(List.of(arxivDoiOnly, crossref));

    assertThat(merged.year()).hasValue(2015);
    assertThat(merged.venue()).isEqualTo("Nature");
    assertThat(merged.title()).isEqualTo("Deep learning");
  }

  @Test
  void rankFusionPutsPapersSeveralSourcesAgreeOnFirst() {
    Paper onlyArxivTop =
        paper(PaperSource.ARXIV, "A preprint only arXiv ranks first").arxivId("2101.00001").build();
    Paper shared1 =
        paper(PaperSource.ARXIV, "Shared paper found by both sources")
            .arxivId("2101.00002")
            .build();
    Paper shared2 =
        paper(PaperSource.SEMANTIC_SCHOLAR, "Shared paper found by both sources")
            .arxivId("2101.00002v2")
            .citationCount(10)
            .build();
    Paper onlyS2 =
        paper(PaperSource.SEMANTIC_SCHOLAR, "Another paper only S2 found").doi("10.1000/x").build();

    List<Paper> ranked =
        PaperMerger.mergeRanked(List.of(List.of(onlyArxivTop, shared1), List.of(onlyS2, shared2)));

    assertThat(ranked)
        .extracting(Paper::title)
        .containsExactly(
            "Shared paper found by both sources",
            "A preprint only arXiv ranks first",
            "Another paper only S2 found");
    assertThat(ranked.get(0).sources()).hasSize(2);
  }

  @Test
  void sameWorkAnswersTheQuestionDirectly() {
    Paper a = paper(PaperSource.PUBMED, "x y z").pmid("1").build();
    Paper b = paper(PaperSource.OPENALEX, "other").pmid("1").build();
    Paper c = paper(PaperSource.OPENALEX, "other").pmid("2").build();

    assertThat(PaperMerger.sameWork(a, b)).isTrue();
    assertThat(PaperMerger.sameWork(a, c)).isFalse();
    assertThat(a.mergedWith(b).sources()).hasSize(2);
  }
}
