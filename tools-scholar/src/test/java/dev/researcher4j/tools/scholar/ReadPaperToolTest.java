package dev.researcher4j.tools.scholar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.testing.FakeToolContext;
import dev.researcher4j.testing.ToolContractTest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ReadPaperToolTest extends ToolContractTest {

  private static final String BODY = "Introduction. ".repeat(100) + "Results: 42. ".repeat(100);

  private static final Paper ATTENTION =
      Paper.builder()
          .source(PaperSource.ARXIV)
          .title("Attention Is All You Need")
          .arxivId("1706.03762")
          .year(2017)
          .abstractText("The dominant sequence transduction models are based on recurrence.")
          .openAccessUrl("https://example.org/oa.pdf")
          .build();

  private final List<String> asked = new CopyOnWriteArrayList<>();

  private ScholarSearch search() {
    return ScholarSearch.builder()
        .add(
            new FakeSource(PaperSource.ARXIV, PaperId.Type.ARXIV)
                .knows(PaperId.arxiv("1706.03762"), ATTENTION))
        .build();
  }

  private FullTextReader reader() {
    return url -> {
      asked.add(url);
      if (url.contains("/html/")) {
        throw new IOException("HTTP 404");
      }
      if (url.contains("/pdf/")) {
        return Optional.of(new FullText(url, "Attention", BODY));
      }
      return Optional.empty();
    };
  }

  @Override
  protected Tool tool() {
    return new ReadPaperTool(search(), reader());
  }

  @Override
  protected String validArguments() {
    return "{\"id\": \"1706.03762\"}";
  }

  @Test
  void readsTheFirstFreeCopyThatYieldsTextInParts() throws Exception {
    FakeToolContext context = new FakeToolContext();

    ToolResult first =
        tool()
            .execute(
                new ToolCall(
                    "c", ReadPaperTool.NAME, "{\"id\": \"1706.03762\", \"max_chars\": 1000}"),
                context);
    ToolResult next =
        tool()
            .execute(
                new ToolCall(
                    "c",
                    ReadPaperTool.NAME,
                    "{\"id\": \"1706.03762\", \"offset\": 2500, \"max_chars\": 1000}"),
                context);

    assertThat(asked)
        .startsWith("https://arxiv.org/html/1706.03762", "https://arxiv.org/pdf/1706.03762");
    assertThat(first.content())
        .startsWith("[S1] Attention Is All You Need\n")
        .contains("Full text from https://arxiv.org/pdf/1706.03762, characters 0–1000 of 2700")
        .contains("[More: call read_paper with offset=1000.]");
    assertThat(next.content())
        .contains("characters 2500–2700 of 2700")
        .contains("Results: 42.")
        .doesNotContain("[More:");
    assertThat(context.sources())
        .singleElement()
        .satisfies(s -> assertThat(s.excerpts()).hasSize(2));
  }

  @Test
  void fallsBackToTheAbstractWhenNoCopyCanBeRead() throws Exception {
    ToolResult result =
        new ReadPaperTool(search(), FullTextReader.NONE)
            .execute(
                new ToolCall("c", ReadPaperTool.NAME, validArguments()), new FakeToolContext());

    assertThat(result.error()).isFalse();
    assertThat(result.content())
        .contains(
            "could not be read (tried https://arxiv.org/html/1706.03762,"
                + " https://arxiv.org/pdf/1706.03762, https://example.org/oa.pdf)")
        .contains("Abstract: The dominant sequence transduction models");
  }

  @Test
  void anUnknownPaperIsAnError() throws Exception {
    ToolResult result =
        tool()
            .execute(
                new ToolCall("c", ReadPaperTool.NAME, "{\"id\": \"2999.99999\"}"),
                new FakeToolContext());

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("No paper found for arXiv:2999.99999");
  }

  @Test
  void allToolsComeTogether() {
    assertThat(ScholarTools.create(search(), FullTextReader.NONE))
        .extracting(t -> t.spec().name())
        .containsExactly(
            "search_papers", "get_paper", "paper_citations", "paper_references", "read_paper");
  }
}
