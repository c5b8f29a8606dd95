package dev.researcher4j.core.trajectory.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.RunTotals;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.Warning;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.ResearchScenario;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.testing.FakeClock;
import dev.researcher4j.testing.ScriptedChatModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page read back as a browser reads it (jsoup's HTML5 parser). */
class TrajectoryHtmlPageTest {

  @TempDir Path dir;

  private static final String REPORT =
      """
      # Moss in cities

      ## Findings

      - Moss grew **40 percent** faster where nitrogen was higher [S1].
      - Rooftops were measured monthly [S1, S2].

      | City | Growth |
      |------|--------|
      | Oslo | +40% |
      | Graz | +35% |

      Run `measure --all` to repeat it:

      ```
      measure --all
      ```

      <script>alert(1)</script>

      See [bad](javascript:alert(2)), [data](data:text/html,x) and
      ![chart](https://example.org/chart.png) [S9].
      """;

  private static Trajectory run(List<Tool> tools, ScriptedChatModel model) {
    return ResearchAgent.builder()
        .chatModel(model)
        .tools(tools)
        .planning(false)
        .verification(VerificationPolicy.disabled())
        .clock(FakeClock.fixed())
        .build()
        .run(Task.of("Does moss grow faster in cities?"));
  }

  private static Trajectory markdownRun() {
    return markdownRun(REPORT);
  }

  private static Trajectory markdownRun(String report) {
    Tool search =
        ViewTools.tool(
            "web_search",
            call ->
                ToolResult.of(
                    "[S1] Moss study; [S2] Rooftops; [S3] unsafe",
                    List.of(
                        Source.web("https://example.org/moss", "Moss study", "moss grew"),
                        Source.web("http://example.org/roofs", "Rooftops", "monthly"),
                        Source.web("javascript:alert(3)", "Unsafe address", "x"))));
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .toolCalls(new ToolCall("c1", "web_search", "{\"query\":\"moss\"}"))
            .text("Answer: yes, about 40% faster [S1]\n\n" + report)
            .build();
    return run(List.of(search), model);
  }

  @Test
  void theReportIsRenderedFromMarkdownWithHeadingsListsTablesCodeAndCitationLinks() {
    Document page = Jsoup.parse(TrajectoryHtml.render(markdownRun()));
    Element report = page.selectFirst("#answer .report");

    assertThat(report).isNotNull();
    // Headings sit below the page's own h2 sections.
    assertThat(report.select("h3").eachText()).contains("Moss in cities");
    assertThat(report.select("h4").eachText()).contains("Findings");
    assertThat(report.select("li")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(report.select("li strong").text()).isEqualTo("40 percent");
    Element table = report.selectFirst("table");
    assertThat(table).isNotNull();
    assertThat(table.select("th").eachText()).containsExactly("City", "Growth");
    assertThat(table.select("tbody tr")).hasSize(2);
    assertThat(table.select("tbody td").eachText()).containsExactly("Oslo", "+40%", "Graz", "+35%");
    assertThat(report.select("p code").text()).isEqualTo("measure --all");
    assertThat(report.select("pre code").text()).isEqualTo("measure --all");
    assertThat(report.select("a.cite").eachAttr("href"))
        .contains("#source-S1", "#source-S2")
        .allSatisfy(href -> assertThat(page.getElementById(href.substring(1))).isNotNull());
    // No raw '#' headings or pipes left as text.
    assertThat(report.text()).doesNotContain("# Moss", "|------|");
    // An id the run never saw is not linked; the warnings say so.
    assertThat(report.select("a.cite").eachText()).doesNotContain("S9");
    assertThat(page.select("#warnings li").eachText())
        .anySatisfy(i -> assertThat(i).startsWith("Unsupported claims.").contains("S9"));
  }

  @Test
  void htmlInTheReportIsTextAndOnlyHttpLinksLeaveThePage() {
    String html = TrajectoryHtml.render(markdownRun());
    Document page = Jsoup.parse(html);

    assertThat(page.select("script, img, iframe, object, embed, form")).isEmpty();
    assertThat(page.selectFirst("#answer .report").text()).contains("<script>alert(1)</script>");
    assertThat(page.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"))
        .startsWith("default-src 'none'; style-src 'unsafe-inline'");
    for (Element link : page.select("a[href]")) {
      String href = link.attr("href");
      if (href.startsWith("#")) {
        assertThat(page.getElementById(href.substring(1))).as(href).isNotNull();
      } else {
        assertThat(href).as(link.outerHtml()).matches("https?://\\S+");
        assertThat(link.attr("rel")).isEqualTo("noopener noreferrer");
      }
    }
    // javascript: and data: destinations keep their text and lose their link.
    assertThat(page.select("#answer a").eachText()).contains("bad", "data");
    assertThat(page.select("#answer a:not([href])").eachText()).contains("bad", "data");
    // The image becomes a link to it.
    assertThat(page.select("#answer a[href=https://example.org/chart.png]").text())
        .isEqualTo("chart");
    // The sources table links web addresses and shows anything else as text.
    assertThat(page.select("#source-S1 a.url").attr("href")).isEqualTo("https://example.org/moss");
    assertThat(page.select("#source-S2 a.url").attr("href")).isEqualTo("http://example.org/roofs");
    assertThat(page.select("#source-S3 a")).isEmpty();
    assertThat(page.select("#source-S3").text()).contains("javascript:alert(3)");
  }

  @Test
  void warningsComeFirstAboveTheAnswer() throws Exception {
    Trajectory recorded = ResearchScenario.completing().record(dir);
    Trajectory run =
        new Trajectory(
            recorded.header(),
            recorded.steps(),
            recorded
                .requireOutcome()
                .withWarnings(
                    List.of(
                        new Warning(
                            Warning.Kind.UNVERIFIED_CLAIMS,
                            "2 of 3 claims not verified (the checker's reply could not be read)"),
                        new Warning(Warning.Kind.TRUNCATED_ANSWER, "The answer was cut off."))),
            recorded.totals(),
            recorded.grades(),
            recorded.reward());

    Document page = Jsoup.parse(TrajectoryHtml.render(run));
    Element warnings = page.getElementById("warnings");

    assertThat(warnings).isNotNull();
    List<String> sections = page.select("body > section").eachAttr("id");
    assertThat(sections.indexOf("warnings")).isLessThan(sections.indexOf("answer"));
    assertThat(sections.get(0)).isEqualTo("warnings");
    List<String> items = warnings.select("> ul > li").eachText();
    assertThat(items)
        .anySatisfy(
            i ->
                assertThat(i)
                    .startsWith("Claims not verified.")
                    .contains("2 of 3 claims not verified"))
        .anySatisfy(i -> assertThat(i).startsWith("Answer cut off."))
        // From the record itself: the failed tool call, with its step and error.
        .anySatisfy(
            i ->
                assertThat(i)
                    .startsWith("Tool failures. 1 of 8 tool calls failed")
                    .contains("flaky", "the flaky service said no"));
    Element failedStep = warnings.selectFirst("a[href^=#step-]");
    assertThat(failedStep).isNotNull();
    assertThat(page.getElementById(failedStep.attr("href").substring(1)).text())
        .contains("flaky EXCEPTION");
  }

  @Test
  void aRunStoppedByABudgetSaysWhichBudgetInItsWarnings() {
    ResearchScenario scenario = ResearchScenario.endless();
    Trajectory run =
        scenario
            .agent(scenario.model())
            .budget(Budget.builder().maxSteps(6).maxToolCalls(1000).build())
            .build()
            .run(ResearchScenario.TASK);

    Document page = Jsoup.parse(TrajectoryHtml.render(run));

    assertThat(run.requireOutcome().stopReason().isBudget()).isTrue();
    assertThat(page.select("#warnings li").eachText())
        .anySatisfy(i -> assertThat(i).startsWith("Stopped by a budget.").contains("step budget"));
    // The run's error says the same as its warnings; it is not repeated as an error.
    assertThat(page.select("#warnings li").eachText())
        .noneSatisfy(i -> assertThat(i).startsWith("Error."));
  }

  @Test
  void aCompleteRunWithoutProblemsHasNoWarningsBlock() {
    Trajectory recorded = markdownRun("Moss grew faster [S1].");
    Outcome checked = recorded.requireOutcome();
    // As a run whose claims were all checked and supported ends: no warnings of its own.
    Trajectory run =
        new Trajectory(
            recorded.header(),
            recorded.steps(),
            new Outcome(
                checked.answer(),
                checked.report(),
                checked.sources(),
                checked.citations(),
                StopReason.COMPLETED,
                "",
                List.of()),
            recorded.totals(),
            recorded.grades(),
            recorded.reward());
    Document page = Jsoup.parse(TrajectoryHtml.render(run));

    assertThat(recorded.requireOutcome().warnings())
        .extracting(Warning::kind)
        .containsExactly(Warning.Kind.UNVERIFIED_CLAIMS);

    assertThat(page.getElementById("warnings")).isNull();
  }

  @Test
  void aLongTextIsShownOnceWhetherFoldedOrOpened() {
    String words =
        IntStream.range(0, 900)
            .mapToObj(i -> String.format("w%04d", i))
            .collect(Collectors.joining(" "));
    Tool reader = ViewTools.tool("read_page", call -> ToolResult.of(words));
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .toolCalls(new ToolCall("c1", "read_page", "{\"query\":\"x\"}"))
            .text("Answer: done\n\nRead it.")
            .build();

    Document page = Jsoup.parse(TrajectoryHtml.render(run(List.of(reader), model)));
    Element tool = page.selectFirst("details.tool");

    assertThat(tool).isNotNull();
    Element preview = tool.selectFirst("pre.preview");
    Element rest = tool.selectFirst("details.more pre.rest");
    assertThat(preview).isNotNull();
    assertThat(rest).isNotNull();
    assertThat(preview.wholeText().length()).isLessThanOrEqualTo(TrajectoryHtml.PREVIEW_CHARS);
    assertThat(preview.wholeText() + rest.wholeText()).isEqualTo(words);
    for (String word : List.of("w0000", "w0100", "w0450", "w0899")) {
      assertThat(count(tool.text(), word)).as(word).isEqualTo(1);
    }
    assertThat(tool.selectFirst("details.more > summary").text())
        .isEqualTo(String.format("%,d more characters", rest.wholeText().length()));
  }

  @Test
  void stepsAreNumberedAsTheCommandLineNumbersThemInAlignedColumns() throws Exception {
    Trajectory run = ResearchScenario.completing().record(dir);
    Document page = Jsoup.parse(TrajectoryHtml.render(run));

    Elements steps = page.select("details.step");
    assertThat(steps).hasSize(run.steps().size());
    for (int i = 0; i < steps.size(); i++) {
      Element step = steps.get(i);
      assertThat(step.id()).isEqualTo("step-" + (i + 1));
      Element row = step.selectFirst("> summary > span.row");
      assertThat(row).as(step.id()).isNotNull();
      List<String> columns = new ArrayList<>();
      row.children().forEach(c -> columns.add(c.className()));
      assertThat(columns).containsExactly("num", "at", "kind", "tok", "dur", "sum");
      assertThat(row.child(0).text()).isEqualTo(String.valueOf(i + 1));
    }
  }

  @Test
  void turnsThatOnlyCalledToolsLeaveNoEmptyBoxes() throws Exception {
    Trajectory run = ResearchScenario.completing().record(dir);
    Document page = Jsoup.parse(TrajectoryHtml.render(run));

    assertThat(page.select("pre"))
        .isNotEmpty()
        .allSatisfy(pre -> assertThat(pre.wholeText()).as(pre.parent().id()).isNotBlank());
    // A sent assistant message that only called tools is a label naming the calls.
    assertThat(page.select("p.dim").eachText())
        .anySatisfy(p -> assertThat(p).startsWith("assistant (called web_search"));
  }

  @Test
  void aCostWithoutAPriceIsUnknownNotZero() throws Exception {
    Trajectory priced = ResearchScenario.completing().record(dir);
    RunTotals totals = priced.totals();
    Trajectory unpriced =
        new Trajectory(
            priced.header(),
            priced.steps(),
            priced.outcome(),
            new RunTotals(
                totals.usage().withCost(0),
                totals.steps(),
                totals.modelCalls(),
                totals.toolCalls(),
                totals.failedToolCalls(),
                totals.sources(),
                totals.elapsed()),
            priced.grades(),
            priced.reward());

    assertThat(Jsoup.parse(TrajectoryHtml.render(priced)).select("#totals td").eachText())
        .contains("$0.0060");
    assertThat(Jsoup.parse(TrajectoryHtml.render(unpriced)).select("#totals td").eachText())
        .contains("unknown (no price set for the model)");
  }

  private static int count(String text, String word) {
    int n = 0;
    for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      n++;
    }
    return n;
  }
}
