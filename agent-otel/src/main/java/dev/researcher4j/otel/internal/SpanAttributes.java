package dev.researcher4j.otel.internal;

import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.api.Usage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the spans of a run carry, by the GenAI semantic conventions: the attributes a run, model
 * call, tool call or retry starts with, and those set (with the status) when it ends. Contents are
 * recorded only when asked for, scrubbed of secrets. Thread-safe.
 */
public final class SpanAttributes {

  private final String agentName;
  private final boolean captureContent;
  private final ContentCapture content;

  /**
   * Attributes naming the agent {@code agentName}, recording contents when {@code captureContent},
   * scrubbed of {@code secrets}.
   */
  public SpanAttributes(String agentName, boolean captureContent, List<String> secrets) {
    this.agentName = Objects.requireNonNull(agentName, "agentName");
    this.captureContent = captureContent;
    this.content = new ContentCapture(secrets);
  }

  /** The attributes of a run's {@code invoke_agent} span. */
  public Attributes run(TrajectoryHeader header) {
    AttributesBuilder attributes =
        Attributes.builder()
            .put(GenAi.OPERATION_NAME, GenAi.INVOKE_AGENT)
            .put(GenAi.AGENT_NAME, agentName)
            .put(GenAi.CONVERSATION_ID, header.runId())
            .put(GenAi.RUN_ID, header.runId())
            .put(GenAi.TASK_ID, header.task().id())
            .put(GenAi.TASK_ATTEMPT, header.task().attempt());
    putModel(attributes, header.model());
    if (!header.parentRunId().isEmpty()) {
      attributes.put(GenAi.PARENT_RUN_ID, header.parentRunId());
    }
    if (captureContent) {
      attributes.put(
          GenAi.INPUT_MESSAGES,
          content.inputMessages(List.of(Message.user(header.task().question()))));
    }
    return attributes.build();
  }

  /** The attributes a model call's {@code chat} span starts with. */
  public Attributes chat(String runId, int step, ChatRequest request, ModelInfo model) {
    AttributesBuilder attributes =
        Attributes.builder()
            .put(GenAi.OPERATION_NAME, GenAi.CHAT)
            .put(GenAi.CONVERSATION_ID, runId)
            .put(GenAi.STEP_INDEX, step);
    putModel(attributes, model);
    putOptions(attributes, request.options(), model);
    if (captureContent) {
      String system = content.systemInstructions(request.messages());
      if (!system.isEmpty()) {
        attributes.put(GenAi.SYSTEM_INSTRUCTIONS, system);
      }
      attributes.put(GenAi.INPUT_MESSAGES, content.inputMessages(request.messages()));
    }
    return attributes.build();
  }

  /**
   * Sets what the model answered on its {@code chat} span, and the response model on {@code
   * metric}.
   */
  public void chatAnswered(Span span, Step step, ChatResponse response, AttributesBuilder metric) {
    String reason =
        response.rawFinishReason().isEmpty()
            ? response.finishReason().name().toLowerCase(Locale.ROOT)
            : response.rawFinishReason();
    span.setAttribute(GenAi.STEP_KIND, step.kind().name());
    span.setAttribute(GenAi.RESPONSE_FINISH_REASONS, List.of(reason));
    if (!response.model().isEmpty()) {
      span.setAttribute(GenAi.RESPONSE_MODEL, response.model());
      metric.put(GenAi.RESPONSE_MODEL, response.model());
    }
    if (!response.responseId().isEmpty()) {
      span.setAttribute(GenAi.RESPONSE_ID, response.responseId());
    }
    Usage usage = response.usage();
    span.setAttribute(GenAi.USAGE_INPUT_TOKENS, usage.inputTokens());
    span.setAttribute(GenAi.USAGE_OUTPUT_TOKENS, usage.outputTokens());
    span.setAttribute(GenAi.USAGE_CACHE_READ_INPUT_TOKENS, usage.cachedInputTokens());
    span.setAttribute(GenAi.USAGE_CACHE_CREATION_INPUT_TOKENS, usage.cacheWriteInputTokens());
    if (usage.costUsd() > 0) {
      span.setAttribute(GenAi.COST_USD, usage.costUsd());
    }
    if (captureContent) {
      span.setAttribute(GenAi.OUTPUT_MESSAGES, content.outputMessages(response.message(), reason));
    }
  }

  /**
   * Marks a failed model call's {@code chat} span as an error.
   *
   * @return the {@code error.type}: the exception's simple name, else the call failure, else {@code
   *     error}
   */
  public String chatFailed(Span span, Step step) {
    String errorType = step.data().path("error_type").asText("");
    String failure = step.data().path("call_failure").asText("");
    String type =
        !errorType.isEmpty() ? simpleName(errorType) : failure.isEmpty() ? "error" : failure;
    span.setAttribute(GenAi.ERROR_TYPE, type);
    span.setStatus(StatusCode.ERROR, content.scrub(step.summary()));
    long status = step.data().path("status_code").asLong(0);
    if (status > 0) {
      span.setAttribute(GenAi.HTTP_STATUS, status);
    }
    return type;
  }

  /** The attributes a tool call's {@code execute_tool} span starts with. */
  public Attributes tool(String runId, ToolCall call) {
    AttributesBuilder attributes =
        Attributes.builder()
            .put(GenAi.OPERATION_NAME, GenAi.EXECUTE_TOOL)
            .put(GenAi.TOOL_NAME, call.name())
            .put(GenAi.TOOL_CALL_ID, call.id())
            .put(GenAi.TOOL_TYPE, "function")
            .put(GenAi.CONVERSATION_ID, runId);
    if (captureContent) {
      attributes.put(GenAi.TOOL_CALL_ARGUMENTS, content.scrub(call.arguments()));
    }
    return attributes.build();
  }

