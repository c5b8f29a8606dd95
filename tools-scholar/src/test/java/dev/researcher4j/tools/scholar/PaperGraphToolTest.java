package dev.researcher4j.tools.scholar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.testing.FakeToolContext;
import dev.researcher4j.testing.ToolContractTest;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PaperGraphToolTest {

  private static final Paper BERT =
      Paper.builder()
          .source(PaperSource.SEMANTIC_SCHOLAR)
          .title("BERT: Pre-training of Deep Bidirectional Transformers")
          .arxivId("1810.04805")
          .year(2019)
          .citationCount(90000)
          .build();
  private static final Paper LSTM =
      Paper.builder()
          .source(PaperSource.SEMANTIC_SCHOLAR)
          .title("Long Short-Term Memory")
          .doi("10.1162/neco.1997.9.8.1735")
          .year(1997)
          .citationCount(90000)
          .build();

  private static ScholarSearch search() {
    return ScholarSearch.builder()
        .add(
            new FakeSource(PaperSource.SEMANTIC_SCHOLAR, PaperId.Type.ARXIV, PaperId.Type.DOI)
                .graph(List.of(BERT), List.of(LSTM)))
        .build();
  }

  @Nested
  class Citations extends ToolContractTest {
    @Override
    protected Tool tool() {
      return PaperGraphTool.citations(search());
    }

    @Override
    protected String validArguments() {
      return "{\"id\": \"1706.03762\", \"count\": 5}";
    }

    @Test
    void listsCitingPapersAsSources() throws Exception {
      FakeToolContext context = new FakeToolContext();
      ToolResult result =
          tool().execute(new ToolCall("c", PaperGraphTool.CITATIONS, validArguments()), context);

      assertThat(result.content())
          .startsWith("1 papers citing arXiv:1706.03762")
          .contains("[S1] BERT");
      assertThat(context.sources().get(0).url()).isEqualTo("https://arxiv.org/abs/1810.04805");
    }
  }

  @Nested
  class References extends ToolContractTest {
    @Override
    protected Tool tool() {
      return PaperGraphTool.references(search());
    }

    @Override
    protected String validArguments() {
      return "{\"id\": \"arXiv:1706.03762\"}";
    }

    @Test
    void listsCitedPapersAndExplainsIdsNoGraphUnderstands() throws Exception {
      ToolResult refs =
          tool()
              .execute(
                  new ToolCall("c", PaperGraphTool.REFERENCES, validArguments()),
                  new FakeToolContext());
      ToolResult unusable =
          tool()
              .execute(
                  new ToolCall("c", PaperGraphTool.REFERENCES, "{\"id\": \"W123\"}"),
                  new FakeToolContext());

      assertThat(refs.content()).contains("[S1] Long Short-Term Memory (1997)");
      assertThat(unusable.error()).isTrue();
      assertThat(unusable.content()).contains("No citation source can use W123");
    }
  }
}
