package dev.researcher4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.verify.ModelVerifier;
import dev.researcher4j.eval.Dataset;
import dev.researcher4j.eval.EvalItem;
import dev.researcher4j.eval.EvalSummary;
import dev.researcher4j.testing.ScriptedChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke tests of the examples with the scripted model: they run and do what they say. */
class ExamplesTest {

  @TempDir Path dir;

  private static boolean isPlan(dev.researcher4j.api.ChatRequest r) {
    return r.responseFormat().name().equals(ResearchAgent.PLAN_RESPONSE_FORMAT);
  }

  private static boolean isVerify(dev.researcher4j.api.ChatRequest r) {
    return r.responseFormat().name().equals(ModelVerifier.RESPONSE_FORMAT_NAME);
  }

  private static final String PLAN =
      "{\"subQuestions\":[\"q\"],\"evidenceNeeded\":[\"e\"],\"firstSearches\":[\"s\"]}";
  private static final String ALL_SUPPORTED =
      "{\"verdicts\":[{\"claim\":1,\"verdict\":\"SUPPORTED\"},{\"claim\":2,\"verdict\":\"SUPPORTED\"},{\"claim\":3,\"verdict\":\"SUPPORTED\"}]}";

  @Test
  void embedExampleAnswersAndWritesItsTrajectory() throws Exception {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .when(ExamplesTest::isPlan, r -> ScriptedChatModel.text(PLAN))
            .otherwise(r -> ScriptedChatModel.text("Answer: 42\n\nThe answer is 42."))
            .build();

    Outcome outcome = EmbedExample.research(model, dir, "What is six times seven?");

    assertThat(outcome.answer()).isEqualTo("42");
    try (var files = Files.list(dir)) {
      assertThat(files.toList())
          .singleElement()
          .satisfies(f -> assertThat(f.toString()).endsWith(".jsonl"));
    }
  }

  @Test
  void customToolExampleCitesTheWikiPageItFound() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .when(ExamplesTest::isPlan, r -> ScriptedChatModel.text(PLAN))
            .when(ExamplesTest::isVerify, r -> ScriptedChatModel.text(ALL_SUPPORTED))
            .reply(
                ScriptedChatModel.toolCalls(
                    ScriptedChatModel.call("c1", "search_wiki", "{\"query\":\"billing\"}")))
            .reply(
                ScriptedChatModel.text(
                    "Answer: the Payments team\n\nThe billing service is owned by the Payments team [S1]."))
            .build();

    Outcome outcome = CustomToolExample.ask(model, "Who owns billing?");

    assertThat(outcome.stopReason()).as(outcome.error()).isEqualTo(StopReason.COMPLETED);
    assertThat(outcome.answer()).isEqualTo("the Payments team");
    assertThat(outcome.sources())
        .extracting(s -> s.url())
        .containsExactlyElementsOf(CustomToolExample.knownUrls());
    // The tool's schema came from the annotated parameters.
    var wikiTool =
        dev.researcher4j.core.tool.ToolMethods.from(
                new CustomToolExample.InternalWiki(java.util.Map.of()))
            .get(0);
    assertThat(wikiTool.spec().parameters().at("/required").toString()).isEqualTo("[\"query\"]");
  }

  @Test
  void supervisorRunsSubResearchersInParallelAndLinksTheirRuns() throws Exception {
    CountDownLatch bothSubRunsStarted = new CountDownLatch(2);
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .when(ExamplesTest::isPlan, r -> ScriptedChatModel.text(PLAN))
            .when(ExamplesTest::isVerify, r -> ScriptedChatModel.text(ALL_SUPPORTED))
            .when(
                r ->
                    r.messages().stream()
                        .anyMatch(m -> m.content().contains("energy mix of France in 2024")),
                r -> {
                  bothSubRunsStarted.countDown();
                  assertThat(bothSubRunsStarted.await(30, TimeUnit.SECONDS))
                      .as("sub-runs overlap")
                      .isTrue();
                  return ScriptedChatModel.text(
                      "Answer: mostly nuclear\n\nFrance's 2024 mix was mostly nuclear.");
                })
            .when(
                r ->
                    r.messages().stream()
                        .anyMatch(m -> m.content().contains("energy mix of Germany in 2024")),
                r -> {
                  bothSubRunsStarted.countDown();
                  assertThat(bothSubRunsStarted.await(30, TimeUnit.SECONDS))
                      .as("sub-runs overlap")
                      .isTrue();
                  return ScriptedChatModel.text(
                      "Answer: mostly renewables\n\nGermany's 2024 mix was mostly renewables.");
                })
            .reply(
                ScriptedChatModel.toolCalls(
                    ScriptedChatModel.call(
                        "r1",
                        "research",
                        "{\"question\":\"What was the energy mix of France in 2024?\"}"),
                    ScriptedChatModel.call(
                        "r2",
                        "research",
                        "{\"question\":\"What was the energy mix of Germany in 2024?\"}")))
            .reply(
                ScriptedChatModel.text(
                    "Answer: France nuclear, Germany renewables\n\nFrance relied on nuclear, Germany on renewables."))
            .build();

    Trajectory run =
        SupervisorExample.supervise(
            model, List.of(), dir, "Compare the 2024 energy mix of France and Germany.");

    assertThat(SupervisorExample.outcome(run).answer())
        .isEqualTo("France nuclear, Germany renewables");
    ToolExecution[] calls =
        run.steps().stream()
            .filter(s -> s.kind() == StepKind.TOOLS)
            .flatMap(s -> s.toolExecutions().stream())
            .toArray(ToolExecution[]::new);
    assertThat(calls).hasSize(2).allSatisfy(c -> assertThat(c.childRunIds()).hasSize(1));
    for (ToolExecution call : calls) {
      assertThat(dir.resolve(call.childRunIds().get(0) + ".jsonl")).exists();
    }
  }

  @Test
  void evalExampleReportsPassAtOneAndMinesHardCases() throws Exception {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .when(ExamplesTest::isPlan, r -> ScriptedChatModel.text(PLAN))
            .when(ExamplesTest::isVerify, r -> ScriptedChatModel.text(ALL_SUPPORTED))
            .otherwise(
                r ->
                    ScriptedChatModel.text(
                        r.messages().stream().anyMatch(m -> m.content().contains("France"))
                            ? "Answer: Paris\n\nParis."
                            : "Answer: Milan\n\nMilan."))
            .build();
    Dataset dataset =
        Dataset.parse(
            "capitals",
            "{\"id\":\"fr\",\"question\":\"Capital of France?\",\"answer\":\"Paris\"}\n"
                + "{\"id\":\"it\",\"question\":\"Capital of Italy?\",\"answer\":\"Rome\"}\n");

    ScriptedChatModel judge =
        ScriptedChatModel.answering(
            r -> {
              boolean milan = r.messages().stream().anyMatch(m -> m.content().contains("Milan"));
              return ScriptedChatModel.text(
                  "{\"extracted_final_answer\":\""
                      + (milan ? "Milan" : "Paris")
                      + "\",\"reasoning\":\"compared\",\"correct\":\""
                      + (milan ? "no" : "yes")
                      + "\",\"confidence\":\"100\"}");
            });

    EvalSummary summary = EvalExample.evaluate(model, judge, dataset, dir);

    assertThat(summary.passAt1()).isEqualTo(0.5);
    assertThat(Files.readString(dir.resolve("hard-cases.jsonl")))
        .contains("\"it\"")
        .doesNotContain("\"fr\"");
    assertThat(dataset.items()).extracting(EvalItem::id).containsExactly("fr", "it");
  }
}
