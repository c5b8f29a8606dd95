package dev.researcher4j.core;

import static dev.researcher4j.core.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.human.ApprovalDecision;
import dev.researcher4j.core.human.ApprovalRequest;
import dev.researcher4j.core.human.HumanChannel;
import dev.researcher4j.core.human.HumanQuestion;
import dev.researcher4j.core.human.HumanReply;
import dev.researcher4j.core.tool.ToolPolicy;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.testing.ScriptedChatModel;
import dev.researcher4j.testing.TrajectoryAssertions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tools whose calls wait for a person's approval: approved calls run, refused ones do not. */
class ApprovalGateTest {

  @TempDir Path dir;

  private static final ToolPolicy GATED =
      ToolPolicy.custom().requiresApproval("sends e-mail in your name").build();

  /** A send_email tool that counts the mails it sent. */
  private static Tool sendEmail(List<String> sent) {
    return Fixtures.tool(
        "send_email",
        (call, context) -> {
          String to = call.parsedArguments().path("query").asText();
          sent.add(to);
          return ToolResult.of("sent to " + to);
        });
  }

  /** A channel deciding each request with {@code decide}, remembering the requests. */
  private static HumanChannel deciding(
      List<ApprovalRequest> asked,
      java.util.function.Function<ApprovalRequest, CompletionStage<ApprovalDecision>> decide) {
    return new HumanChannel() {
      @Override
      public CompletionStage<HumanReply> ask(HumanQuestion question) {
        return CompletableFuture.completedFuture(HumanReply.declined(""));
      }

      @Override
      public CompletionStage<ApprovalDecision> requestApproval(ApprovalRequest request) {
        asked.add(request);
        return decide.apply(request);
      }
    };
  }

  @Test
  void anApprovedCallRunsARefusedOneDoesNotAndBothAreRecorded() throws Exception {
    List<String> sent = new CopyOnWriteArrayList<>();
    List<ApprovalRequest> asked = new CopyOnWriteArrayList<>();
    HumanChannel person =
        deciding(
            asked,
            request ->
                CompletableFuture.completedFuture(
                    request.arguments().contains("alice")
                        ? ApprovalDecision.approve()
                        : ApprovalDecision.refuse("not Bob, he is on leave")));
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .toolCalls(Fixtures.call("c1", "send_email", "{\"query\":\"alice@example.org\"}"))
            .toolCalls(Fixtures.call("c2", "send_email", "{\"query\":\"bob@example.org\"}"))
            .text("Answer: mailed Alice only\n\nBob's mail was not approved.")
            .build();

    Trajectory run =
        agent(model)
            .tool(sendEmail(sent), GATED)
            .humanChannel(person)
            .trajectorySink(JsonlTrajectorySink.inDirectory(dir))
            .build()
            .run(Task.of("Tell Alice and Bob about the meeting"));

    assertThat(sent).containsExactly("alice@example.org");
    assertThat(asked)
        .extracting(ApprovalRequest::toolCallId, ApprovalRequest::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("c1", "sends e-mail in your name"),
            org.assertj.core.groups.Tuple.tuple("c2", "sends e-mail in your name"));
    List<ToolExecution> executions = TrajectoryAssertions.toolExecutions(run);
    assertThat(executions)
        .extracting(ToolExecution::status)
        .containsExactly(ToolExecution.Status.OK, ToolExecution.Status.NOT_APPROVED);
    assertThat(executions.get(1).result().content())
        .contains("did not approve")
        .contains("not Bob, he is on leave");
    assertThat(Fixtures.toolMessages(model.requests().get(2)).get(1).content())
        .startsWith("Not run: the person you work for did not approve this call of send_email");
    List<Step> tools = TrajectoryAssertions.steps(run, StepKind.TOOLS);
    assertThat(tools.get(0).data().path("approvals").path("c1").path("approved").asBoolean())
        .isTrue();
    assertThat(tools.get(1).data().path("approvals").path("c2").path("note").asText())
        .isEqualTo("not Bob, he is on leave");
    assertThat(run.requireOutcome().warnings())
        .noneMatch(w -> w.kind() == dev.researcher4j.api.Warning.Kind.TOOL_FAILURES);
    assertThat(TrajectoryReader.read(dir.resolve(run.runId() + ".jsonl"))).isEqualTo(run);
  }

  @Test
  void noAnswerInTimeCountsAsARefusalAndTheRunGoesOn() {
    List<String> sent = new ArrayList<>();
    List<ApprovalRequest> asked = new CopyOnWriteArrayList<>();
    CompletableFuture<ApprovalDecision> never = new CompletableFuture<>();
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .toolCalls(Fixtures.call("c1", "send_email", "{\"query\":\"alice@example.org\"}"))
            .text("Answer: not sent\n\nNobody approved the mail.")
            .build();

    Trajectory run =
        agent(model)
            .tool(
                sendEmail(sent),
                ToolPolicy.from(GATED).approvalTimeout(Duration.ofMillis(50)).build())
            .humanChannel(deciding(asked, request -> never))
            .build()
            .run(Task.of("q"));

    assertThat(sent).isEmpty();
    assertThat(never).isCancelled();
    TrajectoryAssertions.assertThat(run)
        .isCompleted()
        .hasToolCall("send_email", ToolExecution.Status.NOT_APPROVED);
    assertThat(TrajectoryAssertions.toolExecutions(run).get(0).result().content())
        .contains("no answer within 0.05s");
  }

  @Test
  void aChannelThatCannotAskForApprovalsRefusesAndAFailingOneToo() {
    AtomicInteger calls = new AtomicInteger();
    HumanChannel questionsOnly =
        question -> CompletableFuture.completedFuture(HumanReply.answer("x"));
    HumanChannel broken =
        deciding(
            new ArrayList<>(),
            request -> CompletableFuture.failedFuture(new IllegalStateException("down")));
    for (HumanChannel channel : List.of(questionsOnly, broken)) {
      ScriptedChatModel model =
          ScriptedChatModel.builder()
              .toolCalls(Fixtures.call("c1", "send_email", "{\"query\":\"alice@example.org\"}"))
              .text("Answer: not sent\n\nNo approval.")
              .build();
      Trajectory run =
          agent(model)
              .tool(
                  Fixtures.tool(
                      "send_email",
                      (call, context) -> {
                        calls.incrementAndGet();
                        return ToolResult.of("sent");
                      }),
                  GATED)
              .humanChannel(channel)
              .build()
              .run(Task.of("q"));
      TrajectoryAssertions.assertThat(run)
          .hasToolCall("send_email", ToolExecution.Status.NOT_APPROVED);
    }
    assertThat(calls).hasValue(0);
  }

  @Test
  void anAgentWithAGatedToolAndNoChannelIsRefusedAtBuildTime() {
    ResearchAgent.Builder builder =
        agent(ScriptedChatModel.builder().build()).tool(sendEmail(new ArrayList<>()), GATED);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("send_email requires a person's approval")
        .hasMessageContaining("humanChannel");
  }
}
