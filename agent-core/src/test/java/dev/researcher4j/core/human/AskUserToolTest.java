package dev.researcher4j.core.human;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.testing.FakeToolContext;
import dev.researcher4j.testing.ScriptedChatModel;
import dev.researcher4j.testing.TrajectoryAssertions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AskUserToolTest {

  private static ToolCall ask(String argumentsJson) {
    return new ToolCall("ask-1", AskUserTool.NAME, argumentsJson);
  }

  @Test
  void anAnswerComesBackAsTheObservation() {
    List<HumanQuestion> asked = new CopyOnWriteArrayList<>();
    AskUserTool tool =
        AskUserTool.of(
            HumanChannel.answeringWith(
                q -> {
                  asked.add(q);
                  return "Only EU countries, please.";
                }));

    ToolResult result =
        tool.execute(
            ask(
                "{\"question\":\"Which countries count?\",\"why\":\"scope\","
                    + "\"options\":[\"EU\",\"Europe\"]}"),
            new FakeToolContext());

    assertThat(result.error()).isFalse();
    assertThat(result.content()).isEqualTo("The person answered: Only EU countries, please.");
    assertThat(asked).hasSize(1);
    HumanQuestion question = asked.get(0);
    assertThat(question.question()).isEqualTo("Which countries count?");
    assertThat(question.why()).isEqualTo("scope");
    assertThat(question.options()).containsExactly("EU", "Europe");
    assertThat(question.runId()).isEqualTo("test-run");
    assertThat(question.toolCallId()).isEqualTo("call-1");
  }

  @Test
  void aRefusalTellsTheModelToGoOnWithAnAssumption() {
    AskUserTool tool =
        AskUserTool.of(
            q -> CompletableFuture.completedFuture(HumanReply.declined("I don't know either")));

    ToolResult result = tool.execute(ask("{\"question\":\"Which year?\"}"), new FakeToolContext());

    assertThat(result.error()).isFalse();
    assertThat(result.content())
        .startsWith("The person declined to answer (I don't know either).")
        .contains("state it in the report");
  }

  @Test
  void noAnswerInTimeLetsTheRunGoOnAndCancelsTheQuestion() {
    CompletableFuture<HumanReply> never = new CompletableFuture<>();
    AskUserTool tool = AskUserTool.builder(q -> never).timeout(Duration.ofMillis(50)).build();

    ToolResult result = tool.execute(ask("{\"question\":\"Which year?\"}"), new FakeToolContext());

    assertThat(result.error()).isFalse();
    assertThat(result.content())
        .startsWith("No answer within 50 ms.")
        .contains("state it in the report as an assumption");
    assertThat(never).as("the channel is told to drop the question").isCancelled();
  }

  @Test
  void eachRunHasABudgetOfQuestions() {
    AskUserTool tool =
        AskUserTool.builder(HumanChannel.answeringWith(q -> "yes")).maxQuestions(2).build();
    FakeToolContext run = new FakeToolContext();

    assertThat(tool.execute(ask("{\"question\":\"one?\"}"), run).error()).isFalse();
    assertThat(tool.execute(ask("{\"question\":\"two?\"}"), run).error()).isFalse();
    ToolResult third = tool.execute(ask("{\"question\":\"three?\"}"), run);

    assertThat(third.error()).isTrue();
    assertThat(third.content()).startsWith("Not asked: this task may ask the person at most 2");
    assertThat(tool.execute(ask("{\"question\":\"one?\"}"), new FakeToolContext()).error())
        .as("another run has its own budget")
        .isFalse();
  }

  @Test
  void aChannelThatFailsIsReportedAndTheRunGoesOn() {
    AskUserTool tool =
        AskUserTool.of(
            q -> CompletableFuture.failedFuture(new IllegalStateException("the chat is offline")));

    ToolResult result = tool.execute(ask("{\"question\":\"Which year?\"}"), new FakeToolContext());

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("could not be reached (the chat is offline)");
  }

  @Test
  void aBlankQuestionIsRefused() {
    AskUserTool tool = AskUserTool.of(HumanChannel.answeringWith(q -> "x"));

    ToolResult result = tool.execute(ask("{\"question\":\"  \"}"), new FakeToolContext());

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("needs a 'question'");
  }

  @Test
  void aCancelledRunStopsWaiting() throws Exception {
    AskUserTool tool = AskUserTool.of(q -> new CompletableFuture<>());
    CompletableFuture<ToolResult> result = new CompletableFuture<>();
    Thread waiting =
        new Thread(
            () ->
                result.complete(
                    tool.execute(ask("{\"question\":\"Which year?\"}"), new FakeToolContext())));
    waiting.start();

    waiting.interrupt();
    waiting.join();

    assertThat(result.get().error()).isTrue();
    assertThat(result.get().content()).contains("cancelled");
  }

  @Test
  void approvalsAreRefusedByChannelsThatCannotAskForThem() {
    HumanChannel channel = HumanChannel.answeringWith(q -> "x");

    ApprovalDecision decision =
        channel
            .requestApproval(
                new ApprovalRequest("run", "c1", "send_email", "{}", "", java.time.Instant.EPOCH))
            .toCompletableFuture()
            .join();

    assertThat(decision.approved()).isFalse();
    assertThat(decision.note()).contains("cannot ask for approvals");
  }

  @Test
  void builderRejectsBadValues() {
    HumanChannel channel = HumanChannel.answeringWith(q -> "x");
    assertThatThrownBy(() -> AskUserTool.builder(channel).timeout(Duration.ZERO))
        .hasMessageContaining("but was PT0S");
    assertThatThrownBy(() -> AskUserTool.builder(channel).maxQuestions(0))
        .hasMessageContaining("but was 0");
    assertThatThrownBy(() -> AskUserTool.builder(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> HumanReply.answer(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void questionsAndRepliesAreInTheTrajectory() {
    AskUserTool tool =
        AskUserTool.builder(
                q ->
                    CompletableFuture.completedFuture(
                        q.question().contains("currency")
                            ? HumanReply.answer("Euros")
                            : HumanReply.declined("")))
            .timeout(Duration.ofSeconds(5))
            .build();
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .toolCalls(
                ScriptedChatModel.call(
                    "q1", "ask_user", "{\"question\":\"Which currency should I use?\"}"))
            .toolCalls(ScriptedChatModel.call("q2", "ask_user", "{\"question\":\"Which year?\"}"))
            .text("Answer: 12 EUR\n\nIn euros, as asked; the year is assumed to be 2024.")
            .build();
    ResearchAgent agent =
        ResearchAgent.builder()
            .chatModel(model)
            .tool(tool, tool.policy())
            .planning(false)
            .verification(VerificationPolicy.disabled())
            .build();

    Trajectory run = agent.run(Task.of("What does a ticket cost?"));

    TrajectoryAssertions.assertThat(run).isCompleted().calledTool("ask_user", 2);
    List<ToolExecution> calls = TrajectoryAssertions.toolExecutions(run);
    assertThat(calls.get(0).call().arguments()).contains("Which currency should I use?");
    assertThat(calls.get(0).result().content()).isEqualTo("The person answered: Euros");
    assertThat(calls.get(1).call().arguments()).contains("Which year?");
    assertThat(calls.get(1).result().content()).startsWith("The person declined to answer.");
    assertThat(calls).allMatch(c -> c.status() == ToolExecution.Status.OK);
  }
}
