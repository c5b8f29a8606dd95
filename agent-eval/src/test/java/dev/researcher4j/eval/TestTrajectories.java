package dev.researcher4j.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelCall;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.RunTotals;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.api.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds trajectories for tests. */
final class TestTrajectories {
  private TestTrajectories() {}

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  static final ToolSpec SEARCH =
      ToolSpec.of(
          "web_search",
          "Searches the web.",
          (ObjectNode)
              JsonNodeFactory.instance
                  .objectNode()
                  .put("type", "object")
                  .set(
                      "properties",
                      JsonNodeFactory.instance
                          .objectNode()
                          .set(
                              "query",
                              JsonNodeFactory.instance.objectNode().put("type", "string"))));

  /** A run answering {@code answer} after {@code steps} steps, each with {@code toolsPerStep}. */
  static Trajectory answered(
      Task task, String answer, StopReason stop, int steps, int toolsPerStep, Usage usagePerStep) {
    List<Step> list = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      List<ToolExecution> executions = new ArrayList<>();
      for (int t = 0; t < toolsPerStep; t++) {
        executions.add(execution("call_" + i + "_" + t, ToolExecution.Status.OK));
      }
      list.add(
          new Step(
              i,
              executions.isEmpty() ? StepKind.MODEL : StepKind.TOOLS,
              T0.plusSeconds(i),
              T0.plusSeconds(i + 1),
              null,
              executions,
              usagePerStep,
              "",
              null,
              ""));
    }
    Outcome outcome =
        new Outcome(
            answer, "", List.of(), List.of(), stop, stop == StopReason.FAILED ? "boom" : "");
    return new Trajectory(
        header(task),
        list,
        outcome,
        RunTotals.of(list, 0, Duration.ofSeconds(steps)),
        List.of(),
        null);
  }

  static ToolExecution execution(String id, ToolExecution.Status status) {
    return new ToolExecution(
        new ToolCall(id, "web_search", "{\"query\":\"q\"}"),
        status.isFailure() ? ToolResult.error("bad") : ToolResult.of("ok"),
        status,
        List.of(),
        T0,
        Duration.ofMillis(5),
        1,
        false,
        List.of());
  }

  static TrajectoryHeader header(Task task) {
    return new TrajectoryHeader(
        TrajectoryHeader.SCHEMA_V1,
        "run-" + task.id() + "-" + task.attempt(),
        "",
        task,
        ModelInfo.of("fake", "fake-model"),
        List.of(SEARCH),
        Budget.defaults(),
        "test",
        T0);
  }

  /** A model step whose call was sent {@code sent} and replied {@code reply}. */
  static Step modelStep(int index, List<Message> sent, Message reply, boolean rewritten) {
    ChatRequest request = ChatRequest.builder().messages(sent).tools(List.of(SEARCH)).build();
    return new Step(
        index,
        StepKind.MODEL,
        T0.plusSeconds(index),
        T0.plusSeconds(index + 1),
        new ModelCall(request, ChatResponse.of(reply), rewritten),
        List.of(),
        Usage.of(100, 20),
        "",
        null,
        "");
  }

  static Trajectory withSteps(Task task, List<Step> steps, Outcome outcome) {
    return new Trajectory(
        header(task),
        steps,
        outcome,
        RunTotals.of(steps, 0, Duration.ofSeconds(3)),
        List.of(),
        null);
  }
}
