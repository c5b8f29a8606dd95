package dev.researcher4j.temporal.internal;

import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.core.durable.DurableAgent;
import dev.researcher4j.core.durable.Engine;
import dev.researcher4j.core.durable.ModelCallInput;
import dev.researcher4j.core.durable.ModelCallOutput;
import dev.researcher4j.core.durable.ToolCallInput;
import dev.researcher4j.core.durable.ToolCallOutput;
import dev.researcher4j.core.http.RetryPolicy;
import dev.researcher4j.core.tool.ToolPolicy;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link Engine} of a run in a {@link ResearchWorkflowImpl}: the workflow's clock, each model
 * call and each tool call an activity (a batch's calls started together), and cancellation of the
 * calls in flight when the run is cancelled. Workflow code: deterministic, one thread.
 */
final class TemporalEngine implements Engine {

  /** Runs before each act-loop model call: the workflow may continue as new there. */
  interface BeforeModelCall {
    void run();
  }

  private final DurableAgent agent;
  private final Timeouts timeouts;
  private final BeforeModelCall beforeModelCall;
  private final Clock clock = new WorkflowClock();
  private CancellationScope inFlight;
  private boolean cancelled;

  TemporalEngine(DurableAgent agent, Timeouts timeouts, BeforeModelCall beforeModelCall) {
    this.agent = agent;
    this.timeouts = timeouts;
    this.beforeModelCall = beforeModelCall;
  }

  /** Cancels the calls in flight, and every later one. */
  void cancel() {
    cancelled = true;
    if (inFlight != null) {
      inFlight.cancel("the run was cancelled");
    }
  }

  /** Whether the run was cancelled (by a signal, or by a cancelled activity). */
  boolean isCancelled() {
    return cancelled;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public ModelCallOutput callModel(ModelCallInput input) {
    if (input.kind() == StepKind.MODEL) {
      beforeModelCall.run();
    }
    Instant now = clock.instant();
    if (cancelled) {
      return ModelCallOutput.failed(
          ModelCallOutput.Failure.CANCELLED,
          "the run was cancelled before the model call",
          null,
          now,
          now);
    }
    ModelActivities activity =
        Workflow.newActivityStub(
            ModelActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(timeouts.callTimeout(input.timeout()))
                .setHeartbeatTimeout(timeouts.heartbeatTimeout())
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setMaximumAttempts(timeouts.lostCallAttempts())
                        .build())
                .build());
    List<Promise<ModelCallOutput>> promise = new ArrayList<>();
    inFlight =
        Workflow.newCancellationScope(
            () -> promise.add(Async.function(activity::callModel, input)));
    inFlight.run();
    try {
      return promise.get(0).get();
    } catch (ActivityFailure failure) {
      Instant at = clock.instant();
      if (failure.getCause() instanceof CanceledFailure) {
        cancelled = true;
        return ModelCallOutput.failed(
            ModelCallOutput.Failure.CANCELLED,
            "the run was cancelled during the model call",
            null,
            now,
            at);
      }
      if (failure.getCause() instanceof TimeoutFailure timeout
          && timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE
          && input.timeout().compareTo(timeouts.longestCall()) < 0) {
        return ModelCallOutput.failed(
            ModelCallOutput.Failure.TIMEOUT,
            "the model call was stopped: the time budget ran out",
            null,
            now,
            at);
      }
      return ModelCallOutput.failed(
          ModelCallOutput.Failure.FAILED,
          "model call failed: the model-call activity failed "
              + timeouts.lostCallAttempts()
              + " times ("
              + describe(failure)
              + ")",
          null,
          now,
          at);
    } finally {
      inFlight = null;
    }
  }

  @Override
  public List<ToolCallOutput> callTools(List<ToolCallInput> inputs) {
    if (cancelled) {
      List<ToolCallOutput> none = new ArrayList<>();
      inputs.forEach(input -> none.add(ToolCallOutput.cancelled(input.call(), clock.instant())));
      return none;
    }
    List<Promise<ToolCallOutput>> promises = new ArrayList<>();
    inFlight =
        Workflow.newCancellationScope(
            () -> {
              for (ToolCallInput input : inputs) {
                ToolActivities activity =
                    Workflow.newActivityStub(ToolActivities.class, toolOptions(input));
                promises.add(Async.function(activity::callTool, input));
              }
            });
    inFlight.run();
    List<ToolCallOutput> outputs = new ArrayList<>();
    try {
      for (int i = 0; i < inputs.size(); i++) {
        outputs.add(outputOf(inputs.get(i), promises.get(i)));
      }
    } finally {
      inFlight = null;
    }
    return outputs;
  }

  private ToolCallOutput outputOf(ToolCallInput input, Promise<ToolCallOutput> promise) {
    try {
      return promise.get();
    } catch (ActivityFailure failure) {
      Instant at = clock.instant();
      if (failure.getCause() instanceof CanceledFailure) {
        cancelled = true;
        return ToolCallOutput.cancelled(input.call(), at);
      }
      if (failure.getCause() instanceof TimeoutFailure timeout
          && timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE) {
        return ToolCallOutput.failed(
            input.call(),
            ToolExecution.Status.TIMEOUT,
            "Error: "
                + input.call().name()
                + " did not finish in time. Try a narrower request or another tool.",
            at);
      }
      return ToolCallOutput.failed(
          input.call(),
          ToolExecution.Status.EXCEPTION,
          "Error: "
              + input.call().name()
              + " failed: the worker running it was lost ("
              + describe(failure)
              + "). Try again or use another tool.",
          at);
    }
  }

  /**
   * A tool call's activity options, from its tool's policy: its timeout (within what the budget
   * leaves) for each attempt, and the policy's retries for attempts whose worker was lost. Failures
   * of the tool itself never reach Temporal: the call retries them on its worker, as a local run
   * does, and reports what came of them.
   */
  private ActivityOptions toolOptions(ToolCallInput input) {
    ToolPolicy policy = agent.toolPolicy(input.call().name());
    Duration perAttempt =
        policy.timeout().compareTo(input.timeLeft()) < 0 ? policy.timeout() : input.timeLeft();
    RetryPolicy retry = policy.retry();
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(timeouts.callTimeout(perAttempt))
        .setHeartbeatTimeout(timeouts.heartbeatTimeout())
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(positive(retry.initialBackoff()))
                .setMaximumInterval(positive(retry.maxBackoff()))
                .setBackoffCoefficient(Math.max(1.0, retry.multiplier()))
                .setMaximumAttempts(Math.max(2, retry.maxAttempts()))
                .build())
        .build();
  }

  private static Duration positive(Duration duration) {
    return duration.isZero() || duration.isNegative() ? Duration.ofMillis(100) : duration;
  }

  private static String describe(ActivityFailure failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** The workflow's deterministic time. */
  private static final class WorkflowClock extends Clock {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the workflow clock is in UTC");
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }
  }
}
