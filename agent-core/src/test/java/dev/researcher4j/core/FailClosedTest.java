package dev.researcher4j.core;

import static dev.researcher4j.core.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Citation.Support;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolChoice;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.api.Usage;
import dev.researcher4j.api.Warning;
import dev.researcher4j.core.trajectory.InMemoryTrajectorySink;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.core.trajectory.TrajectoryFooter;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.core.trajectory.TrajectorySink;
import dev.researcher4j.core.verify.ModelVerifier;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.testing.ScriptedChatModel;
import dev.researcher4j.testing.TrajectoryAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure paths that must fail closed: what a run could not do is said in its outcome and
 * report, never passed off as done. One test (or a few) per case of the loop issue's list.
 */
class FailClosedTest {

  @TempDir Path dir;

  // ------------------------------------------------------------------ 1. unreadable verifier

  @Test
  void anUnreadableVerifierReplyIsFlaggedInTheOutcomeTheReportAndTheStep() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .when(Fixtures.isVerify(), r -> ScriptedChatModel.text("All three claims look fine."))
            .reply(Fixtures.search("c1", "bridge"))
            .text("Answer: 1937\n\nThe bridge is red [S1]. It opened in 1937 [S1].")
            .build();

    Trajectory run =
        agent(model, Fixtures.search())
            .verification(VerificationPolicy.ofDefaults())
            .build()
            .run(Task.of("When did the bridge open?"));

