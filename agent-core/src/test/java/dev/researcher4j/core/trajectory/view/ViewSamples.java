package dev.researcher4j.core.trajectory.view;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.Reward;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.ResearchScenario;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.testing.FakeClock;
import dev.researcher4j.testing.ScriptedChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: writes sample pages (a research run, an evaluated run, a long run) for looking at the
 * view in a browser. Runs only when {@code researcher4j.view.samples} names an output directory;
 * {@code scripts/view-screenshots} sets it and takes the screenshots.
 */
@EnabledIfSystemProperty(named = "researcher4j.view.samples", matches = ".+")
class ViewSamples {

  private static final String REPORT =
      """
      # Urban moss growth

      Moss on city rooftops grows markedly faster than in the countryside, and the best-supported
      reason is nitrogen deposition from traffic [S1, S2]. A second, weaker factor is the urban heat
      island, which lengthens the growing season [S3].

      ## Findings

      1. A three-year rooftop study in four cities found **40 percent** faster growth where airborne
         nitrogen was higher [S1].
      2. Monthly measurements of two hundred plots showed the effect in every season [S2].
      3. Warmer nights extend the growing season by two to three weeks [S3].

      | City | Growth vs. rural | Nitrogen (kg/ha/yr) |
      |------|-----------------:|--------------------:|
      | Oslo | +40% | 18 |
      | Graz | +35% | 15 |
      | Lyon | +22% | 11 |

      ## Method

      The study's plots were photographed monthly and measured with `mossmeter --area`:

      ```
      mossmeter --area plots/*.jpg > areas.csv
      ```

      ## Limits

      The heat-island estimate rests on one source and was not replicated; see
      https://example.org/heat-island-review for the review that questions it.
      """;

  private static Trajectory research() {
    Tool search =
        ViewTools.tool(
            "web_search",
            call ->
                ToolResult.of(
                    "[S1] Moss grows faster in cities — a rooftop study\n"
                        + "[S2] Two hundred plots, measured monthly\n"
                        + "[S3] Urban heat islands and growing seasons",
                    List.of(
                        Source.web(
                            "https://example.org/articles/2026/03/moss-grows-faster-in-cities"
                                + "-rooftop-study-nitrogen-deposition-traffic",
                            "Moss grows faster in cities: a three-year rooftop study",
                            "moss grew 40 percent faster where nitrogen in the air was higher"),
                        Source.web(
                            "https://journal.example.net/plots",
                            "Two hundred plots, measured monthly",
                            "The team measured two hundred plots every month."),
                        Source.web(
                            "https://example.org/heat-island",
                            "Urban heat islands and growing seasons",
                            "Warmer nights extend the season by two to three weeks."))));
    Tool read =
        ViewTools.tool(
            "read_page",
            call ->
                ToolResult.of(
                    "Moss grows faster in cities\n\n"
                        + "A three-year rooftop study in four cities found that moss grew 40"
                        + " percent faster where nitrogen in the air was higher. "
                        + "The team measured two hundred plots every month. ".repeat(40)));
    Tool scholar =
        ViewTools.tool(
            "search_papers",
            call ->
                ToolResult.error(
                    "search_papers failed: cannot resolve host api.semanticscholar.org"));
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .toolCalls(
                new ToolCall("call_1", "web_search", "{\"query\":\"moss growth cities\"}"),
                new ToolCall("call_2", "search_papers", "{\"query\":\"urban moss nitrogen\"}"))
            .toolCalls(
                new ToolCall(
                    "call_3",
                    "read_page",
                    "{\"query\":\"https://example.org/articles/2026/03/moss\"}"))
            .text("Answer: Yes, about 40% faster, mostly from traffic nitrogen [S1]\n\n" + REPORT)
            .build();
    return ResearchAgent.builder()
        .chatModel(model)
        .tools(search, read, scholar)
        .planning(false)
        .verification(VerificationPolicy.disabled())
        .clock(FakeClock.fixed())
        .build()
        .run(Task.of("Does moss grow faster in cities than in the countryside, and why?"));
  }

  @Test
  void writeSamplePages() throws Exception {
    Path out = Path.of(System.getProperty("researcher4j.view.samples"));
    Files.createDirectories(out);
    TrajectoryHtml.write(research(), out.resolve("research.html"));

    Trajectory evaluated = ResearchScenario.completing().record(Files.createTempDirectory("eval"));
    Grade grade =
        new Grade(
            "llm-judge/1",
            "judge-model",
            Grade.Label.CORRECT,
            1,
            "alpha is 42, gamma is 7",
            "The response states both values of the reference answer.",
            0.9);
    TrajectoryHtml.write(
        evaluated.withGrades(
            List.of(grade), new Reward(0.95, Map.of("correctness", 1.0, "steps", -0.05), "")),
        out.resolve("eval.html"));

    ResearchScenario endless = ResearchScenario.endless();
    Trajectory longRun =
        endless
            .agent(endless.model())
            .budget(Budget.builder().maxSteps(100).maxToolCalls(1000).build())
            .build()
            .run(ResearchScenario.TASK);
    TrajectoryHtml.write(longRun, out.resolve("long.html"));
  }
}
