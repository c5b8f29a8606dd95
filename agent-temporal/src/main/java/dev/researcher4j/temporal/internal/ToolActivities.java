package dev.researcher4j.temporal.internal;

import dev.researcher4j.core.durable.ToolCallInput;
import dev.researcher4j.core.durable.ToolCallOutput;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** A research run's tool calls, one activity each. */
@ActivityInterface
public interface ToolActivities {

  /** Makes one tool call on this worker; a failed call is an output, not an exception. */
  @ActivityMethod(name = "ResearchToolCall")
  ToolCallOutput callTool(ToolCallInput input);
}
