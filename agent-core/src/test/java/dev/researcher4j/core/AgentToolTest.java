package dev.researcher4j.core;

import static dev.researcher4j.core.Fixtures.agent;
import static dev.researcher4j.core.Fixtures.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.tool.ToolPolicy;
import dev.researcher4j.testing.RecordingListener;
import dev.researcher4j.testing.ScriptedChatModel;
import dev.researcher4j.testing.TrajectoryAssertions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AgentToolTest {

  /** A sub-researcher: searches its question (waiting for its sibling), then answers citing it. */
  private static ResearchAgent subResearcher(CountDownLatch siblings, RecordingListener listener) {
    var search =
        Fixtures.tool(
            "web_search",
            (c, ctx) -> {
              String query = c.parsedArguments().path("query").asText();
              siblings.countDown();
              if (!siblings.await(20, TimeUnit.SECONDS)) {
                return ToolResult.error("sibling sub-run never started");
              }
              return ToolResult.of(
                  "Found " + query,
                  List.of(
                      Source.web(
                          "https://example.org/" + query, "About " + query, query + " facts")));
            });
    ScriptedChatModel model =
        ScriptedChatModel.answering(
            request -> {
              Message last = Fixtures.last(request);
              String question =
                  request
                      .messages()
                      .get(1)
                      .content()
                      .replaceAll("(?s).*Research question: (\\w+).*", "$1");
              if (last.role() == Role.TOOL) {
                return ScriptedChatModel.text(
                    "Answer: " + question + " found\n\nThe answer about " + question + " [S1].");
              }
              return ScriptedChatModel.toolCalls(
                  call("s1", "web_search", "{\"query\":\"" + question + "\"}"));
            });
    return agent(model, search).listener(listener).build();
  }

  @Test
  void aSupervisorRunsSubResearchersInParallelAndLinksTheirTrajectories() {
    RecordingListener children = new RecordingListener();
    ResearchAgent sub = subResearcher(new CountDownLatch(2), children);
    ScriptedChatModel supervisorModel =
        ScriptedChatModel.builder()
            .toolCalls(
                call("r1", "research", "{\"question\":\"alpha\"}"),
                call("r2", "research", "{\"question\":\"beta\",\"instructions\":\"be brief\"}"))
            .text("Answer: both\n\nAlpha [S1]. Beta [S2].")
            .build();
    ResearchAgent supervisor =
        agent(supervisorModel)
            .tool(AgentTool.of(sub), ToolPolicy.custom().timeout(Duration.ofMinutes(10)).build())
            .build();

    Trajectory parent = supervisor.run(Task.of("Alpha and beta?"));

    TrajectoryAssertions.assertThat(parent)
        .isCompleted()
        .calledTool("research", 2)
        .hasToolCall("research", ToolExecution.Status.OK)
        .citedSources("S1", "S2");
    List<ToolExecution> executions = TrajectoryAssertions.toolExecutions(parent);
    List<Trajectory> subRuns = children.finishedRuns();
    assertThat(subRuns).hasSize(2);
    for (Trajectory child : subRuns) {
      assertThat(child.header().parentRunId()).isEqualTo(parent.runId());
      assertThat(child.header().task().metadata()).containsEntry("parent_run_id", parent.runId());
      TrajectoryAssertions.assertThat(child).isCompleted();
    }
    assertThat(executions)
        .flatExtracting(ToolExecution::childRunIds)
        .containsExactlyInAnyOrderElementsOf(subRuns.stream().map(Trajectory::runId).toList());
    assertThat(parent.requireOutcome().sources())
        .extracting(Source::url)
        .containsExactlyInAnyOrder("https://example.org/alpha", "https://example.org/beta");
    ChatRequest second = supervisorModel.requests().get(1);
    String alpha = Fixtures.toolMessages(second).get(0).content();
    String beta = Fixtures.toolMessages(second).get(1).content();
    assertThat(alpha).startsWith("Answer from the research assistant: alpha found");
    // Each child cited its own S1; in the parent they became S1 and S2.
    assertThat(alpha + beta)
        .contains("The answer about alpha [S")
        .contains("The answer about beta [S");
    assertThat(List.of(alpha, beta)).anyMatch(t -> t.contains("[S2] About"));
    assertThat(subRuns.stream().map(t -> t.header().task().instructions())).contains("be brief");
  }

  @Test
  void aSubResearcherWithoutAnAnswerIsAnErrorObservation() {
    ResearchAgent empty =
        agent(ScriptedChatModel.answering(r -> ScriptedChatModel.text(""))).build();
    ScriptedChatModel supervisorModel =
        ScriptedChatModel.builder()
            .toolCalls(call("r1", "research", "{\"question\":\"alpha\"}"))
            .text("Answer: unknown\n\nNothing found.")
            .build();

    Trajectory parent = agent(supervisorModel, AgentTool.of(empty)).build().run(Task.of("q"));

    TrajectoryAssertions.assertThat(parent)
        .isCompleted()
        .hasToolCall("research", ToolExecution.Status.ERROR);
    assertThat(Fixtures.toolMessages(supervisorModel.requests().get(1)).get(0).content())
        .startsWith(
            "The research assistant found no answer (the model returned an empty reply three times in a row)");
  }

  @Test
  void anyAgentCanBeATool() {
    dev.researcher4j.api.Agent plain =
        task ->
            new Trajectory(
                new dev.researcher4j.api.TrajectoryHeader(
                    dev.researcher4j.api.TrajectoryHeader.SCHEMA_V1,
                    "plain-run",
                    "",
                    task,
                    dev.researcher4j.api.ModelInfo.of("x", "y"),
                    List.of(),
                    dev.researcher4j.api.Budget.defaults(),
                    "",
                    java.time.Instant.EPOCH),
                List.of(),
                new dev.researcher4j.api.Outcome(
                    "yes", "It is so.", List.of(), List.of(), StopReason.COMPLETED, ""),
                dev.researcher4j.api.RunTotals.of(List.of(), 0, Duration.ZERO),
                List.of(),
                null);
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .toolCalls(call("r1", "ask_expert", "{\"question\":\"is it?\"}"))
            .text("Answer: yes\n\nThe expert said so.")
            .build();

    Trajectory parent =
        agent(
                model,
                AgentTool.of(
                    plain, "ask_expert", "Asks an expert a question and returns the answer."))
            .build()
            .run(Task.of("q"));

    assertThat(TrajectoryAssertions.toolExecutions(parent).get(0).childRunIds())
        .containsExactly("plain-run");
    assertThat(Fixtures.toolMessages(model.requests().get(1)).get(0).content())
        .isEqualTo("Answer from the research assistant: yes\n\nIt is so.");
  }
}
