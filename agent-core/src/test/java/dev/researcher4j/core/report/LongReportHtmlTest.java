package dev.researcher4j.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.RunTotals;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.api.Usage;
import dev.researcher4j.api.Warning;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class LongReportHtmlTest {

  private static final String MARKDOWN =
      """
      # Batteries

      > **Warning:** 1 claims are not supported by the sources they cite (flagged in place).

      ## Summary

      Cells got denser [S1]. Costs fell **fast** [S2, S4].

      ## 1. Chemistry

      | cell | Wh/kg |
      |---|---|
      | A | 400 [S1] |

      A claim without support [S99]. <script>alert(1)</script> and [a link](javascript:alert(1)).

      ## 2. Markets

      Prices [S4]. See ![chart](https://img.example/c.png) and https://example.org/more.

      ## Conclusion

      It is early [S2].

      ## References

      - [S1] Cells. https://a.example/cells
      """;

  private static ReportResult report() {
    List<Source> refs =
        List.of(
            Source.web("https://a.example/cells", "Cells", "").withId("S1"),
            new Source(
                "S2",
                Source.Kind.PAPER,
                "https://doi.org/10.1/x",
                "A study",
                List.of(),
                Map.of("authors", "Ada Lovelace, Alan Turing", "year", "2024", "venue", "Nature")),
            Source.web("javascript:alert(2)", "Odd", "").withId("S4"));
    Outcome outcome =
        new Outcome(
            "Batteries",
            MARKDOWN,
            refs,
            List.of(),
            StopReason.COMPLETED,
            "",
            List.of(new Warning(Warning.Kind.UNSUPPORTED_CLAIMS, "1 claims are not supported.")));
    TrajectoryHeader header =
        new TrajectoryHeader(
            TrajectoryHeader.SCHEMA_V1,
            "run-7",
            "",
            Task.of("batteries"),
            ModelInfo.of("test", "m"),
            List.of(),
            Budget.defaults(),
            "dev",
            Instant.EPOCH);
    Trajectory trajectory =
        new Trajectory(
            header,
            List.of(),
            outcome,
            new RunTotals(Usage.ZERO, 0, 0, 0, 0, 3, Duration.ZERO),
            List.of(),
            null);
    return new ReportResult(trajectory, "Batteries", List.of(), 30, 30, 0);
  }

  @Test
  void thePageHasContentsRenderedMarkdownAndCitationsLinkedToNumberedReferences() {
    Document page = Jsoup.parse(LongReportHtml.render(report()));

    assertThat(page.title()).isEqualTo("Batteries");
    assertThat(page.select("nav li a").eachText())
        .containsExactly("Summary", "1. Chemistry", "2. Markets", "Conclusion", "References");
    for (Element entry : page.select("nav li a")) {
      assertThat(page.getElementById(entry.attr("href").substring(1))).isNotNull();
    }
    assertThat(page.select("main table td").eachText()).contains("400 [S1]");
    assertThat(page.select("main strong").text()).isEqualTo("fast");
    assertThat(page.select("a.cite").eachAttr("href"))
        .containsExactly("#ref-S1", "#ref-S2", "#ref-S4", "#ref-S1", "#ref-S4", "#ref-S2");
    assertThat(page.select("ol.refs li").eachAttr("value")).containsExactly("1", "2", "4");
    assertThat(page.getElementById("ref-S2").text())
        .contains("Ada Lovelace, Alan Turing (2024). A study. Nature.");
    assertThat(page.select(".warn li").text()).isEqualTo("1 claims are not supported.");
    // The document's own title, warning lines and reference list are not repeated.
    assertThat(page.select("h1")).hasSize(1);
    assertThat(page.select("main blockquote")).isEmpty();
    assertThat(page.select("h2#references")).hasSize(1);
  }

  @Test
  void nothingInTheTextRunsOrLoadsAndUnknownIdsAreMarked() {
    String html = LongReportHtml.render(report());
    Document page = Jsoup.parse(html);

    assertThat(page.select("script")).isEmpty();
    assertThat(page.select("img")).isEmpty();
    assertThat(page.select("main").text()).contains("<script>alert(1)</script>");
    assertThat(page.select("a[href^=javascript]")).isEmpty();
    assertThat(page.select("span.bad").text()).isEqualTo("S99");
    assertThat(page.select("a[href=https://example.org/more]").attr("rel"))
        .isEqualTo("noopener noreferrer");
    assertThat(html).contains("default-src 'none'");
  }
}
