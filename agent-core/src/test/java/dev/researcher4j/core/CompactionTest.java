package dev.researcher4j.core;

import static dev.researcher4j.core.Fixtures.agent;
import static dev.researcher4j.core.Fixtures.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
import dev.researcher4j.core.context.CompactionRequest;
import dev.researcher4j.core.context.ContextManagement;
import dev.researcher4j.core.context.ContextPolicy;
import dev.researcher4j.core.context.TokenEstimator;
import dev.researcher4j.testing.RecordingListener;
import dev.researcher4j.testing.ScriptedChatModel;
import dev.researcher4j.testing.TrajectoryAssertions;
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

  /** How many tool results of {@code request} are still whole (not yet notes). */
  private static long wholeResults(ChatRequest request) {
    return request.messages().stream()
        .filter(m -> m.role() == Role.TOOL && m.content().startsWith("Long result about"))
        .count();
  }

  @Test
  void staleResultsAreClearedLongBeforeALargeWindowFills() {
    ScriptedChatModel model = searching(20, 128_000);

    Trajectory trajectory =
        agent(model, longResults())
            .budget(Budget.builder().maxSteps(100).maxToolCalls(100).build())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory).isCompleted().citedSources("S1", "S20");
    List<Step> compactions = TrajectoryAssertions.steps(trajectory, StepKind.COMPACTION);
    assertThat(compactions)
        .isNotEmpty()
        .allMatch(c -> c.data().path("trigger").asText().equals("stale_results"));
    // Each result is ~730 tokens: the last 3 stay whole, and older ones are cleared once at least
    // 2,000 tokens of them (3 results) have piled up, so no prompt holds more than 6 whole.
    List<ChatRequest> requests = Fixtures.actRequests(model);
    assertThat(requests).allMatch(r -> wholeResults(r) <= 6);
    ChatRequest last = requests.get(requests.size() - 1);
    assertThat(wholeResults(last)).isGreaterThanOrEqualTo(3);
    String history = last.messages().stream().map(Message::content).reduce("", String::concat);
    for (int i = 1; i <= 20; i++) {
      assertThat(history).contains("[S" + i + "]");
    }
    // Not one result per turn: each compaction clears several, so caches hold between them.
    assertThat(compactions.size()).isLessThanOrEqualTo(20 / 3);
    assertThat(TrajectoryAssertions.toolExecutions(trajectory))
        .allMatch(e -> e.result().content().startsWith("Long result about"));
  }

  @Test
  void withoutAStaleResultLimitOnlyTheWindowTriggersCompaction() {
    ScriptedChatModel model = searching(20, 128_000);

    Trajectory trajectory =
        agent(model, longResults())
            .budget(Budget.builder().maxSteps(100).maxToolCalls(100).build())
            .context(ContextManagement.builder().staleResultTokens(0).build())
            .build()
            .run(Task.of("q"));

    assertThat(TrajectoryAssertions.steps(trajectory, StepKind.COMPACTION)).isEmpty();
    List<ChatRequest> requests = Fixtures.actRequests(model);
    assertThat(wholeResults(requests.get(requests.size() - 1))).isEqualTo(20);
  }

  @Test
  void aPolicyThatCannotSizeItsStaleResultsLeavesTheHistoryAlone() {
    ScriptedChatModel model = searching(8, 128_000);
    ContextPolicy broken =
        new ContextPolicy() {
          @Override
          public List<Message> compact(CompactionRequest request) {
            throw new AssertionError("compact must not be called far below the window");
          }

          @Override
          public long reclaimableTokens(List<Message> messages, TokenEstimator estimator) {
            throw new IllegalStateException("cannot size");
          }
        };

    Trajectory trajectory =
        agent(model, longResults())
            .context(ContextManagement.builder().policy(broken).build())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory).isCompleted();
    assertThat(TrajectoryAssertions.steps(trajectory, StepKind.COMPACTION)).isEmpty();
  }

  @Test
  void theDefaultPolicyCountsOnlyWholeResultsOlderThanTheRecentOnes() {
    String page = "x".repeat(4_000);
    List<Message> messages =
        List.of(
            Message.system("s"),
            Message.user("q"),
            Message.assistant(
                "", "", List.of(call("a", "web_search", "{}"), call("b", "web_search", "{}"))),
            Message.tool("a", "web_search", page),
            Message.tool("b", "web_search", "short"),
            Message.assistant(
                "", "", List.of(call("c", "web_search", "{}"), call("d", "web_search", "{}"))),
            Message.tool("c", "web_search", page),
            Message.tool("d", "web_search", page));
    TokenEstimator estimator = TokenEstimator.ofDefaults();

    // Keeping 2: "a" (1,000 tokens less its note) and "b" (too short to clear) are stale.
    assertThat(ContextPolicy.keepRecentToolResults(2).reclaimableTokens(messages, estimator))
        .isBetween(900L, 999L);
    // Keeping none: "c" and "d" answer the latest calls, unseen by the model, so still only "a".
    assertThat(ContextPolicy.keepRecentToolResults(0).reclaimableTokens(messages, estimator))
        .isBetween(900L, 999L);
    assertThat(ContextPolicy.keepRecentToolResults(4).reclaimableTokens(messages, estimator))
        .isZero();
    assertThat(ContextPolicy.summarizing(0).reclaimableTokens(messages, estimator)).isZero();
  }

  @Test
  void theStaleResultLimitIsCheckedAndCarriedOver() {
    ContextManagement context = ContextManagement.builder().staleResultTokens(500).build();

    assertThat(context.toBuilder().build().staleResultTokens()).isEqualTo(500);
    assertThat(ContextManagement.defaults().staleResultTokens())
        .isEqualTo(ContextManagement.DEFAULT_STALE_RESULT_TOKENS);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ContextManagement.builder().staleResultTokens(-1))
        .withMessage("staleResultTokens must be >= 0, but was -1");
  }

  @Test
  void resultsTheModelHasNotSeenYetAreNeverClearedEarly() {
    // One turn of five parallel searches, each result ~3,000 tokens: more than keepRecent (3) and
    // each over the stale limit on its own, yet the model must see all five before any goes.
    Tool bigResults =
        Fixtures.tool(
            "web_search",
            (c, ctx) -> {
              String query = c.parsedArguments().path("query").asText();
              return ToolResult.of(
                  ("Long result about " + query + ". ").repeat(550),
                  List.of(Source.web("https://example.org/" + query, "Page " + query, "")));
            });
    AtomicInteger turns = new AtomicInteger();
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .info(new ModelInfo("scripted", "large-window", 128_000, Map.of()))
            .otherwise(
                r ->
                    switch (turns.incrementAndGet()) {
                      case 1 ->
                          ScriptedChatModel.toolCalls(
                              call("a", "web_search", "{\"query\":\"q1\"}"),
                              call("b", "web_search", "{\"query\":\"q2\"}"),
                              call("c", "web_search", "{\"query\":\"q3\"}"),
                              call("d", "web_search", "{\"query\":\"q4\"}"),
                              call("e", "web_search", "{\"query\":\"q5\"}"));
                      case 2 ->
                          ScriptedChatModel.toolCalls(
                              call("f", "web_search", "{\"query\":\"q6\"}"));
                      default -> ScriptedChatModel.text("Answer: done\n\nFirst [S1]. Last [S6].");
                    })
            .build();

    Trajectory trajectory =
        agent(model, bigResults)
            .budget(Budget.builder().maxSteps(20).maxToolCalls(20).build())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory).isCompleted();
    List<ChatRequest> requests = Fixtures.actRequests(model);
    assertThat(wholeResults(requests.get(1))).isEqualTo(5);
    // Once the next turn's result is in, the older ones beyond the last 3 may go.
    assertThat(wholeResults(requests.get(2))).isEqualTo(3);
  }
}
