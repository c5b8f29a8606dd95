package dev.researcher4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

  @Test
  void toolCallKeepsInvalidArgumentsAndExplainsThem() {
    ToolCall call = new ToolCall("c1", "web_search", "{\"query\": \"unterminated");

    assertThat(call.hasValidArguments()).isFalse();
    assertThat(call.argumentsError()).contains("not valid JSON").contains("unterminated");
    assertThat(call.arguments()).isEqualTo("{\"query\": \"unterminated");
    assertThatThrownBy(call::parsedArguments)
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("web_search");
  }

  @Test
  void toolCallTreatsEmptyArgumentsAsEmptyObjectAndRejectsNonObjects() {
    assertThat(new ToolCall("c", "t", "").parsedArguments().isObject()).isTrue();
    assertThat(new ToolCall("c", "t", "[1,2]").argumentsError()).contains("JSON object");
    assertThat(new ToolCall("c", "t", "{\"a\":1}").parsedArguments().get("a").asInt()).isEqualTo(1);
  }

  @Test
  void toolSpecRejectsBadNamesAndNonObjectSchemas() {
    assertThatThrownBy(() -> ToolSpec.of("web search", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'web search'");
    ObjectNode arraySchema = JsonNodeFactory.instance.objectNode().put("type", "array");
    assertThatThrownBy(() -> ToolSpec.of("t", "x", arraySchema))
        .hasMessageContaining("\"type\": \"object\"");
  }

  @Test
  void toolSpecCannotBeChangedThroughItsSchema() {
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    ToolSpec spec = ToolSpec.of("t", "x", schema);
    schema.put("type", "array");
    spec.parameters().put("type", "array");

    assertThat(spec.parameters().get("type").asText()).isEqualTo("object");
  }

  @Test
  void messagesCopyTheirListsAndCheckRoles() {
    List<ToolCall> calls = new ArrayList<>(List.of(new ToolCall("1", "t", "{}")));
    Message message = Message.assistant("", "", calls);
    calls.clear();

    assertThat(message.toolCalls()).hasSize(1);
    assertThat(message.content()).isEmpty();
    assertThatThrownBy(() -> new Message(Role.TOOL, "x", "", List.of(), "", ""))
        .hasMessageContaining("toolCallId");
    assertThatThrownBy(
            () -> new Message(Role.USER, "x", "", List.of(new ToolCall("1", "t", "")), "", ""))
        .hasMessageContaining("only assistant");
  }

  @Test
  void budgetRejectsNonPositiveLimitsNamingTheValue() {
    assertThatThrownBy(() -> Budget.builder().maxSteps(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxSteps must be > 0, but was 0");
    assertThatThrownBy(() -> Budget.builder().warnFraction(1.5)).hasMessageContaining("1.5");
    assertThatThrownBy(() -> Budget.builder().maxTime(Duration.ZERO)).hasMessageContaining("PT0S");
    assertThat(Budget.defaults().maxSteps()).isEqualTo(Budget.DEFAULT_MAX_STEPS);
    assertThat(Budget.defaults().toBuilder().maxCostUsd(2).build().maxCostUsd()).isEqualTo(2.0);
  }

  @Test
  void chatOptionsOverrideFieldByField() {
    ChatOptions defaults =
        ChatOptions.builder().temperature(0.2).maxTokens(1000).extra("top_k", 5).build();
    ChatOptions override = ChatOptions.builder().maxTokens(50).extra("min_p", 0.1).build();

    ChatOptions merged = defaults.overriding(override);

    assertThat(merged.temperature()).isEqualTo(0.2);
    assertThat(merged.maxTokens()).isEqualTo(50);
    assertThat(merged.extra()).isEqualTo(Map.of("top_k", 5, "min_p", 0.1));
    assertThatThrownBy(() -> ChatOptions.builder().temperature(3)).hasMessageContaining("3.0");
  }

  @Test
  void taskDefaultsGroupToIdAndCountsAttemptsFromOne() {
    Task task = Task.builder("Who?").id("q1").build();

    assertThat(task.groupId()).isEqualTo("q1");
    assertThat(task.withAttempt(3).attempt()).isEqualTo(3);
    assertThatThrownBy(() -> task.withAttempt(0)).hasMessageContaining("from 1");
    assertThatThrownBy(() -> Task.of(" ")).hasMessage("question is required, but was blank");
  }

  @Test
  void chatRequestRejectsToolChoiceOfUnknownTool() {
    assertThatThrownBy(
            () ->
                ChatRequest.builder()
                    .addMessage(Message.user("hi"))
                    .toolChoice(ToolChoice.tool("search"))
                    .build())
        .hasMessageContaining("search");
  }

  @Test
  void exceptionsSayWhetherToRetry() {
    assertThat(new RateLimitException("slow down", null, "p", 429, "", Duration.ofSeconds(3)))
        .satisfies(e -> assertThat(e.isRetryable()).isTrue())
        .satisfies(e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3)));
    assertThat(new AuthenticationException("bad key").isRetryable()).isFalse();
    assertThat(new QuotaExceededException("no credit").retryAfter()).isEmpty();
    assertThat(new TransportException("reset")).isInstanceOf(RetryableException.class);
  }

  @Test
  void finishReasonMapsWireValuesAndToleratesUnknownOnes() {
    assertThat(FinishReason.fromWire("tool_calls")).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(FinishReason.fromWire("length")).isEqualTo(FinishReason.LENGTH);
    assertThat(FinishReason.fromWire("something_new")).isEqualTo(FinishReason.OTHER);
    assertThat(FinishReason.fromWire(null)).isEqualTo(FinishReason.OTHER);
  }

  @Test
  void usageAddsUp() {
    Usage total = new Usage(10, 5, 2, 1, 0.5).plus(new Usage(1, 1, 0, 0, 0.25));
    assertThat(total).isEqualTo(new Usage(11, 6, 2, 1, 0.75));
    assertThat(total.totalTokens()).isEqualTo(17);
  }

  @Test
  void providerDataIsCopiedAndKeptByTheCopyMethods() {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.putObject("anthropic").putArray("content").addObject().put("type", "thinking");
    Message message =
        Message.assistant("text", "", List.of(new ToolCall("1", "t", "{}"))).withProviderData(data);
    data.removeAll();
    message.providerData().removeAll();

    assertThat(message.providerData().path("anthropic").path("content")).hasSize(1);
    assertThat(message.withContent("other").providerData()).isEqualTo(message.providerData());
    assertThat(message.withToolCalls(List.of()).providerData()).isEqualTo(message.providerData());
    assertThat(Message.user("u").providerData().isEmpty()).isTrue();
    assertThat(message.withProviderData(null).providerData().isEmpty()).isTrue();
    assertThat(message).isNotEqualTo(message.withProviderData(null));
  }

  @Test
  void usageSumsCacheWritesAndRejectsNegativeOnes() {
    Usage a = new Usage(100, 10, 40, 0, 0.5, 30);
    Usage b = new Usage(50, 5, 0, 0, 0.25);

    assertThat(a.plus(b).cacheWriteInputTokens()).isEqualTo(30);
    assertThat(a.withCost(1).cacheWriteInputTokens()).isEqualTo(30);
    assertThat(b.cacheWriteInputTokens()).isZero();
    assertThatThrownBy(() -> new Usage(1, 1, 0, 0, 0, -1))
        .hasMessageContaining("cacheWriteInputTokens must be >= 0, but was -1");
  }
}
