package dev.researcher4j.core.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolChoice;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DurableJsonTest {

  private final ObjectMapper json = DurableJson.newMapper();

  private <T> T roundTrip(T value, Class<T> type) throws Exception {
    return json.readValue(json.writeValueAsString(value), type);
  }

  static final Instant AT = Instant.parse("2026-03-01T10:15:30.123456789Z");

  @Test
  void modelCallsRoundTripWhole() throws Exception {
    ChatRequest request =
        ChatRequest.builder()
            .addMessage(Message.system("be careful"))
            .addMessage(Message.user("what is [S1]?"))
            .addMessage(
                Message.assistant(
                    "", "thinking it over", List.of(new ToolCall("c1", "search", "{\"q\":\"x\"}"))))
            .addMessage(Message.tool("c1", "search", "result"))
            .toolChoice(ToolChoice.NONE)
            .parallelToolCalls(false)
            .options(ChatOptions.builder().maxTokens(77).temperature(0.2).build())
            .build();
    ModelCallInput input =
        new ModelCallInput("run-1", 4, StepKind.VERIFY, request, Duration.ofSeconds(90));
    assertThat(roundTrip(input, ModelCallInput.class)).isEqualTo(input);

    ChatResponse response =
        new ChatResponse(
            Message.assistant("Answer: 42"),
            FinishReason.LENGTH,
            "length",
            new Usage(10, 20, 3, 4, 0.5),
            "gpt-x",
            "resp-1",
            Duration.ofMillis(250),
            List.of(),
            null);
    ModelCallOutput ok = ModelCallOutput.of(response, AT, AT.plusSeconds(1));
    assertThat(roundTrip(ok, ModelCallOutput.class)).isEqualTo(ok);

    ModelCallOutput failed =
        ModelCallOutput.failed(
            ModelCallOutput.Failure.FAILED,
            "model call failed: down",
            new ModelCallOutput.CallError(
                "dev.researcher4j.api.ServerErrorException", "down", true, true, 503, "p", "c"),
            AT,
            AT);
    assertThat(roundTrip(failed, ModelCallOutput.class)).isEqualTo(failed);
  }

  @Test
  void toolCallsRoundTripWhole() throws Exception {
    Source source =
        new Source(
            "S1000001",
            Source.Kind.PAPER,
            "https://x.example/p",
            "P",
            List.of("e"),
            Map.of("doi", "10.1/x"));
    ToolCallInput input =
        new ToolCallInput(
            "run-1",
            Task.builder("q").instructions("be brief").attempt(2).build(),
            3,
            new ToolCall("c9", "read", "{\"url\":\"https://x.example/p\"}"),
            List.of(source),
            Budget.NO_TIME_LIMIT);
    assertThat(roundTrip(input, ToolCallInput.class)).isEqualTo(input);

    ToolExecution execution =
        new ToolExecution(
            input.call(),
            ToolResult.of("[S1000001] text", List.of(source)),
            ToolExecution.Status.OK,
            List.of("S1000001"),
            AT,
            Duration.ofMillis(1500),
            2,
            true,
            List.of("child-1"));
    ToolCallOutput output = new ToolCallOutput(execution, "[S1000001] te…", "");
    assertThat(roundTrip(output, ToolCallOutput.class)).isEqualTo(output);
  }

  @Test
  void outcomesRoundTrip() throws Exception {
    Outcome outcome =
        new Outcome("a", "report", List.of(), List.of(), StopReason.BUDGET_COST, "spent");
    assertThat(roundTrip(outcome, Outcome.class)).isEqualTo(outcome);
  }

  @Test
  void aBrokenValueIsAnInputMismatchNamingTheType() {
    assertThatThrownBy(() -> json.readValue("{\"kind\":\"NOPE\",\"url\":\"u\"}", Source.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("cannot read Source");
  }
}
