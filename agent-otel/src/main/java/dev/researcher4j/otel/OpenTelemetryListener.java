package dev.researcher4j.otel;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.api.Usage;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Traces and measures research runs with OpenTelemetry, following the GenAI semantic conventions.
 * Add it to an agent: {@code ResearchAgent.builder().listener(OpenTelemetryListener.create(otel))}.
 *
 * <p><b>Spans.</b> Each run is an {@code invoke_agent} span (kind INTERNAL) with the run id ({@code
 * gen_ai.conversation.id}, {@code researcher4j.run.id}), the model, and at its end the stop reason,
 * the number of sources, steps and tool calls, and the run's token usage and cost; a run that
 * failed has status ERROR. Each model call is a {@code chat} span (kind CLIENT) under it with
 * {@code gen_ai.request.model}, the sampling parameters, {@code gen_ai.response.model}, {@code
 * gen_ai.response.id}, {@code gen_ai.response.finish_reasons}, {@code gen_ai.usage.input_tokens},
 * {@code output_tokens} and the cache read and creation counts; a failed call has status ERROR and
 * {@code error.type}. Each tool call is an {@code execute_tool} span with {@code gen_ai.tool.name}
 * and {@code gen_ai.tool.call.id}, the call's status, attempts and sources. Retries are {@value
 * GenAi#RETRY_EVENT} events on the span of what was retried; compactions and budget warnings are
 * events on the run's span.
 *
 * <p><b>Sub-researchers.</b> A run started by a tool of another run (its header names a parent run)
 * is traced as a child of that tool call's {@code execute_tool} span, when the same listener
 * instance watches both agents (give the supervisor and its sub-researchers the same listener) and
 * the sub-run runs on the tool's thread, as {@code AgentTool} does; otherwise as a child of the
 * parent run's span. A top-level run is a child of the context current on the thread that starts it
 * ({@code run}, or the agent's executor for {@code runAsync}: wrap that executor with {@code
 * Context.taskWrapping} to carry a caller's trace into asynchronous runs).
 *
 * <p><b>Metrics.</b> {@value GenAi#DURATION_METRIC} (seconds) for each model call and run, and
 * {@value GenAi#TOKEN_USAGE_METRIC} (tokens, by {@code gen_ai.token.type} input or output) for each
 * model call, with the bucket boundaries the conventions advise.
 *
 * <p><b>Contents.</b> Off by default: prompts, answers and tool arguments and results can hold
 * personal or confidential data. With {@link Builder#captureContent(boolean)} on, they are recorded
 * ({@code gen_ai.system_instructions}, {@code gen_ai.input.messages}, {@code
 * gen_ai.output.messages}, {@code gen_ai.tool.call.arguments}, {@code gen_ai.tool.call.result}),
 * scrubbed of the {@linkplain Builder#secret(String) secrets given}, credential-like URL
 * parameters, bearer tokens and strings shaped like well-known API keys. The SDK's attribute length
 * limit applies.
 *
 * <p><b>Costs and threads.</b> With only the OpenTelemetry API on the class path (no SDK installed)
 * every call is a no-op. Thread-safe: one instance can watch any number of agents and concurrent
 * runs. A run that never finishes (its process died) leaves its spans unended.
 */
public final class OpenTelemetryListener implements AgentListener {

  /** The instrumentation scope name of the tracer and meter. */
  public static final String INSTRUMENTATION_NAME = "dev.researcher4j.otel";

  /** Default {@code gen_ai.agent.name}. */
  public static final String DEFAULT_AGENT_NAME = "researcher4j";

  private final Tracer tracer;
  private final DoubleHistogram duration;
  private final LongHistogram tokens;
  private final String agentName;
  private final boolean captureContent;
  private final ContentCapture content;
  private final Clock clock;
  private final Map<String, RunState> runs = new ConcurrentHashMap<>();
  private final Map<Thread, RunState.Open> toolOnThread = new ConcurrentHashMap<>();

  private OpenTelemetryListener(Builder b) {
    this.tracer = b.openTelemetry.getTracer(INSTRUMENTATION_NAME);
    Meter meter = b.openTelemetry.getMeter(INSTRUMENTATION_NAME);
    this.duration =
        meter
            .histogramBuilder(GenAi.DURATION_METRIC)
            .setUnit("s")
            .setDescription("GenAI operation duration")
            .setExplicitBucketBoundariesAdvice(GenAi.DURATION_BUCKETS)
            .build();
    this.tokens =
        meter
            .histogramBuilder(GenAi.TOKEN_USAGE_METRIC)
            .ofLongs()
            .setUnit("{token}")
            .setDescription("Measures number of input and output tokens used")
            .setExplicitBucketBoundariesAdvice(GenAi.TOKEN_BUCKETS)
            .build();
    this.agentName = b.agentName;
    this.captureContent = b.captureContent;
    this.content = new ContentCapture(b.secrets);
    this.clock = b.clock;
  }

  /** A listener with the defaults: agent name {@value #DEFAULT_AGENT_NAME}, no contents. */
  public static OpenTelemetryListener create(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  /** A builder for a listener recording to {@code openTelemetry}. */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(openTelemetry);
  }

  @Override
  public void onRunStarted(TrajectoryHeader header) {
    Context parent = parentOf(header);
    Instant now = clock.instant();
    ModelInfo model = header.model();
    AttributesBuilder attributes =
        Attributes.builder()
            .put(GenAi.OPERATION_NAME, GenAi.INVOKE_AGENT)
            .put(GenAi.AGENT_NAME, agentName)
            .put(GenAi.CONVERSATION_ID, header.runId())
            .put(GenAi.RUN_ID, header.runId())
            .put(GenAi.TASK_ID, header.task().id())
            .put(GenAi.TASK_ATTEMPT, header.task().attempt());
    putModel(attributes, model);
    if (!header.parentRunId().isEmpty()) {
      attributes.put(GenAi.PARENT_RUN_ID, header.parentRunId());
    }
    if (captureContent) {
      attributes.put(
          GenAi.INPUT_MESSAGES,
          content.inputMessages(
              List.of(dev.researcher4j.api.Message.user(header.task().question()))));
    }
    Span span =
        tracer
            .spanBuilder(GenAi.INVOKE_AGENT + " " + agentName)
            .setParent(parent)
            .setSpanKind(SpanKind.INTERNAL)
            .setStartTimestamp(now)
            .setAllAttributes(attributes.build())
            .startSpan();
    runs.put(header.runId(), new RunState(header.runId(), model, span, parent.with(span), now));
  }

  @Override
  public void onStepStarted(String runId, int index, StepKind kind) {
    RunState run = runs.get(runId);
    if (run != null) {
      run.stepOnThread.put(Thread.currentThread(), index);
    }
  }

  @Override
  public void onModelCall(String runId, ChatRequest request) {
    RunState run = runs.get(runId);
    if (run == null) {
      return;
    }
    Integer index = run.stepOnThread.remove(Thread.currentThread());
    int step = index != null ? index : -1 - run.chats.size();
    Instant now = clock.instant();
    AttributesBuilder attributes =
        Attributes.builder()
            .put(GenAi.OPERATION_NAME, GenAi.CHAT)
            .put(GenAi.CONVERSATION_ID, runId)
            .put(GenAi.STEP_INDEX, step);
    putModel(attributes, run.model);
    putOptions(attributes, request.options(), run.model);
    if (captureContent) {
      String system = content.systemInstructions(request.messages());
      if (!system.isEmpty()) {
        attributes.put(GenAi.SYSTEM_INSTRUCTIONS, system);
      }
      attributes.put(GenAi.INPUT_MESSAGES, content.inputMessages(request.messages()));
    }
    String name = GenAi.CHAT + " " + run.model.model();
    Span span =
        tracer
            .spanBuilder(name)
            .setParent(run.context)
            .setSpanKind(SpanKind.CLIENT)
            .setStartTimestamp(now)
            .setAllAttributes(attributes.build())
            .startSpan();
    run.chats.put(step, new RunState.Open(span, now, runId, name));
  }

  @Override
  public void onStepFinished(String runId, Step step) {
    RunState run = runs.get(runId);
    if (run == null) {
      return;
    }
    RunState.Open chat = run.chats.remove(step.index());
    if (chat == null) {
      return;
    }
    Instant end = chat.start().plus(step.duration().isNegative() ? Duration.ZERO : step.duration());
    AttributesBuilder metric =
        Attributes.builder()
            .put(GenAi.OPERATION_NAME, GenAi.CHAT)
            .put(GenAi.PROVIDER_NAME, run.model.provider())
            .put(GenAi.REQUEST_MODEL, run.model.model());
    if (step.modelCall() != null) {
      ChatResponse response = step.modelCall().response();
      String reason =
          response.rawFinishReason().isEmpty()
              ? response.finishReason().name().toLowerCase(Locale.ROOT)
              : response.rawFinishReason();
      Span span = chat.span();
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
        span.setAttribute(
            GenAi.OUTPUT_MESSAGES, content.outputMessages(response.message(), reason));
      }
      Attributes base = metric.build();
      tokens.record(
          usage.inputTokens(),
          base.toBuilder().put(GenAi.TOKEN_TYPE, "input").build(),
          run.context);
      tokens.record(
          usage.outputTokens(),
          base.toBuilder().put(GenAi.TOKEN_TYPE, "output").build(),
          run.context);
    } else {
      String errorType = step.data().path("error_type").asText("");
      String failure = step.data().path("call_failure").asText("");
      String type =
          !errorType.isEmpty() ? simpleName(errorType) : failure.isEmpty() ? "error" : failure;
      chat.span().setAttribute(GenAi.ERROR_TYPE, type);
      chat.span().setStatus(StatusCode.ERROR, content.scrub(step.summary()));
      metric.put(GenAi.ERROR_TYPE, type);
      long status = step.data().path("status_code").asLong(0);
      if (status > 0) {
        chat.span().setAttribute(GenAi.HTTP_STATUS, status);
      }
    }
    duration.record(seconds(step.duration()), metric.build(), run.context);
    chat.span().end(end);
  }

  @Override
  public void onToolCallStarted(String runId, ToolCall call) {
    RunState run = runs.get(runId);
    if (run == null) {
      return;
    }
    Instant now = clock.instant();
    String name = GenAi.EXECUTE_TOOL + " " + call.name();
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
    Span span =
        tracer
            .spanBuilder(name)
            .setParent(run.context)
            .setSpanKind(SpanKind.INTERNAL)
            .setStartTimestamp(now)
            .setAllAttributes(attributes.build())
            .startSpan();
    RunState.Open open = new RunState.Open(span, now, runId, call.name());
    run.tools.put(call.id(), open);
    toolOnThread.put(Thread.currentThread(), open);
  }

  @Override
  public void onToolCallFinished(String runId, ToolExecution execution) {
    RunState run = runs.get(runId);
    if (run == null) {
      return;
    }
    RunState.Open open = run.tools.remove(execution.call().id());
    if (open == null) {
      return;
    }
    toolOnThread.values().remove(open);
    Span span = open.span();
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
    span.end(open.start().plus(execution.duration()));
  }

  @Override
  public void onRetry(String runId, String target, RetryAttempt retry) {
    RunState run = runs.get(runId);
    if (run == null) {
      return;
    }
    Span span = run.span;
    if ("model".equals(target)) {
      RunState.Open chat = run.latestChat();
      if (chat != null) {
        span = chat.span();
      }
    } else {
      RunState.Open tool = toolOnThread.get(Thread.currentThread());
      if (tool != null && tool.runId().equals(runId) && tool.name().equals(target)) {
        span = tool.span();
      }
    }
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
    span.addEvent(GenAi.RETRY_EVENT, attributes.build(), clock.instant());
  }

  @Override
  public void onCompaction(String runId, long tokensBefore, long tokensAfter) {
    RunState run = runs.get(runId);
    if (run != null) {
      run.span.addEvent(
          GenAi.COMPACTION_EVENT,
          Attributes.of(GenAi.TOKENS_BEFORE, tokensBefore, GenAi.TOKENS_AFTER, tokensAfter),
          clock.instant());
    }
  }

  @Override
  public void onBudgetWarning(String runId, String budget, double fractionUsed) {
    RunState run = runs.get(runId);
    if (run != null) {
      run.span.addEvent(
          GenAi.BUDGET_WARNING_EVENT,
          Attributes.of(GenAi.BUDGET, budget, GenAi.BUDGET_FRACTION, fractionUsed),
          clock.instant());
    }
  }

  @Override
  public void onRunFinished(Trajectory trajectory) {
    RunState run = runs.remove(trajectory.runId());
    if (run == null) {
      return;
    }
    Instant now = clock.instant();
    for (RunState.Open open : run.chats.values()) {
      open.span().setStatus(StatusCode.ERROR, "the run ended before the model call was recorded");
      open.span().end(now);
    }
    for (RunState.Open open : run.tools.values()) {
      toolOnThread.values().remove(open);
      open.span().setStatus(StatusCode.ERROR, "the run ended before the tool call was recorded");
      open.span().end(now);
    }
    Span span = run.span;
    Usage usage = trajectory.totals().usage();
    span.setAttribute(GenAi.SOURCE_COUNT, trajectory.totals().sources());
    span.setAttribute(GenAi.STEP_COUNT, trajectory.totals().steps());
    span.setAttribute(GenAi.TOOL_CALL_COUNT, trajectory.totals().toolCalls());
    span.setAttribute(GenAi.USAGE_INPUT_TOKENS, usage.inputTokens());
    span.setAttribute(GenAi.USAGE_OUTPUT_TOKENS, usage.outputTokens());
    span.setAttribute(GenAi.COST_USD, usage.costUsd());
    AttributesBuilder metric =
        Attributes.builder()
            .put(GenAi.OPERATION_NAME, GenAi.INVOKE_AGENT)
            .put(GenAi.PROVIDER_NAME, run.model.provider())
            .put(GenAi.REQUEST_MODEL, run.model.model());
    Outcome outcome = trajectory.outcome();
    if (outcome != null) {
      span.setAttribute(GenAi.STOP_REASON, outcome.stopReason().name());
      if (captureContent && outcome.hasAnswer()) {
        span.setAttribute(
            GenAi.OUTPUT_MESSAGES,
            content.outputMessages(
                dev.researcher4j.api.Message.assistant(outcome.answer()),
                outcome.stopReason().name().toLowerCase(Locale.ROOT)));
      }
      if (outcome.stopReason() == StopReason.FAILED) {
        span.setAttribute(GenAi.ERROR_TYPE, "failed");
        span.setStatus(StatusCode.ERROR, content.scrub(outcome.error()));
        metric.put(GenAi.ERROR_TYPE, "failed");
      }
    }
    duration.record(seconds(Duration.between(run.start, now)), metric.build(), run.context);
    span.end(now);
  }

  /** The tool span of the parent run on this thread, else the parent run's span, else current. */
  private Context parentOf(TrajectoryHeader header) {
    String parentRunId = header.parentRunId();
    if (!parentRunId.isEmpty()) {
      RunState.Open tool = toolOnThread.get(Thread.currentThread());
      if (tool != null && tool.runId().equals(parentRunId)) {
        RunState parent = runs.get(parentRunId);
        Context base = parent != null ? parent.context : Context.current();
        return base.with(tool.span());
      }
      RunState parent = runs.get(parentRunId);
      if (parent != null) {
        return parent.context;
      }
    }
    return Context.current();
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

  private static double seconds(Duration duration) {
    return duration.isNegative() ? 0 : duration.toNanos() / 1e9;
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    return line.length() <= 300 ? line : line.substring(0, 300) + "…";
  }

  /** Builds an {@link OpenTelemetryListener}. Not thread-safe. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private String agentName = DEFAULT_AGENT_NAME;
    private boolean captureContent;
    private final List<String> secrets = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry =
          Objects.requireNonNull(openTelemetry, "openTelemetry is required, but was null");
    }

    /** The {@code gen_ai.agent.name} of the runs' spans; default {@value #DEFAULT_AGENT_NAME}. */
    public Builder agentName(String agentName) {
      Objects.requireNonNull(agentName, "agentName is required, but was null");
      if (agentName.isBlank()) {
        throw new IllegalArgumentException(
            "agentName must not be blank, but was '" + agentName + "'");
      }
      this.agentName = agentName.strip();
      return this;
    }

    /**
     * Whether to record prompts, answers and tool arguments and results (scrubbed of secrets);
     * default off.
     */
    public Builder captureContent(boolean captureContent) {
      this.captureContent = captureContent;
      return this;
    }

    /** A secret value (an API key, a password) to mask in recorded contents; blank is ignored. */
    public Builder secret(String secret) {
      if (secret != null && !secret.isBlank()) {
        secrets.add(secret);
      }
      return this;
    }

    /** The clock of span timestamps; default the UTC system clock. Tests inject a fixed one. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock is required, but was null");
      return this;
    }

    /** Builds the listener. */
    public OpenTelemetryListener build() {
      return new OpenTelemetryListener(this);
    }
  }
}
