package dev.researcher4j.otel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.ServerErrorException;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.AgentTool;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.http.RetryPolicy;
import dev.researcher4j.core.tool.ToolPolicy;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.otel.internal.GenAi;
import dev.researcher4j.testing.FakeClock;
import dev.researcher4j.testing.RecordingSleeper;
import dev.researcher4j.testing.ScriptedChatModel;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenTelemetryListenerTest {

  @RegisterExtension static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

  private static final ModelInfo MODEL =
      new ModelInfo(
          "anthropic",
          "claude-sonnet-4-5",
          200_000,
          Map.of("base_url", "https://api.anthropic.com/", "temperature", 0.2, "max_tokens", 8192));

  private static Tool search(AtomicInteger failuresLeft) {
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    schema.putObject("properties").putObject("query").put("type", "string");
    ToolSpec spec = ToolSpec.of("web_search", "Searches.", schema);
    return new Tool() {
      @Override
      public ToolSpec spec() {
        return spec;
      }

      @Override
      public ToolResult execute(ToolCall call, ToolContext context) {
        if (failuresLeft.getAndDecrement() > 0) {
          throw new ServerErrorException("search backend returned 503");
        }
        String query = call.parsedArguments().path("query").asText();
        return ToolResult.of(
            "Found " + query,
            List.of(Source.web("https://example.org/" + query, "About " + query, query)));
      }
    };
  }

  private static ResearchAgent.Builder agent(ScriptedChatModel model, OpenTelemetryListener l) {
    return ResearchAgent.builder()
        .chatModel(model)
        .planning(false)
        .verification(VerificationPolicy.disabled())
        .clock(FakeClock.fixed())
        .sleeper(new RecordingSleeper())
        .listener(l);
  }

  private static ChatResponse searchCall(String id, String query) {
    return ScriptedChatModel.toolCalls(
        new ToolCall(id, "web_search", "{\"query\":\"" + query + "\"}"));
  }

  private static SpanData span(String name) {
    return otel.getSpans().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + otel.getSpans()));
  }

  private static List<SpanData> spans(String name) {
    return otel.getSpans().stream().filter(s -> s.getName().equals(name)).toList();
  }

  private static <T> T attr(SpanData span, AttributeKey<T> key) {
    return span.getAttributes().get(key);
  }

  @Test
  void aRunIsAnInvokeAgentSpanWithChatAndToolSpansFollowingTheGenAiConventions() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .info(MODEL)
            .reply(
                new ChatResponse(
                    Message.assistant(
                        "",
                        "",
                        List.of(new ToolCall("toolu_1", "web_search", "{\"query\":\"alpha\"}"))),
                    FinishReason.TOOL_CALLS,
                    "tool_use",
                    new Usage(1200, 40, 1000, 0, 0.004, 150),
                    "claude-sonnet-4-5-20250929",
                    "msg_1",
                    Duration.ofMillis(900),
                    List.of(),
                    null))
            .text("Answer: alpha\n\nAlpha is documented [S1].")
            .build();
    OpenTelemetryListener listener = OpenTelemetryListener.create(otel.getOpenTelemetry());

    Trajectory run =
        agent(model, listener).tools(search(new AtomicInteger())).build().run(Task.of("Alpha?"));

    SpanData agentSpan = span("invoke_agent researcher4j");
    assertThat(agentSpan.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(agentSpan.getParentSpanContext().isValid()).isFalse();
    assertThat(attr(agentSpan, GenAi.OPERATION_NAME)).isEqualTo("invoke_agent");
    assertThat(attr(agentSpan, GenAi.CONVERSATION_ID)).isEqualTo(run.runId());
    assertThat(attr(agentSpan, GenAi.RUN_ID)).isEqualTo(run.runId());
    assertThat(attr(agentSpan, GenAi.PROVIDER_NAME)).isEqualTo("anthropic");
    assertThat(attr(agentSpan, GenAi.STOP_REASON)).isEqualTo("COMPLETED");
    assertThat(attr(agentSpan, GenAi.SOURCE_COUNT)).isEqualTo(1L);
    assertThat(attr(agentSpan, GenAi.TOOL_CALL_COUNT)).isEqualTo(1L);
    assertThat(agentSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

    List<SpanData> chats = spans("chat claude-sonnet-4-5");
    assertThat(chats).hasSize(2);
    SpanData first =
        chats.stream()
            .filter(s -> "msg_1".equals(attr(s, GenAi.RESPONSE_ID)))
            .findFirst()
            .orElseThrow();
    assertThat(first.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(first.getParentSpanId()).isEqualTo(agentSpan.getSpanId());
    assertThat(attr(first, GenAi.OPERATION_NAME)).isEqualTo("chat");
    assertThat(attr(first, GenAi.REQUEST_MODEL)).isEqualTo("claude-sonnet-4-5");
    assertThat(attr(first, GenAi.REQUEST_TEMPERATURE)).isEqualTo(0.2);
    assertThat(attr(first, GenAi.REQUEST_MAX_TOKENS)).isEqualTo(8192L);
    assertThat(attr(first, GenAi.SERVER_ADDRESS)).isEqualTo("api.anthropic.com");
    assertThat(attr(first, GenAi.SERVER_PORT)).isEqualTo(443L);
    assertThat(attr(first, GenAi.RESPONSE_MODEL)).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(attr(first, GenAi.RESPONSE_FINISH_REASONS)).containsExactly("tool_use");
    assertThat(attr(first, GenAi.USAGE_INPUT_TOKENS)).isEqualTo(1200L);
    assertThat(attr(first, GenAi.USAGE_OUTPUT_TOKENS)).isEqualTo(40L);
    assertThat(attr(first, GenAi.USAGE_CACHE_READ_INPUT_TOKENS)).isEqualTo(1000L);
    assertThat(attr(first, GenAi.USAGE_CACHE_CREATION_INPUT_TOKENS)).isEqualTo(150L);

    SpanData tool = span("execute_tool web_search");
    assertThat(tool.getParentSpanId()).isEqualTo(agentSpan.getSpanId());
    assertThat(attr(tool, GenAi.TOOL_NAME)).isEqualTo("web_search");
    assertThat(attr(tool, GenAi.TOOL_CALL_ID)).isEqualTo("toolu_1");
    assertThat(attr(tool, GenAi.TOOL_TYPE)).isEqualTo("function");
    assertThat(attr(tool, GenAi.TOOL_STATUS)).isEqualTo("OK");
    assertThat(attr(tool, GenAi.TOOL_SOURCE_IDS)).containsExactly("S1");
    assertThat(otel.getSpans()).allSatisfy(s -> assertThat(s.hasEnded()).isTrue());
    assertThat(otel.getSpans())
        .allSatisfy(
            s ->
                assertThat(s.getAttributes().asMap().keySet())
                    .extracting(AttributeKey::getKey)
                    .doesNotContain(
                        "gen_ai.input.messages",
                        "gen_ai.output.messages",
                        "gen_ai.tool.call.arguments",
                        "gen_ai.tool.call.result"));
  }

  @Test
  void modelAndToolRetriesAreEventsOnTheirSpansAndFailuresAreErrors() {
    ChatResponse retried =
        searchCall("c1", "beta")
            .withRetries(
                List.of(
                    new RetryAttempt(
                        1,
                        "openai-compatible: server error (HTTP 503)",
                        "ServerErrorException",
                        503,
                        Duration.ofMillis(500))),
                Duration.ofSeconds(1));
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .reply(retried)
            .fail(new dev.researcher4j.api.AuthenticationException("credentials rejected"))
            .build();
    OpenTelemetryListener listener = OpenTelemetryListener.create(otel.getOpenTelemetry());

    agent(model, listener)
        .tool(
            search(new AtomicInteger(1)),
            ToolPolicy.custom()
                .retry(RetryPolicy.custom().maxAttempts(2).jitter(0).build())
                .build())
        .build()
        .run(Task.of("Beta?"));

    List<SpanData> chats = spans("chat " + model.info().model());
    SpanData firstChat =
        chats.stream()
            .filter(s -> s.getStatus().getStatusCode() != StatusCode.ERROR)
            .findFirst()
            .orElseThrow();
    EventData modelRetry = firstChat.getEvents().get(0);
    assertThat(modelRetry.getName()).isEqualTo("researcher4j.retry");
    assertThat(modelRetry.getAttributes().get(GenAi.RETRY_TARGET)).isEqualTo("model");
    assertThat(modelRetry.getAttributes().get(GenAi.HTTP_STATUS)).isEqualTo(503L);
    assertThat(modelRetry.getAttributes().get(GenAi.ERROR_TYPE)).isEqualTo("ServerErrorException");
    SpanData tool = span("execute_tool web_search");
    assertThat(tool.getEvents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getName()).isEqualTo("researcher4j.retry");
              assertThat(e.getAttributes().get(GenAi.RETRY_TARGET)).isEqualTo("web_search");
              assertThat(e.getAttributes().get(GenAi.RETRY_ERROR)).contains("503");
            });
    assertThat(attr(tool, GenAi.TOOL_ATTEMPTS)).isEqualTo(2L);
    SpanData failedChat =
        chats.stream()
            .filter(s -> s.getStatus().getStatusCode() == StatusCode.ERROR)
            .findFirst()
            .orElseThrow();
    assertThat(attr(failedChat, GenAi.ERROR_TYPE)).isEqualTo("AuthenticationException");
    SpanData agentSpan = span("invoke_agent researcher4j");
    assertThat(agentSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attr(agentSpan, GenAi.STOP_REASON)).isEqualTo("FAILED");
  }

  @Test
  void aFailingToolIsAnErrorSpanWithItsStatus() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .reply(ScriptedChatModel.toolCalls(new ToolCall("c1", "no_such_tool", "{}")))
            .text("Answer: none\n\nNothing found.")
            .build();

    agent(model, OpenTelemetryListener.create(otel.getOpenTelemetry()))
        .tools(search(new AtomicInteger()))
        .build()
        .run(Task.of("q"));

    SpanData tool = span("execute_tool no_such_tool");
    assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(tool.getStatus().getDescription()).contains("no tool named 'no_such_tool'");
    assertThat(attr(tool, GenAi.ERROR_TYPE)).isEqualTo("unknown_tool");
  }

  @Test
  void subResearchersAreChildSpansOfTheSupervisorsToolSpan() {
    OpenTelemetryListener listener = OpenTelemetryListener.create(otel.getOpenTelemetry());
    ScriptedChatModel subModel =
        ScriptedChatModel.answering(
            request ->
                request.messages().stream()
                        .anyMatch(m -> m.role() == dev.researcher4j.api.Role.TOOL)
                    ? ScriptedChatModel.text("Answer: found\n\nFound it [S1].")
                    : searchCall("s1", "gamma"));
    ResearchAgent sub = agent(subModel, listener).tools(search(new AtomicInteger())).build();
    ScriptedChatModel supervisorModel =
        ScriptedChatModel.builder()
            .toolCalls(new ToolCall("r1", "research", "{\"question\":\"gamma\"}"))
            .text("Answer: gamma\n\nGamma [S1].")
            .build();

    Trajectory parent =
        agent(supervisorModel, listener)
            .tool(AgentTool.of(sub), ToolPolicy.custom().timeout(Duration.ofMinutes(5)).build())
            .build()
            .run(Task.of("Gamma?"));

    List<SpanData> runs = spans("invoke_agent researcher4j");
    assertThat(runs).hasSize(2);
    SpanData supervisor =
        runs.stream()
            .filter(s -> parent.runId().equals(attr(s, GenAi.RUN_ID)))
            .findFirst()
            .orElseThrow();
    SpanData child = runs.stream().filter(s -> s != supervisor).findFirst().orElseThrow();
    SpanData researchTool = span("execute_tool research");
    assertThat(researchTool.getParentSpanId()).isEqualTo(supervisor.getSpanId());
    assertThat(child.getParentSpanId()).isEqualTo(researchTool.getSpanId());
    assertThat(child.getTraceId()).isEqualTo(supervisor.getTraceId());
    assertThat(attr(child, GenAi.PARENT_RUN_ID)).isEqualTo(parent.runId());
    assertThat(attr(researchTool, GenAi.CHILD_RUN_IDS)).containsExactly(attr(child, GenAi.RUN_ID));
    SpanData childTool = spans("execute_tool web_search").stream().findFirst().orElseThrow();
    assertThat(childTool.getParentSpanId()).isEqualTo(child.getSpanId());
  }

  @Test
  void contentsAreRecordedOnlyWhenAskedAndScrubbedOfSecrets() {
    String key = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123";
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .reply(searchCall("c1", "hunter2-password"))
            .text("Answer: done\n\nDone [S1].")
            .build();
    OpenTelemetryListener listener =
        OpenTelemetryListener.builder(otel.getOpenTelemetry())
            .captureContent(true)
            .secret("hunter2-password")
            .build();

    agent(model, listener)
        .tools(search(new AtomicInteger()))
        .build()
        .run(Task.of("Is " + key + " valid? See https://x.org/?api_key=abc123def"));

    String everything =
        otel.getSpans().stream().map(s -> s.getAttributes().toString()).reduce("", String::concat);
    assertThat(everything)
        .doesNotContain(key)
        .doesNotContain("hunter2-password")
        .doesNotContain("abc123def")
        .contains("***");
    SpanData firstChat = spans("chat " + model.info().model()).get(0);
    assertThat(attr(firstChat, GenAi.SYSTEM_INSTRUCTIONS))
        .startsWith("[{\"type\":\"text\",\"content\":");
    assertThat(attr(firstChat, GenAi.INPUT_MESSAGES))
        .startsWith("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\"");
    assertThat(attr(firstChat, GenAi.OUTPUT_MESSAGES))
        .contains("\"type\":\"tool_call\"")
        .contains("\"finish_reason\"");
    SpanData tool = span("execute_tool web_search");
    assertThat(attr(tool, GenAi.TOOL_CALL_ARGUMENTS)).isEqualTo("{\"query\":\"***\"}");
    assertThat(attr(tool, GenAi.TOOL_CALL_RESULT)).startsWith("Found ***");
  }

  @Test
  void recordsDurationAndTokenUsageHistograms() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .reply(
                ScriptedChatModel.withUsage(
                    ScriptedChatModel.text("Answer: 1\n\nOne."), Usage.of(300, 20)))
            .build();

    agent(model, OpenTelemetryListener.create(otel.getOpenTelemetry())).build().run(Task.of("q"));

    MetricData usage = metric("gen_ai.client.token.usage");
    assertThat(usage.getUnit()).isEqualTo("{token}");
    List<HistogramPointData> points = List.copyOf(usage.getHistogramData().getPoints());
    assertThat(points)
        .extracting(p -> p.getAttributes().get(GenAi.TOKEN_TYPE) + "=" + (long) p.getSum())
        .containsExactlyInAnyOrder("input=300", "output=20");
    assertThat(points)
        .allSatisfy(
            p -> {
              assertThat(p.getAttributes().get(GenAi.OPERATION_NAME)).isEqualTo("chat");
              assertThat(p.getBoundaries())
                  .containsExactlyElementsOf(
                      GenAi.TOKEN_BUCKETS.stream().map(Long::doubleValue).toList());
            });
    MetricData duration = metric("gen_ai.client.operation.duration");
    assertThat(duration.getUnit()).isEqualTo("s");
    assertThat(duration.getHistogramData().getPoints())
        .extracting(p -> p.getAttributes().get(GenAi.OPERATION_NAME))
        .containsExactlyInAnyOrder("chat", "invoke_agent");
  }

  @Test
  void compactionsAndBudgetWarningsAreEventsOnTheRunSpan() {
    OpenTelemetryListener listener = OpenTelemetryListener.create(otel.getOpenTelemetry());
    Instant t0 = Instant.parse("2026-11-29T09:00:00Z");
    TrajectoryHeader header =
        new TrajectoryHeader(
            TrajectoryHeader.SCHEMA_V1,
            "run-7",
            "",
            Task.of("q"),
            MODEL,
            List.of(),
            Budget.builder().build(),
            "0.1.0",
            t0);

    listener.onRunStarted(header);
    listener.onCompaction("run-7", 150_000, 40_000);
    listener.onBudgetWarning("run-7", "tool_calls", 0.8);
    listener.onRunFinished(
        new Trajectory(
            header,
            List.of(),
            null,
            dev.researcher4j.api.RunTotals.of(List.of(), 0, Duration.ZERO),
            List.of(),
            null));

    SpanData run = span("invoke_agent researcher4j");
    assertThat(run.getEvents())
        .extracting(EventData::getName)
        .containsExactly("researcher4j.compaction", "researcher4j.budget_warning");
    assertThat(run.getEvents().get(0).getAttributes().get(GenAi.TOKENS_BEFORE)).isEqualTo(150_000L);
    assertThat(run.getEvents().get(0).getAttributes().get(GenAi.TOKENS_AFTER)).isEqualTo(40_000L);
    assertThat(run.getEvents().get(1).getAttributes().get(GenAi.BUDGET_FRACTION)).isEqualTo(0.8);
    assertThat(run.hasEnded()).isTrue();
  }

  private static MetricData metric(String name) {
    return otel.getMetrics().stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name));
  }
}
