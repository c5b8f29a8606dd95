package dev.researcher4j.core.durable;

import java.time.Clock;
import java.util.List;

/**
 * What a durable-execution engine does for a {@link DurableRun}: the run's clock, and each model
 * call and tool call as a durable step (an activity) whose result the engine records and hands back
 * the same when it replays. Called only from the run's thread, in the engine's deterministic code.
 *
 * <p>Implementations never throw for a call that failed: an activity that could not be completed
 * (retries exhausted, cancelled, timed out) comes back as a failed output ({@link
 * ModelCallOutput#failed}, {@link ToolCallOutput#failed}), which the run treats as a local run
 * treats the same failure.
 */
public interface Engine {

  /** The engine's deterministic clock (a workflow's time), for every time the run records. */
  Clock clock();

  /** Makes one model call, typically as an activity that calls {@link DurableAgent#callModel}. */
  ModelCallOutput callModel(ModelCallInput input);

  /**
   * Makes the tool calls of one batch, typically as one activity each, started together, that call
   * {@link DurableAgent#callTool}; returns when all have ended, one output per input, in order.
   */
  List<ToolCallOutput> callTools(List<ToolCallInput> inputs);
}
