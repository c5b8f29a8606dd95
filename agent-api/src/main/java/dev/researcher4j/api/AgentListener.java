package dev.researcher4j.api;

/**
 * Observes runs as they happen, for progress displays, logging and tracing.
 *
 * <p>Every method has a no-op default. Listeners are called on the run's threads (tool events from
 * the tool's thread), so they must be thread-safe and quick. A listener that throws is logged and
 * ignored: it never breaks a run. Events of concurrent runs interleave; tell them apart by run id.
 */
public interface AgentListener {

  /** A run started. */
  default void onRunStarted(TrajectoryHeader header) {}

  /** A step started. */
  default void onStepStarted(String runId, int index, StepKind kind) {}

  /** A step ended and was recorded. */
  default void onStepFinished(String runId, Step step) {}

  /** A model call is about to be sent. */
  default void onModelCall(String runId, ChatRequest request) {}

  /** A piece of the model's answer text streamed in. */
  default void onModelDelta(String runId, String textDelta) {}

  /** A tool call is about to run. */
  default void onToolCallStarted(String runId, ToolCall call) {}

  /** A tool call ended (successfully or not). */
  default void onToolCallFinished(String runId, ToolExecution execution) {}

  /**
   * A model or tool call failed and will be retried.
   *
   * @param target {@code model} or the tool's name
   */
  default void onRetry(String runId, String target, RetryAttempt retry) {}

  /** A new source was registered. */
  default void onSourceAdded(String runId, Source source) {}

  /**
   * A budget neared its limit; the agent is being told to finish.
   *
   * @param budget which budget ({@code steps}, {@code tool_calls}, {@code input_tokens}, {@code
   *     output_tokens}, {@code cost}, {@code time})
   * @param fractionUsed how much of it is used, in [0, 1]
   */
  default void onBudgetWarning(String runId, String budget, double fractionUsed) {}

  /**
   * Older history was compacted to fit the context window.
   *
   * @param tokensBefore estimated prompt tokens before
   * @param tokensAfter estimated prompt tokens after
   */
  default void onCompaction(String runId, long tokensBefore, long tokensAfter) {}

  /**
   * A section of a long report moved on (planned, researching, drafted, verified), for a live
   * outline. {@code runId} is the report's run.
   */
  default void onReportSection(String runId, SectionProgress progress) {}

  /** A run ended; the trajectory is complete. */
  default void onRunFinished(Trajectory trajectory) {}
}