  /** Sets how a tool call ended on its {@code execute_tool} span; a failure is an error status. */
  public void toolFinished(Span span, ToolExecution execution) {
    ToolExecution.Status status = execution.status();
    span.setAttribute(GenAi.TOOL_STATUS, status.name());
    span.setAttribute(GenAi.TOOL_ATTEMPTS, execution.attempts());
    if (!execution.sourceIds().isEmpty()) {
      span.setAttribute(GenAi.TOOL_SOURCE_IDS, execution.sourceIds());
    }
    if (!execution.childRunIds().isEmpty()) {
      span.setAttribute(GenAi.CHILD_RUN_IDS, execution.childRunIds());
    }
    if (captureContent) {
      span.setAttribute(GenAi.TOOL_CALL_RESULT, content.scrub(execution.result().content()));
    }
    if (status.isFailure()) {
      span.setAttribute(GenAi.ERROR_TYPE, status.name().toLowerCase(Locale.ROOT));
      span.setStatus(StatusCode.ERROR, content.scrub(firstLine(execution.result().content())));
    }
  }

  /** The attributes of a {@value GenAi#RETRY_EVENT} event. */
  public Attributes retry(String target, RetryAttempt retry) {
    AttributesBuilder attributes =
        Attributes.builder()
            .put(GenAi.RETRY_TARGET, target)
            .put(GenAi.RETRY_ATTEMPT, retry.attempt())
            .put(GenAi.RETRY_DELAY_MS, retry.delay().toMillis())
            .put(GenAi.ERROR_TYPE, retry.errorType())
            .put(GenAi.RETRY_ERROR, content.scrub(retry.error()));
    if (retry.statusCode() > 0) {
      attributes.put(GenAi.HTTP_STATUS, retry.statusCode());
    }
    return attributes.build();
  }

  /**
   * Sets a run's totals and outcome on its {@code invoke_agent} span; a failed run is an error.
   *
   * @return whether the run failed
   */
  public boolean runFinished(Span span, Trajectory trajectory) {
    Usage usage = trajectory.totals().usage();
    span.setAttribute(GenAi.SOURCE_COUNT, trajectory.totals().sources());
    span.setAttribute(GenAi.STEP_COUNT, trajectory.totals().steps());
    span.setAttribute(GenAi.TOOL_CALL_COUNT, trajectory.totals().toolCalls());
    span.setAttribute(GenAi.USAGE_INPUT_TOKENS, usage.inputTokens());
    span.setAttribute(GenAi.USAGE_OUTPUT_TOKENS, usage.outputTokens());
    span.setAttribute(GenAi.COST_USD, usage.costUsd());
    Outcome outcome = trajectory.outcome();
    if (outcome == null) {
      return false;
    }
    span.setAttribute(GenAi.STOP_REASON, outcome.stopReason().name());
    if (captureContent && outcome.hasAnswer()) {
      span.setAttribute(
          GenAi.OUTPUT_MESSAGES,
          content.outputMessages(
              Message.assistant(outcome.answer()),
              outcome.stopReason().name().toLowerCase(Locale.ROOT)));
    }
    if (outcome.stopReason() == StopReason.FAILED) {
      span.setAttribute(GenAi.ERROR_TYPE, "failed");
      span.setStatus(StatusCode.ERROR, content.scrub(outcome.error()));
      return true;
    }
    return false;
  }

  private static void putModel(AttributesBuilder attributes, ModelInfo model) {
    attributes.put(GenAi.PROVIDER_NAME, model.provider()).put(GenAi.REQUEST_MODEL, model.model());
    Object base = model.parameters().get("base_url");
    if (base instanceof String url) {
      try {
        URI uri = URI.create(url);
        if (uri.getHost() != null) {
          attributes.put(GenAi.SERVER_ADDRESS, uri.getHost());
          int port = uri.getPort() > 0 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80 : 443;
          attributes.put(GenAi.SERVER_PORT, port);
        }
      } catch (IllegalArgumentException notAUri) {
        // leave the server attributes out
      }
    }
  }

  private static void putOptions(
      AttributesBuilder attributes, ChatOptions options, ModelInfo model) {
    Double temperature =
        options.temperature() != null ? options.temperature() : number(model, "temperature");
    if (temperature != null) {
      attributes.put(GenAi.REQUEST_TEMPERATURE, temperature);
    }
    Double topP = options.topP() != null ? options.topP() : number(model, "top_p");
    if (topP != null) {
      attributes.put(GenAi.REQUEST_TOP_P, topP);
    }
    Double maxTokens =
        options.maxTokens() != null
            ? Double.valueOf(options.maxTokens())
            : number(model, "max_tokens");
    if (maxTokens == null) {
      maxTokens = number(model, "max_completion_tokens");
    }
    if (maxTokens != null) {
      attributes.put(GenAi.REQUEST_MAX_TOKENS, maxTokens.longValue());
    }
    if (options.seed() != null) {
      attributes.put(GenAi.REQUEST_SEED, options.seed());
    }
    if (!options.stop().isEmpty()) {
      attributes.put(GenAi.REQUEST_STOP_SEQUENCES, new ArrayList<>(options.stop()));
    }
  }

  private static Double number(ModelInfo model, String name) {
    return model.parameters().get(name) instanceof Number n ? n.doubleValue() : null;
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    return line.length() <= 300 ? line : line.substring(0, 300) + "…";
  }
}
