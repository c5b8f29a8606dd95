package dev.researcher4j.tools.scholar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.ServerErrorException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScholarSearchTest {

  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private static Paper paper(PaperSource s, String title, String arxiv) {
    return Paper.builder().source(s).title(title).arxivId(arxiv).year(2020).build();
  }

  @Test
  void asksSourcesInParallel() {
    CountDownLatch bothStarted = new CountDownLatch(2);
    Runnable meetTheOther =
        () -> {
          bothStarted.countDown();
          try {
            // Returns only once the other source has started too: proof that they run at once.
            assertThat(bothStarted.await(5, TimeUnit.SECONDS)).isTrue();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    FakeSource arxiv =
        new FakeSource(PaperSource.ARXIV)
            .results(paper(PaperSource.ARXIV, "A shared paper about graphs", "2101.00001"))
            .beforeAnswer(meetTheOther);
    FakeSource s2 =
        new FakeSource(PaperSource.SEMANTIC_SCHOLAR)
            .results(
                paper(PaperSource.SEMANTIC_SCHOLAR, "A shared paper about graphs", "2101.00001v2"))
            .beforeAnswer(meetTheOther);

    ScholarResult result =
        ScholarSearch.builder()
            .add(arxiv)
            .add(s2)
            .executor(executor)
            .build()
            .search(PaperQuery.of("graphs"));

    assertThat(result.papers())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.sources())
                    .containsExactlyInAnyOrder(PaperSource.ARXIV, PaperSource.SEMANTIC_SCHOLAR));
    assertThat(result.answered()).containsExactly(PaperSource.ARXIV, PaperSource.SEMANTIC_SCHOLAR);
    assertThat(result.isDegraded()).isFalse();
  }

  @Test
  void aFailingSourceDegradesTheAnswerInsteadOfFailingIt() {
    FakeSource arxiv =
        new FakeSource(PaperSource.ARXIV)
            .results(paper(PaperSource.ARXIV, "Only arXiv answered this", "2101.00001"));
    FakeSource crossref =
        new FakeSource(PaperSource.CROSSREF)
            .failing(new ServerErrorException("crossref: server error (HTTP 503: busy)"));

    ScholarResult result =
        ScholarSearch.builder()
            .add(arxiv)
            .add(crossref)
            .executor(executor)
            .build()
            .search(PaperQuery.of("x"));

    assertThat(result.papers()).hasSize(1);
    assertThat(result.answered()).containsExactly(PaperSource.ARXIV);
    assertThat(result.failures()).containsOnlyKeys(PaperSource.CROSSREF);
    assertThat(result.failureNote())
        .isEqualTo("Crossref failed: crossref: server error (HTTP 503: busy)");
  }

  @Test
  void aSourceThatDoesNotAnswerInTimeIsReportedAsFailed() {
    CountDownLatch never = new CountDownLatch(1);
    FakeSource slow =
        new FakeSource(PaperSource.PUBMED)
            .beforeAnswer(
                () -> {
                  try {
                    never.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    FakeSource fast =
        new FakeSource(PaperSource.OPENALEX)
            .results(paper(PaperSource.OPENALEX, "Fast answer arrived in time", ""));

    ScholarResult result =
        ScholarSearch.builder()
            .add(slow)
            .add(fast)
            .executor(executor)
            .sourceTimeout(Duration.ofMillis(200))
            .build()
            .search(PaperQuery.of("x"));

    assertThat(result.papers()).hasSize(1);
    assertThat(result.failures()).containsEntry(PaperSource.PUBMED, "no answer within 200 ms");
  }

  @Test
  void searchesOnlyTheChosenSourcesAndDropsPapersOutsideTheYears() {
    FakeSource arxiv =
        new FakeSource(PaperSource.ARXIV)
            .results(
                Paper.builder()
                    .source(PaperSource.ARXIV)
                    .title("Too old for the query range")
                    .year(1999)
                    .build(),
                Paper.builder()
                    .source(PaperSource.ARXIV)
                    .title("Right in the query range")
                    .year(2021)
                    .build());
    FakeSource s2 = new FakeSource(PaperSource.SEMANTIC_SCHOLAR);

    ScholarResult result =
        ScholarSearch.builder()
            .add(arxiv)
            .add(s2)
            .executor(executor)
            .build()
            .search(PaperQuery.builder("x").fromYear(2020).build(), Set.of(PaperSource.ARXIV));

    assertThat(result.papers())
        .extracting(Paper::title)
        .containsExactly("Right in the query range");
    assertThat(s2.calls).isEmpty();
  }

  @Test
  void lookupAsksSourcesThatUnderstandTheIdThenFollowsTheIdsItLearns() {
    PaperId arxivId = PaperId.arxiv("1706.03762");
    Paper fromArxiv =
        Paper.builder()
            .source(PaperSource.ARXIV)
            .title("Attention Is All You Need")
            .arxivId("1706.03762")
            .doi("10.5555/attention.2017")
            .abstractText("short")
            .build();
    Paper fromCrossref =
        Paper.builder()
            .source(PaperSource.CROSSREF)
            .title("Attention is all you need")
            .doi("10.5555/attention.2017")
            .venue("NeurIPS")
            .abstractText("a much longer abstract from the publisher")
            .build();
    FakeSource arxiv =
        new FakeSource(PaperSource.ARXIV, PaperId.Type.ARXIV).knows(arxivId, fromArxiv);
    FakeSource crossref =
        new FakeSource(PaperSource.CROSSREF, PaperId.Type.DOI)
            .knows(PaperId.doi("10.5555/attention.2017"), fromCrossref);
    FakeSource pubmed = new FakeSource(PaperSource.PUBMED, PaperId.Type.PMID);

    ScholarResult result =
        ScholarSearch.builder()
            .add(arxiv)
            .add(crossref)
            .add(pubmed)
            .executor(executor)
            .build()
            .lookup(arxivId);

    Paper p = result.first().orElseThrow();
    assertThat(p.sources()).containsExactlyInAnyOrder(PaperSource.ARXIV, PaperSource.CROSSREF);
    assertThat(p.venue()).isEqualTo("NeurIPS");
    assertThat(p.abstractText()).isEqualTo("a much longer abstract from the publisher");
    assertThat(crossref.calls).containsExactly("lookup:doi:10.5555/attention.2017");
    assertThat(pubmed.calls).isEmpty();
  }

  @Test
  void citationsComeFromEveryGraphMergedAndMostCitedFirst() {
    Paper bert =
        Paper.builder()
            .source(PaperSource.SEMANTIC_SCHOLAR)
            .title("BERT")
            .doi("10.18653/v1/n19-1423")
            .citationCount(90000)
            .build();
    Paper bertOa =
        Paper.builder()
            .source(PaperSource.OPENALEX)
            .title("BERT")
            .doi("10.18653/V1/N19-1423")
            .citationCount(80000)
            .build();
    Paper gpt =
        Paper.builder()
            .source(PaperSource.OPENALEX)
            .title("GPT")
            .doi("10.1000/gpt")
            .citationCount(100)
            .build();
    FakeSource s2 =
        new FakeSource(PaperSource.SEMANTIC_SCHOLAR, PaperId.Type.ARXIV)
            .graph(List.of(bert), List.of());
    FakeSource openalex =
        new FakeSource(PaperSource.OPENALEX, PaperId.Type.ARXIV)
            .graph(List.of(gpt, bertOa), List.of());

    ScholarResult result =
        ScholarSearch.builder()
            .add(s2)
            .add(openalex)
            .executor(executor)
            .build()
            .citations(PaperId.arxiv("1706.03762"), 10);

    assertThat(result.papers()).extracting(Paper::title).containsExactly("BERT", "GPT");
    assertThat(result.papers().get(0).citationCount()).hasValue(90000);
  }

  @Test
  void aRateLimitedGraphStillLeavesTheOther() {
    FakeSource s2 =
        new FakeSource(PaperSource.SEMANTIC_SCHOLAR, PaperId.Type.DOI)
            .failing(new RateLimitException("semantic-scholar: rate limited"));
    FakeSource openalex =
        new FakeSource(PaperSource.OPENALEX, PaperId.Type.DOI)
            .graph(
                List.of(), List.of(Paper.builder().title("A reference").doi("10.1000/r").build()));

    ScholarResult result =
        ScholarSearch.builder()
            .add(s2)
            .add(openalex)
            .executor(executor)
            .build()
            .references(PaperId.doi("10.1000/x"), 5);

    assertThat(result.papers()).hasSize(1);
    assertThat(result.failures()).containsKey(PaperSource.SEMANTIC_SCHOLAR);
  }

  @Test
  void configuresAllFiveSourcesFromTheEnvironment() {
    ScholarSearch search =
        ScholarSearch.fromEnv(
            Map.of(
                "RESEARCHER_CONTACT_EMAIL", "me@example.org",
                "SEMANTIC_SCHOLAR_API_KEY", "k1-aaaaaaaa"));

    assertThat(search.sources()).containsExactly(PaperSource.values());
    assertThat(search.source(PaperSource.PUBMED)).get().isInstanceOf(PubMedClient.class);
  }

  @Test
  void builderRejectsBadValues() {
    assertThatThrownBy(() -> ScholarSearch.builder().build())
        .hasMessage("at least one source is required, but none was added");
    assertThatThrownBy(() -> ScholarSearch.builder().sourceTimeout(Duration.ZERO))
        .hasMessage("sourceTimeout must be positive, but was PT0S");
  }
}
