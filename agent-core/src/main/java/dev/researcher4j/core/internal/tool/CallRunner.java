package dev.researcher4j.core.internal.tool;

import dev.researcher4j.api.ToolCall;
import dev.researcher4j.core.internal.port.ToolOutcome;
import java.time.Duration;
import java.util.List;

/**
 * Runs the calls of a tool batch that passed the {@link ParallelToolExecutor}'s checks (known tool,
 * valid arguments, not answered from the cache), each under its tool's policy: in this process
 * ({@link LocalCalls}), or through a durable-execution engine, one activity per call.
 */
public interface CallRunner {

  /**
   * A call to run.
   *
   * @param index its place in the batch
   * @param call the call
   * @param tool the tool it goes to, with its policy
   */
  record Admitted(int index, ToolCall call, BoundTool tool) {}

  /**
   * What came of an admitted call.
   *
   * @param outcome the call's outcome (secrets are masked by the executor afterwards)
   * @param announced whether listeners were told that the call started
   */
  record Ran(ToolOutcome outcome, boolean announced) {}

  /**
   * Runs {@code calls} as step {@code stepIndex} and returns one result per call, in the same
   * order; returns when every call has ended, the run was cancelled, or {@code timeLeft} passed.
   */
  List<Ran> run(int stepIndex, List<Admitted> calls, Duration timeLeft);
}