    TrajectoryAssertions.assertThat(run)
        .isCompleted()
        .hasCitation("S1", Support.UNVERIFIED)
        .hasWarning(
            Warning.Kind.UNVERIFIED_CLAIMS,
            "2 of 2 claims not verified (" + ModelVerifier.UNREADABLE_REPLY + ")");
    String report = run.requireOutcome().report();
    assertThat(report)
        .startsWith("> **Warning:** 2 of 2 claims not verified (the checker's reply could not be")
        .contains("The bridge is red [S1]. *(not verified: the checker's reply could not be read)*")
        .contains(
            "It opened in 1937 [S1]. *(not verified: the checker's reply could not be read)*");
    Step verify = TrajectoryAssertions.steps(run, StepKind.VERIFY).get(1);
    assertThat(verify.summary())
        .startsWith("2 of 2 claims not verified (the checker's reply could not be read)")
        .doesNotStartWith("0 of");
    assertThat(verify.data().path("unverified").asInt()).isEqualTo(2);
  }

  @Test
  void claimsWithoutAVerdictAreUnverifiedWhenVerificationIsOffOnlyWithAWarning() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .reply(Fixtures.search("c1", "bridge"))
            .text("Answer: 1937\n\nIt opened in 1937 [S1].")
            .build();

    Trajectory run = agent(model, Fixtures.search()).build().run(Task.of("q"));

    TrajectoryAssertions.assertThat(run)
        .isCompleted()
        .hasWarning(
            Warning.Kind.UNVERIFIED_CLAIMS, "1 of 1 claims not verified (verification was off)");
    assertThat(run.requireOutcome().report()).doesNotContain("*(not verified");
  }

  // ------------------------------------------------------------------ 2. tools after "none"

  @Test
  void aModelCallingToolsWhenToldNotToIsAskedOnceMoreWithNoToolsInTheRequest() {
    AtomicInteger finals = new AtomicInteger();
    ScriptedChatModel model =
        ScriptedChatModel.answering(
            request -> {
              if (request.tools().isEmpty()) {
                return ScriptedChatModel.text("Answer: 42\n\nIt is 42 [S1].");
              }
              if (request.toolChoice().mode() == ToolChoice.Mode.NONE) {
                finals.incrementAndGet();
              }
              return Fixtures.search("c" + request.messages().size(), "more");
            });

    Trajectory run =
        agent(model, Fixtures.search())
            .budget(Budget.builder().maxToolCalls(2).build())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(run)
        .stoppedBecause(StopReason.BUDGET_TOOL_CALLS)
        .answerContains("42")
        .citedSources("S1")
        .hasNoWarning(Warning.Kind.COMPOSED_ANSWER)
        .hasWarning(Warning.Kind.BUDGET_STOP, "the tool-call budget of 2 calls");
    assertThat(finals).hasValue(1);
    ChatRequest last = model.requests().get(model.requests().size() - 1);
    assertThat(last.tools()).isEmpty();
    assertThat(Fixtures.last(last).content()).startsWith("No tools can be called any more.");
    // The unanswerable tool calls never reached the conversation.
    assertThat(last.messages().stream().filter(Message::hasToolCalls)).hasSize(2);
  }

  @Test
  void aModelThatKeepsCallingToolsGetsAnAnswerComposedFromItsSourcesMarkedAsSuch() {
    ScriptedChatModel model =
        ScriptedChatModel.answering(
            request ->
                Fixtures.search("c" + request.messages().size(), "q" + request.messages().size()));

    Trajectory run =
        agent(model, Fixtures.search())
            .budget(Budget.builder().maxSteps(4).build())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(run)
        .stoppedBecause(StopReason.BUDGET_STEPS)
        .hasAnswer()
        .madeModelCalls(4)
        .stayedWithinBudget()
        .hasWarning(Warning.Kind.COMPOSED_ANSWER, "the report lists the 3 sources")
        .reportContains("## Sources gathered")
        .reportContains("[S3] Page about q")
        .reportContains("> Facts about q");
    assertThat(run.requireOutcome().sources()).hasSize(3);
    assertThat(run.requireOutcome().report())
        .startsWith("> **Warning:** The model wrote no answer");
  }

  // ------------------------------------------------------------------ 3. cut off (length)

  @Test
  void aCutOffAnswerIsContinuedWhereItStopped() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .reply(Fixtures.search("c1", "bridge"))
            .reply(ScriptedChatModel.cutOff(ScriptedChatModel.text("Answer: 1937\n\nIt w")))
            .text("as opened in 1937 [S1].")
            .build();

    Trajectory run = agent(model, Fixtures.search()).build().run(Task.of("q"));

    TrajectoryAssertions.assertThat(run)
        .isCompleted()
        .reportContains("It was opened in 1937 [S1].")
        .hasNoWarning(Warning.Kind.TRUNCATED_ANSWER);
    ChatRequest continued = model.requests().get(2);
    assertThat(Fixtures.last(continued).content()).startsWith("Your answer was cut off");
    assertThat(continued.messages().get(continued.messages().size() - 2).content())
        .endsWith("It w");
  }

  @Test
  void anAnswerStillCutOffAfterTheContinuationsIsMarkedTruncated() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .reply(Fixtures.search("c1", "bridge"))
            .otherwise(
                r -> ScriptedChatModel.cutOff(ScriptedChatModel.text("Answer: 1937\n\nIt w")))
            .build();

    Trajectory run = agent(model, Fixtures.search()).build().run(Task.of("q"));

    TrajectoryAssertions.assertThat(run)
        .hasAnswer()
        .hasWarning(Warning.Kind.TRUNCATED_ANSWER, "cut off at the model's output limit")
        .reportContains("*[cut off here: the model's output limit was reached]*");
    assertThat(run.requireOutcome().report()).startsWith("> **Warning:** The answer was cut off");
    assertThat(model.callCount()).isEqualTo(4); // the search, the answer and two continuations
  }

  // ------------------------------------------------------------------ 4. content filter

  @Test
  void aContentFilterStopsTheRunWithItsOwnReasonAndTheRequestIsNotResent() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .reply(Fixtures.search("c1", "x"))
            .otherwise(r -> ScriptedChatModel.filtered(ScriptedChatModel.text("")))
            .build();

    Trajectory run = agent(model, Fixtures.search()).build().run(Task.of("q"));

    TrajectoryAssertions.assertThat(run)
        .stoppedBecause(StopReason.CONTENT_FILTERED)
        .madeModelCalls(2)
        .hasWarning(Warning.Kind.CONTENT_FILTERED, "content filter");
    assertThat(run.requireOutcome().error())
        .contains("content filter")
        .contains("content_filter")
        .contains("not sent again")
        .doesNotContain("empty reply");
  }

  // ------------------------------------------------------------------ 5. budgets checked before

  @Test
  void aCallThatWouldOverspendTheCostBudgetIsNeverSent() {
    ScriptedChatModel model =
        ScriptedChatModel.builder().price(1, 1).otherwise(r -> Fixtures.search("c1", "x")).build();

    Trajectory run =
        agent(model, Fixtures.search())
            .budget(Budget.builder().maxCostUsd(0.0001).build())
            .build()
            .run(Task.of("q"));

    assertThat(model.callCount()).isZero();
    TrajectoryAssertions.assertThat(run)
        .stoppedBecause(StopReason.BUDGET_COST)
        .stayedWithinBudget();
    assertThat(run.requireOutcome().error()).contains("cost budget ran out before");
    assertThat(run.totals().usage().costUsd()).isZero();
  }

  @Test
  void theMaxTokensOfEachRequestIsCappedToWhatTheCostBudgetLeaves() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .price(0, 1_000) // $0.001 per output token
            .text("Answer: 42\n\nNo sources.")
            .build();

    agent(model).budget(Budget.builder().maxCostUsd(0.05).build()).build().run(Task.of("q"));

    assertThat(model.requests().get(0).options().maxTokens()).isEqualTo(50);
  }

  @Test
  void aRunWithACostBudgetButNoPriceDoesNotStart() {
    ScriptedChatModel model = ScriptedChatModel.answering(r -> ScriptedChatModel.text("x"));

    Trajectory run =
        agent(model).budget(Budget.builder().maxCostUsd(1).build()).build().run(Task.of("q"));

    assertThat(model.callCount()).isZero();
    TrajectoryAssertions.assertThat(run).stoppedBecause(StopReason.FAILED);
    assertThat(run.requireOutcome().error()).contains("has no price").contains("--price");
  }

  @Test
  void aProviderThatReportsNoUsageCannotRunPastATokenBudget() {
    ScriptedChatModel model =
        ScriptedChatModel.answering(
            r -> Fixtures.search("c" + r.messages().size(), "x" + r.messages().size()));

    Trajectory run =
        agent(model, Fixtures.search())
            .budget(Budget.builder().maxInputTokens(3_000).build())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(run).stoppedBecause(StopReason.BUDGET_INPUT_TOKENS);
    long estimated =
        model.requests().stream()
            .mapToLong(
                r ->
                    dev.researcher4j.core.context.TokenEstimator.ofDefaults()
                        .estimate(r.messages(), r.tools()))
            .sum();
    assertThat(estimated).isLessThanOrEqualTo(3_000);
  }

  @Test
  void zeroOrNegativeLimitsAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> Budget.builder().maxCostUsd(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxCostUsd must be > 0, but was 0.0");
    assertThatThrownBy(() -> Budget.builder().maxOutputTokens(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxOutputTokens")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> Budget.builder().maxSteps(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  // ------------------------------------------------------------------ 6. the record

  @Test
  void aSinkThatCannotOpenItsRecordStopsTheRunBeforeAnyModelCall() throws Exception {
    Path file = dir.resolve("plain-file");
    Files.writeString(file, "not a directory");
    ScriptedChatModel model = ScriptedChatModel.answering(r -> ScriptedChatModel.text("x"));

    Trajectory run =
        agent(model)
            .trajectorySink(JsonlTrajectorySink.toFile(file.resolve("run.jsonl")))
            .build()
            .run(Task.of("q"));

    assertThat(model.callCount()).isZero();
    TrajectoryAssertions.assertThat(run).stoppedBecause(StopReason.FAILED);
    assertThat(run.requireOutcome().error())
        .startsWith("the trajectory could not be written")
        .contains(file.resolve("run.jsonl").toString());
    assertThat(Files.isRegularFile(file.resolve("run.jsonl"))).isFalse();
  }

  @Test
  void aSinkFailingMidRunStopsTheRunAndNoFurtherCallIsMade() {
    AtomicInteger stepsWritten = new AtomicInteger();
    TrajectorySink breaking =
        new TrajectorySink() {
          @Override
          public void onHeader(TrajectoryHeader header) {}

          @Override
          public void onStep(String runId, Step step) {
            if (stepsWritten.incrementAndGet() == 2) {
              throw new IllegalStateException("disk full");
            }
          }

          @Override
          public void onFooter(String runId, TrajectoryFooter footer) {}
        };
    ScriptedChatModel model =
        ScriptedChatModel.answering(r -> Fixtures.search("c" + r.messages().size(), "x"));
    InMemoryTrajectorySink memory = new InMemoryTrajectorySink();

    Trajectory run =
        agent(model, Fixtures.search())
            .trajectorySink(breaking)
            .trajectorySink(memory)
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(run).stoppedBecause(StopReason.FAILED);
    assertThat(run.requireOutcome().error())
        .isEqualTo("the trajectory could not be written: disk full");
    assertThat(model.callCount()).isEqualTo(1); // the model step, then the tools step broke it
    assertThat(memory.trajectory(run.runId()).orElseThrow().isFinished()).isTrue();
  }

  // ------------------------------------------------------------------ 8. secrets

  @Test
  void secretsEchoedByTheModelOrAToolNeverReachTheRecordOrTheReport() throws Exception {
    String apiKey = "sk-live-0123456789abcdef";
    String toolKey = "tvly-SECRET-987654";
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .secret(apiKey)
            .reply(
                ScriptedChatModel.toolCalls(
                    Fixtures.call("c1", "web_search", "{\"query\":\"" + apiKey + "\"}")))
            .text("Answer: the key is " + apiKey + "\n\nMy key is " + apiKey + " [S1].")
            .build();
    var echo =
        Fixtures.tool(
            "web_search",
            (call, ctx) ->
                dev.researcher4j.api.ToolResult.of(
                    "Echo " + call.arguments() + " with " + toolKey,
                    List.of(
                        dev.researcher4j.api.Source.web(
                            "https://example.org/?k=" + toolKey, "T " + toolKey, "E " + toolKey))));

    Trajectory run =
        agent(model, echo)
            .secrets(toolKey)
            .trajectorySink(JsonlTrajectorySink.inDirectory(dir))
            .build()
            .run(Task.of("q"));

    String file = Files.readString(dir.resolve(run.runId() + ".jsonl"));
    assertThat(file).doesNotContain(apiKey).doesNotContain(toolKey).contains("***");
    assertThat(run.requireOutcome().report()).doesNotContain(apiKey).doesNotContain(toolKey);
    assertThat(TrajectoryReader.read(dir.resolve(run.runId() + ".jsonl"))).isEqualTo(run);
  }

  // ------------------------------------------------------------------ 9. tool calls as text

  @Test
  void toolCallsWrittenAsTextAreRunAndTheMarkupIsNeverTheAnswer() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .text(
                "Let me search.\n<tool_call>\n{\"name\": \"web_search\", \"arguments\":"
                    + " {\"query\": \"bridge\"}}\n</tool_call>")
            .text("Answer: 1937\n\nIt opened in 1937 [S1].")
            .build();

    Trajectory run = agent(model, Fixtures.search()).build().run(Task.of("q"));

    TrajectoryAssertions.assertThat(run)
        .isCompleted()
        .calledTool("web_search", 1)
        .citedSources("S1")
        .answerContains("1937")
        .reportDoesNotContain("<tool_call>");
    ToolExecution execution = TrajectoryAssertions.toolExecutions(run).get(0);
    assertThat(execution.call().parsedArguments().path("query").asText()).isEqualTo("bridge");
    assertThat(TrajectoryAssertions.steps(run, StepKind.MODEL).get(0).summary())
        .isEqualTo("asked for 1 tool call: web_search (written as text)");
    Message assistant = model.requests().get(1).messages().get(2);
    assertThat(assistant.hasToolCalls()).isTrue();
    assertThat(assistant.content()).isEqualTo("Let me search.");
  }

  @Test
  void unreadableToolCallMarkupIsSentBackNotPresentedAsTheAnswer() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .text("<tool_call>{\"name\": \"web_search\", \"arguments\": {\"query\": </tool_call>")
            .reply(Fixtures.search("c1", "bridge"))
            .text("Answer: 1937\n\nIt opened in 1937 [S1].")
            .build();

    Trajectory run = agent(model, Fixtures.search()).build().run(Task.of("q"));

    TrajectoryAssertions.assertThat(run).isCompleted().answerContains("1937");
    assertThat(Fixtures.last(model.requests().get(1)).content())
        .startsWith("Your tool call could not be read");
  }

  // ------------------------------------------------------------------ an answer citing nothing

  @Test
  void anAnswerThatCitesNoSourceIsFlaggedAndACitedOneIsNot() {
    ScriptedChatModel fromMemory =
        ScriptedChatModel.builder().text("Answer: 1937\n\nI believe it opened in 1937.").build();

    Trajectory uncited = agent(fromMemory, Fixtures.search()).build().run(Task.of("q"));

    String message = "The answer cites no sources: nothing in it rests on evidence this run found.";
    TrajectoryAssertions.assertThat(uncited)
        .isCompleted()
        .hasWarning(Warning.Kind.UNCITED_ANSWER, message);
    assertThat(uncited.requireOutcome().report()).startsWith("> **Warning:** " + message);

    ScriptedChatModel researched =
        ScriptedChatModel.builder()
            .reply(Fixtures.search("c1", "bridge"))
            .text("Answer: 1937\n\nIt opened in 1937 [S1].")
            .build();
    Trajectory cited = agent(researched, Fixtures.search()).build().run(Task.of("q"));
    TrajectoryAssertions.assertThat(cited).isCompleted().hasNoWarning(Warning.Kind.UNCITED_ANSWER);
  }

  static ChatResponse usage(ChatResponse response, long in, long out) {
    return response.withUsage(Usage.of(in, out));
  }
}
