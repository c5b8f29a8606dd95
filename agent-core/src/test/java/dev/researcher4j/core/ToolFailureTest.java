package dev.researcher4j.core;

import static dev.researcher4j.core.Fixtures.agent;
import static dev.researcher4j.core.Fixtures.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ServerErrorException;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolExecution.Status;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.http.CircuitBreakerPolicy;
import dev.researcher4j.core.http.RetryPolicy;
import dev.researcher4j.core.tool.ToolArgumentsException;
import dev.researcher4j.core.tool.ToolFailurePolicy;
import dev.researcher4j.core.tool.ToolPolicy;
import dev.researcher4j.testing.RecordingListener;
import dev.researcher4j.testing.RecordingSleeper;
import dev.researcher4j.testing.ScriptedChatModel;
import dev.researcher4j.testing.TrajectoryAssertions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ToolFailureTest {

  private static final String DONE = "Answer: done\n\nNothing to cite.";

  /** Runs one turn of {@code calls} against {@code tools}, then a plain answer. */
  private static Trajectory turn(ResearchAgent.Builder builder, ScriptedChatModel model) {
    return builder.build().run(Task.of("q"));
  }

  private static ScriptedChatModel calling(ToolCall... calls) {
    return ScriptedChatModel.builder().toolCalls(calls).text(DONE).build();
  }

  private static List<String> observations(ScriptedChatModel model) {
    ChatRequest second = model.requests().get(1);
    return Fixtures.toolMessages(second).stream().map(Message::content).toList();
  }

  private static ToolExecution only(Trajectory trajectory) {
    List<ToolExecution> executions = TrajectoryAssertions.toolExecutions(trajectory);
    assertThat(executions).hasSize(1);
    return executions.get(0);
  }

  @Test
  void anUnknownToolNameBecomesAnObservationListingTheTools() {
    ScriptedChatModel model = calling(call("c1", "web_serch", "{\"query\":\"x\"}"));

    Trajectory trajectory = turn(agent(model, Fixtures.search()), model);

    TrajectoryAssertions.assertThat(trajectory)
        .isCompleted()
        .hasToolCall("web_serch", Status.UNKNOWN_TOOL);
    assertThat(observations(model).get(0))
        .isEqualTo(
            "Error: there is no tool named 'web_serch'. The available tools are: web_search. Call"
                + " one of them by its exact name.");
    assertThat(only(trajectory).attempts()).isZero();
  }

  @Test
  void aToolCallInARunWithoutToolsSaysThereAreNone() {
    ScriptedChatModel model = calling(call("c1", "web_search", "{\"query\":\"x\"}"));

    Trajectory trajectory = turn(agent(model), model);

    TrajectoryAssertions.assertThat(trajectory)
        .isCompleted()
        .hasToolCall("web_search", Status.UNKNOWN_TOOL);
    assertThat(observations(model).get(0))
        .startsWith("Error: this run has no tools, so 'web_search' cannot be called.");
    assertThat(model.requests().get(0).parallelToolCalls()).isNull();
  }

  @Test
  void argumentsThatAreNotJsonBecomeAnObservation() {
    ScriptedChatModel model = calling(call("c1", "web_search", "{query: \"x\""));

    Trajectory trajectory = turn(agent(model, Fixtures.search()), model);

    TrajectoryAssertions.assertThat(trajectory)
        .isCompleted()
        .hasToolCall("web_search", Status.INVALID_ARGUMENTS);
    assertThat(observations(model).get(0))
        .startsWith("Error: invalid arguments for web_search: arguments are not valid JSON")
        .contains("\"required\":[\"query\"]");
    assertThat(only(trajectory).call().arguments()).isEqualTo("{query: \"x\"");
  }

  @Test
  void argumentsNotMatchingTheSchemaBecomeAnObservationSayingWhatIsWrong() {
    ScriptedChatModel model =
        calling(
            call("c1", "web_search", "{\"q\":\"x\"}"), call("c2", "web_search", "{\"query\":5}"));
    AtomicInteger ran = new AtomicInteger();
    Tool search =
        Fixtures.tool(
            "web_search",
            (c, ctx) -> {
              ran.incrementAndGet();
              return ToolResult.of("ran");
            });

    Trajectory trajectory = turn(agent(model, search), model);

    TrajectoryAssertions.assertThat(trajectory).isCompleted();
    assertThat(observations(model).get(0)).contains("missing required argument 'query'");
    assertThat(observations(model).get(1)).contains("'query' must be a string, but was number 5");
    assertThat(ran).hasValue(0);
  }

  @Test
  void aToolThatThrowsBecomesAnObservationWithoutItsInternals() {
    ScriptedChatModel model = calling(call("c1", "web_search", "{\"query\":\"x\"}"));
    Tool broken =
        Fixtures.tool(
            "web_search",
            (c, ctx) -> {
              throw new IllegalStateException("connection pool of db-prod-7 exhausted");
            });

    Trajectory trajectory = turn(agent(model, broken), model);

    TrajectoryAssertions.assertThat(trajectory)
        .isCompleted()
        .hasToolCall("web_search", Status.EXCEPTION);
    assertThat(observations(model).get(0))
        .isEqualTo(
            "Error: web_search failed: unexpected IllegalStateException. Try different arguments or"
                + " another tool.")
        .doesNotContain("db-prod-7");
    Step tools = TrajectoryAssertions.steps(trajectory, StepKind.TOOLS).get(0);
    assertThat(tools.data().path("errors").path("c1").asText())
        .isEqualTo("java.lang.IllegalStateException: connection pool of db-prod-7 exhausted");
  }

  @Test
  void aToolThatRunsOutOfMemoryFailsAndIsNeverReportedAsACancellation() {
    ScriptedChatModel model = calling(call("c1", "web_search", "{\"query\":\"x\"}"));
    Tool hungry =
        Fixtures.tool(
            "web_search",
            (c, ctx) -> {
              throw new OutOfMemoryError("Java heap space");
            });

    Trajectory trajectory = turn(agent(model, hungry), model);

    TrajectoryAssertions.assertThat(trajectory)
        .isCompleted()
        .hasToolCall("web_search", Status.EXCEPTION);
    assertThat(observations(model).get(0))
        .contains("web_search failed: it ran out of memory")
        .doesNotContain("cancelled");
  }

  @Test
  void aToolsOwnErrorResultIsPassedOnAsItIs() {
    ScriptedChatModel model = calling(call("c1", "web_search", "{\"query\":\"x\"}"));
    Tool empty =
        Fixtures.tool(
            "web_search", (c, ctx) -> ToolResult.error("No results; try a broader query."));

    Trajectory trajectory = turn(agent(model, empty), model);

    TrajectoryAssertions.assertThat(trajectory)
        .isCompleted()
        .hasToolCall("web_search", Status.ERROR);
    assertThat(observations(model)).containsExactly("No results; try a broader query.");
    assertThat(trajectory.totals().failedToolCalls()).isEqualTo(1);
  }

  @Test
  void aToolRejectingItsArgumentsIsAnInvalidArgumentsObservation() {
    ScriptedChatModel model = calling(call("c1", "web_search", "{\"query\":\"\"}"));
    Tool strict =
        Fixtures.tool(
            "web_search",
            (c, ctx) -> {
              throw new ToolArgumentsException("query must not be empty");
            });

    Trajectory trajectory = turn(agent(model, strict), model);

    TrajectoryAssertions.assertThat(trajectory).hasToolCall("web_search", Status.INVALID_ARGUMENTS);
    assertThat(observations(model).get(0))
        .startsWith("Error: invalid arguments for web_search: query must not be empty");
  }

  @Test
  void aToolReturningNullIsAnException() {
    ScriptedChatModel model = calling(call("c1", "web_search", "{\"query\":\"x\"}"));

    Trajectory trajectory =
        turn(agent(model, Fixtures.tool("web_search", (c, ctx) -> null)), model);

    TrajectoryAssertions.assertThat(trajectory).hasToolCall("web_search", Status.EXCEPTION);
  }

  @Test
  void aToolThatDoesNotFinishInTimeIsInterruptedAndTimesOut() throws Exception {
    ScriptedChatModel model = calling(call("c1", "web_search", "{\"query\":\"x\"}"));
    CountDownLatch interrupted = new CountDownLatch(1);
    Tool hanging =
        Fixtures.tool(
            "web_search",
            (c, ctx) -> {
              try {
                new CountDownLatch(1).await();
              } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
              }
              return ToolResult.of("never");
            });
    ResearchAgent.Builder builder =
        agent(model).tool(hanging, ToolPolicy.custom().timeout(Duration.ofMillis(50)).build());

    Trajectory trajectory = turn(builder, model);

    TrajectoryAssertions.assertThat(trajectory)
        .isCompleted()
        .hasToolCall("web_search", Status.TIMEOUT);
    assertThat(observations(model).get(0))
        .isEqualTo(
            "Error: web_search did not finish within its 0.05s timeout. Try a narrower request or"
                + " another tool.");
    assertThat(interrupted.await(20, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aHugeResultIsTruncatedForTheModelButKeptInFull() {
    ScriptedChatModel model = calling(call("c1", "web_search", "{\"query\":\"x\"}"));
    String huge = "word ".repeat(10_000);
    Tool verbose =
        Fixtures.tool(
            "web_search",
            (c, ctx) ->
                ToolResult.of(
                    huge,
                    List.of(
                        dev.researcher4j.api.Source.web("https://example.org/big", "Big", ""))));
    ResearchAgent.Builder builder =
        agent(model).tool(verbose, ToolPolicy.custom().maxResultChars(1_000).build());

    Trajectory trajectory = turn(builder, model);

    ToolExecution execution = only(trajectory);
    assertThat(execution.truncated()).isTrue();
    assertThat(execution.result().content())
        .startsWith(huge)
        .endsWith("[S1] Big — https://example.org/big");
    String shown = observations(model).get(0);
    assertThat(shown.length()).isLessThanOrEqualTo(1_000);
    assertThat(shown)
        .contains("[Result truncated: showing the first 1000 of 50045 characters.")
        .endsWith("Sources:\n[S1] Big — https://example.org/big");
  }

  @Test
  void aFailingToolIsStoppedByItsCircuitBreaker() {
    ScriptedChatModel model =
        calling(
            call("c1", "web_search", "{\"query\":\"a\"}"),
            call("c2", "web_search", "{\"query\":\"b\"}"),
            call("c3", "web_search", "{\"query\":\"c\"}"));
    AtomicInteger calls = new AtomicInteger();
    Tool down =
        Fixtures.tool(
            "web_search",
            (c, ctx) -> {
              calls.incrementAndGet();
              throw new ServerErrorException("search: HTTP 503", null, "search", 503, "", null);
            });
    ToolPolicy breaker =
        ToolPolicy.custom()
            .circuitBreaker(
                CircuitBreakerPolicy.custom().slidingWindowSize(2).minimumNumberOfCalls(2).build())
            .build();

    Trajectory trajectory = turn(agent(model).tool(down, breaker).maxParallelToolCalls(1), model);

    assertThat(TrajectoryAssertions.toolExecutions(trajectory))
        .extracting(ToolExecution::status)
        .containsExactlyInAnyOrder(Status.EXCEPTION, Status.EXCEPTION, Status.CIRCUIT_OPEN);
    assertThat(calls).hasValue(2);
    assertThat(observations(model))
        .anyMatch(o -> o.contains("temporarily unavailable after repeated failures"));
  }

  @Test
  void retryableToolFailuresAreRetriedUnderTheToolsPolicy() {
    ScriptedChatModel model = calling(call("c1", "web_search", "{\"query\":\"x\"}"));
    AtomicInteger attempts = new AtomicInteger();
    Tool flaky =
        Fixtures.tool(
            "web_search",
            (c, ctx) -> {
              if (attempts.incrementAndGet() == 1) {
                throw new ServerErrorException("search: HTTP 502", null, "search", 502, "", null);
              }
              return ToolResult.of("ok");
            });
    RecordingSleeper sleeper = new RecordingSleeper();
    RecordingListener listener = new RecordingListener();
    ToolPolicy retrying =
        ToolPolicy.custom()
            .retry(
                RetryPolicy.custom()
                    .maxAttempts(3)
                    .initialBackoff(Duration.ofSeconds(1))
                    .jitter(0)
                    .build())
            .build();

    Trajectory trajectory =
        turn(agent(model).tool(flaky, retrying).sleeper(sleeper).listener(listener), model);

    ToolExecution execution = only(trajectory);
    assertThat(execution.status()).isEqualTo(Status.OK);
    assertThat(execution.attempts()).isEqualTo(2);
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
    assertThat(listener.retries())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.target()).isEqualTo("web_search");
              assertThat(r.attempt().statusCode()).isEqualTo(502);
            });
  }

  @Test
  void aRepeatedCallIsAnsweredFromTheRunsCacheWithANote() {
    AtomicInteger ran = new AtomicInteger();
    Tool search =
        Fixtures.tool(
            "web_search",
            (c, ctx) -> {
              ran.incrementAndGet();
              return ToolResult.of("result");
            });
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .toolCalls(call("c1", "web_search", "{\"query\":\"x\"}"))
            .toolCalls(
                call("c2", "web_search", "{ \"query\" : \"x\" }"),
                call("c3", "web_search", "{\"query\":\"y\"}"),
                call("c4", "web_search", "{\"query\":\"y\"}"))
            .text(DONE)
            .build();

    Trajectory trajectory = agent(model, search).build().run(Task.of("q"));

    assertThat(TrajectoryAssertions.toolExecutions(trajectory))
        .extracting(ToolExecution::status)
        .containsExactly(Status.OK, Status.CACHED, Status.OK, Status.CACHED);
    assertThat(ran).hasValue(2);
    String cached = Fixtures.toolMessages(model.requests().get(2)).get(1).content();
    assertThat(cached)
        .startsWith("[Note: this exact call (web_search with the same arguments) was already made")
        .endsWith("result");
  }

  @Test
  void theFailurePolicyCanFailTheRunOnAKindOfFailure() {
    ScriptedChatModel model = calling(call("c1", "web_serch", "{\"query\":\"x\"}"));

    Trajectory trajectory =
        agent(model, Fixtures.search())
            .toolFailures(ToolFailurePolicy.builder().failRunOn(Status.UNKNOWN_TOOL).build())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory)
        .stoppedBecause(StopReason.FAILED)
        .hasStepKinds(StepKind.MODEL, StepKind.TOOLS, StepKind.FINAL);
    assertThat(trajectory.requireOutcome().error())
        .startsWith("tool web_serch failed (unknown_tool): Error: there is no tool");
  }

  @Test
  void theFailurePolicyDecidesWhatTheModelIsToldAboutExceptions() {
    ScriptedChatModel model = calling(call("c1", "web_search", "{\"query\":\"x\"}"));
    Tool broken =
        Fixtures.tool(
            "web_search",
            (c, ctx) -> {
              throw new java.io.IOException("disk full");
            });

    turn(
        agent(model, broken)
            .toolFailures(
                ToolFailurePolicy.builder().exceptionMessage(e -> "the index is offline").build()),
        model);

    assertThat(observations(model).get(0))
        .isEqualTo(
            "Error: web_search failed: the index is offline. Try different arguments or another tool.");
  }

  @Test
  void theFailurePolicyRejectsKindsThatAreNotFailures() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ToolFailurePolicy.builder().on(Status.OK, ToolFailurePolicy.Action.FAIL_RUN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be a tool failure kind, but was ok");
  }
}
