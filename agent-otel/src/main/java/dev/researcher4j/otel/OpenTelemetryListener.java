package dev.researcher4j.otel;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.otel.internal.GenAi;
import dev.researcher4j.otel.internal.GenAiMetrics;
import dev.researcher4j.otel.internal.RunState;
import dev.researcher4j.otel.internal.SpanAttributes;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
  private final GenAiMetrics metrics;
  private final SpanAttributes attributes;
  private final String agentName;
  private final Clock clock;
  private final Map<String, RunState> runs = new ConcurrentHashMap<>();
  private final Map<Thread, RunState.Open> toolOnThread = new ConcurrentHashMap<>();

  private OpenTelemetryListener(Builder b) {
    this.tracer = b.openTelemetry.getTracer(INSTRUMENTATION_NAME);
    this.metrics = new GenAiMetrics(b.openTelemetry.getMeter(INSTRUMENTATION_NAME));
    this.attributes = new SpanAttributes(b.agentName, b.captureContent, b.secrets);
    this.agentName = b.agentName;
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
    Span span =
        start(GenAi.INVOKE_AGENT + " " + agentName, parent, SpanKind.INTERNAL, now)
            .setAllAttributes(attributes.run(header))
            .startSpan();
    runs.put(
        header.runId(), new RunState(header.runId(), header.model(), span, parent.with(span), now));
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
    String name = GenAi.CHAT + " " + run.model.model();
    Span span =
        start(name, run.context, SpanKind.CLIENT, now)
            .setAllAttributes(attributes.chat(runId, step, request, run.model))
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
    AttributesBuilder metric = GenAiMetrics.base(GenAi.CHAT, run.model);
    if (step.modelCall() != null) {
      ChatResponse response = step.modelCall().response();
      attributes.chatAnswered(chat.span(), step, response, metric);
      metrics.recordTokens(response.usage(), metric.build(), run.context);
    } else {
      metric.put(GenAi.ERROR_TYPE, attributes.chatFailed(chat.span(), step));
    }
    metrics.recordDuration(step.duration(), metric.build(), run.context);
    chat.span().end(end);
  }

  @Override
  public void onToolCallStarted(String runId, ToolCall call) {
    RunState run = runs.get(runId);
    if (run == null) {
      return;
    }
    Instant now = clock.instant();
    Span span =
        start(GenAi.EXECUTE_TOOL + " " + call.name(), run.context, SpanKind.INTERNAL, now)
            .setAllAttributes(attributes.tool(runId, call))
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
    attributes.toolFinished(open.span(), execution);
    open.span().end(open.start().plus(execution.duration()));
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
    span.addEvent(GenAi.RETRY_EVENT, attributes.retry(target, retry), clock.instant());
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
    AttributesBuilder metric = GenAiMetrics.base(GenAi.INVOKE_AGENT, run.model);
    if (attributes.runFinished(run.span, trajectory)) {
      metric.put(GenAi.ERROR_TYPE, "failed");
    }
    metrics.recordDuration(Duration.between(run.start, now), metric.build(), run.context);
    run.span.end(now);
  }

  private SpanBuilder start(String name, Context parent, SpanKind kind, Instant now) {
    return tracer.spanBuilder(name).setParent(parent).setSpanKind(kind).setStartTimestamp(now);
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
