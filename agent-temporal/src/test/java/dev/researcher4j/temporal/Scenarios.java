package dev.researcher4j.temporal;

import dev.researcher4j.api.ServerErrorException;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.human.AskUserTool;
import dev.researcher4j.testing.ScriptedChatModel;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The code paths whose recorded histories the replay test replays, each with the agent and worker
 * settings it was recorded with. Recording needs a model that answers; replaying does not call it.
 */
final class Scenarios {
  private Scenarios() {}

  /** The recorded histories, by name. */
  static final List<String> NAMES =
      List.of("completed", "cancelled", "model-down", "human-answer", "continued", "eval");

  /** The client the human-answer scenario's channel signals through, while recording. */
  static final AtomicReference<WorkflowClient> CLIENT = new AtomicReference<>();

  /** A gate the cancelled scenario's tool waits at until the test opens it. */
  static final CountDownLatch HELD = new CountDownLatch(1);

  static ResearchAgent agent(String name, ScriptedChatModel model) {
    return switch (name) {
      case "completed", "continued", "eval" ->
          ResearchWorkflowTest.agent(model, ResearchWorkflowTest.search(null)).build();
      case "cancelled" ->
          ResearchWorkflowTest.agent(model, ResearchWorkflowTest.search(HELD)).build();
      case "model-down" ->
          ResearchWorkflowTest.agent(model, ResearchWorkflowTest.search(null)).build();
      case "human-answer" -> {
        AskUserTool ask =
            AskUserTool.builder(
                    q -> TemporalHumanChannel.of(CLIENT.get(), Duration.ofMillis(50)).ask(q))
                .timeout(Duration.ofSeconds(30))
                .build();
        yield ResearchWorkflowTest.agent(model).tool(ask, ask.policy()).build();
      }
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** The model the scenario was recorded with. */
  static ScriptedChatModel model(String name) {
    return switch (name) {
      case "completed", "cancelled" -> ResearchWorkflowTest.twoSearchesThenAnswer();
      case "continued" -> SignalsAndLongRunsTest.searching(12);
      case "eval" -> EvalWorkflowTest.answering();
      case "model-down" ->
          ScriptedChatModel.builder()
              .fail(
                  new ServerErrorException("HTTP 503: upstream down", null, "test", 503, "", null))
              .build();
      case "human-answer" ->
          ScriptedChatModel.of(
              ScriptedChatModel.toolCalls(
                  new ToolCall("ask1", AskUserTool.NAME, "{\"question\":\"Which year?\"}")),
              ScriptedChatModel.text("Answer: 1999\n\nThe person said 1999."));
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** The worker settings the scenario was recorded with. */
  static UnaryOperator<ResearchWorker.Builder> worker(String name) {
    return name.equals("continued") ? b -> b.continueAsNewAfter(100) : b -> b;
  }
}
