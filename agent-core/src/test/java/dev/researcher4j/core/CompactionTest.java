package dev.researcher4j.core;

import static dev.researcher4j.core.Fixtures.agent;
import static dev.researcher4j.core.Fixtures.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.context.ContextManagement;
import dev.researcher4j.core.context.ContextPolicy;
import dev.researcher4j.core.context.TokenEstimator;
import dev.researcher4j.core.testing.RecordingListener;
import dev.researcher4j.core.testing.ScriptedChatModel;
import dev.researcher4j.core.testing.TrajectoryAssertions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompactionTest {

  private static final int WINDOW = 32_768;

  /** A search tool whose every result is long (about 1,000 tokens) and cites one new page. */
  private static Tool longResults() {
    return Fixtures.tool(
        "web_search",
        (c, ctx) -> {
          String query = c.parsedArguments().path("query").asText();
          return ToolResult.of(
              ("Long result about " + query + ". ").repeat(130),
              List.of(
                  Source.web("https://example.org/" + query, "Page " + query, "About " + query)));
        });
  }

  /** A model that searches {@code turns} times, then answers citing the first and last source. */
  private static ScriptedChatModel searching(int turns, int window) {
    AtomicInteger n = new AtomicInteger();
    return ScriptedChatModel.builder()
        .info(new ModelInfo("scripted", "small-window", window, Map.of()))
        .when(
            r -> r.messages().get(0).content().startsWith("The research conversation below"),
            r ->
                ScriptedChatModel.text(
                    "- Topic q1 is covered by [S1].\n- Searches so far: q1..q" + n.get()))
        .otherwise(
            r -> {
              int k = n.incrementAndGet();
              return k <= turns
                  ? ScriptedChatModel.toolCalls(
                      call("c" + k, "web_search", "{\"query\":\"q" + k + "\"}"))
                  : ScriptedChatModel.text("Answer: done\n\nFirst [S1]. Last [S" + turns + "].");
            })
        .build();
  }

  @Test
  void aSixtyStepRunFitsA32kWindowAndKeepsEverySourceCitable() {
    ScriptedChatModel model = searching(60, WINDOW);
    RecordingListener listener = new RecordingListener();

    Trajectory trajectory =
        agent(model, longResults())
            .listener(listener)
            .budget(Budget.builder().maxSteps(100).maxToolCalls(100).build())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory)
        .isCompleted()
        .calledTool("web_search", 60)
        .citedSources("S1", "S60")
        .hasStep(StepKind.COMPACTION);
    TokenEstimator estimator = TokenEstimator.ofDefaults();
    for (ChatRequest request : model.requests()) {
      assertThat(estimator.estimate(request.messages(), request.tools()))
          .isLessThan((long) (WINDOW * 0.8));
    }
    // Without compaction the last prompt would be far over the window.
    long uncompacted =
        TrajectoryAssertions.toolExecutions(trajectory).stream()
            .mapToLong(e -> estimator.estimate(e.result().content()))
            .sum();
    assertThat(uncompacted).isGreaterThan(WINDOW * 1L);
    ChatRequest last = model.requests().get(model.requests().size() - 1);
    String history = last.messages().stream().map(Message::content).reduce("", String::concat);
    for (int i = 1; i <= 60; i++) {
      assertThat(history).contains("[S" + i + "]");
    }
    assertThat(history)
        .contains(
            "[Compacted to save context: the earlier result of web_search({\"query\":\"q1\"}) showed sources [S1] Page q1.");
    // The trajectory keeps every result in full.
    assertThat(TrajectoryAssertions.toolExecutions(trajectory))
        .allMatch(
            e ->
                e.result().content().startsWith("Long result about")
                    && e.result().content().length() > 2_800);
    assertThat(listener.compactions())
        .isNotEmpty()
        .allMatch(c -> c.tokensAfter() < c.tokensBefore());
  }

  @Test
  void theModelStepAfterACompactionIsMarkedAsRewritten() {
    ScriptedChatModel model = searching(12, 8_000);

    Trajectory trajectory = agent(model, longResults()).build().run(Task.of("q"));

    List<Step> steps = trajectory.steps();
    int compaction = -1;
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).kind() == StepKind.COMPACTION) {
        compaction = i;
        break;
      }
    }
    assertThat(compaction).isPositive();
    Step compacted = steps.get(compaction);
    assertThat(compacted.data().path("tokens_after").asLong())
        .isLessThan(compacted.data().path("tokens_before").asLong());
    Step next = steps.get(compaction + 1);
    assertThat(next.kind()).isEqualTo(StepKind.MODEL);
    assertThat(next.modelCall().historyRewritten()).isTrue();
    assertThat(steps.get(compaction - 2).modelCall().historyRewritten()).isFalse();
  }

  @Test
  void theSummarizingPolicyReplacesOlderResearchWithTheModelsNotes() {
    ScriptedChatModel model = searching(8, 8_000);

    Trajectory trajectory =
        agent(model, longResults())
            .context(ContextManagement.builder().policy(ContextPolicy.summarizing(1)).build())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory).isCompleted().citedSources("S1", "S8");
    Step compaction = TrajectoryAssertions.steps(trajectory, StepKind.COMPACTION).get(0);
    assertThat(compaction.modelCall()).isNotNull();
    assertThat(compaction.modelCall().request().messages().get(1).content())
        .contains("Research question and task:")
        .contains("Result of web_search:");
    ChatRequest after =
        Fixtures.actRequests(model).stream()
            .filter(
                r ->
                    r.messages().stream()
                        .anyMatch(m -> m.content().startsWith("Notes on the research so far")))
            .findFirst()
            .orElseThrow();
    Message notes = after.messages().get(2);
    assertThat(notes.role()).isEqualTo(Role.USER);
    assertThat(notes.content())
        .contains("- Topic q1 is covered by [S1].")
        .contains("still citable by id: [S1] Page q1;");
    assertThat(after.messages().get(3).role()).isEqualTo(Role.ASSISTANT);
    assertThat(after.messages().get(3).hasToolCalls()).isTrue();
  }

  @Test
  void compactionCanBeSwitchedOff() {
    ScriptedChatModel model = searching(6, 8_000);

    Trajectory trajectory =
        agent(model, longResults()).context(ContextManagement.disabled()).build().run(Task.of("q"));

    assertThat(TrajectoryAssertions.steps(trajectory, StepKind.COMPACTION)).isEmpty();
  }
}
