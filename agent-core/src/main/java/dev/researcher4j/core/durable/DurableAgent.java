package dev.researcher4j.core.durable;

import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.tool.ToolPolicy;
import dev.researcher4j.core.trajectory.TrajectoryResume;
import java.util.List;

/**
 * A {@link dev.researcher4j.core.ResearchAgent} as a durable-execution engine uses it (see the
 * {@linkplain dev.researcher4j.core.durable package} for the two sides). Get one with {@code
 * ResearchAgent.durable()}. Thread-safe and immutable, like its agent.
 *
 * <p><b>Experimental.</b>
 */
public interface DurableAgent {

  // ------------------------------------------------------------- deterministic side (workflow)

  /** A new run, driven through {@code engine}; call {@link DurableRun#execute()} to run it. */
  DurableRun newRun(RunRequest request, Engine engine);

  /**
   * The continuation of a run from its record (an engine's continue-as-new): every model call and
   * tool batch {@code recorded} holds is answered from it, as {@code ResearchAgent.resume} does,
   * and the run goes on through {@code engine} where the record ends. The request's run id, task
   * and budget are taken from the record's header; its listener and sinks are used (sinks learn of
   * the resume through {@link dev.researcher4j.core.trajectory.TrajectorySink#onResume}).
   *
   * @param resumes the record's resume lines, for time the run was down before
   */
  DurableRun resumeRun(
      RunRequest request, Trajectory recorded, List<TrajectoryResume> resumes, Engine engine);

  // ------------------------------------------------------------- side-effect side (activities)

  /**
   * Makes one model call on this worker: with the run's time left as timeout, the model's own
   * retries, secrets masked. Blocks until the call ends; never throws for a failed call.
   *
   * @param cancellation cancelling it stops the call, which then ends as cancelled
   */
  ModelCallOutput callModel(ModelCallInput input, Cancellation cancellation);

  /**
   * Makes one tool call on this worker, under its tool's policy (timeout, retries, circuit
   * breaker), sources registered with provisional ids (see {@link ToolCallInput}). Blocks until the
   * call ends; never throws for a failed call.
   *
   * @param cancellation cancelling it stops the call, which then ends as cancelled
   */
  ToolCallOutput callTool(ToolCallInput input, Cancellation cancellation);

  /** The policy of the tool named {@code toolName}, for the engine's timeouts and retries. */
  ToolPolicy toolPolicy(String toolName);
}
