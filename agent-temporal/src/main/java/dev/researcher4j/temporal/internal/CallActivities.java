package dev.researcher4j.temporal.internal;

import dev.researcher4j.core.durable.Cancellation;
import dev.researcher4j.core.durable.DurableAgent;
import dev.researcher4j.core.durable.ModelCallInput;
import dev.researcher4j.core.durable.ModelCallOutput;
import dev.researcher4j.core.durable.ToolCallInput;
import dev.researcher4j.core.durable.ToolCallOutput;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;

/**
 * A worker's model and tool calls: each made with the worker's agent while heartbeats report the
 * worker alive. Thread-safe: Temporal runs many at once.
 */
public final class CallActivities implements ModelActivities, ToolActivities {

  private final DurableAgent agent;
  private final Duration heartbeat;

  /** Calls made with {@code agent}, heartbeating every {@code heartbeat}. */
  public CallActivities(DurableAgent agent, Duration heartbeat) {
    this.agent = agent;
    this.heartbeat = heartbeat;
  }

  @Override
  public ModelCallOutput callModel(ModelCallInput input) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    Cancellation cancellation = new Cancellation();
    Heartbeats beats = Heartbeats.start(context, heartbeat, cancellation);
    try {
      return agent.callModel(input, cancellation);
    } finally {
      beats.close();
    }
  }

  @Override
  public ToolCallOutput callTool(ToolCallInput input) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    Cancellation cancellation = new Cancellation();
    Heartbeats beats = Heartbeats.start(context, heartbeat, cancellation);
    try {
      return agent.callTool(input, cancellation);
    } finally {
      beats.close();
    }
  }
}
