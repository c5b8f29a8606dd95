package dev.researcher4j.api;

/**
 * A capability the model can call: web search, a page reader, a database lookup of your own.
 *
 * <p>Implementations must be thread-safe: one tool instance serves parallel calls of one run and of
 * many concurrent runs. Keep per-run state in {@link ToolContext#runScoped}. Annotated methods are
 * an easier way to write tools; see {@code dev.researcher4j.core.tool.ToolMethod} in agent-core.
 *
 * <p>Failing is normal: return {@link ToolResult#error(String)} with advice for the model, or
 * throw. The run turns an exception into an error observation (the model sees its message); a
 * {@link RetryableException} may first be retried under the tool's policy. A tool should not catch
 * {@link InterruptedException} without restoring the interrupt: that is how cancellation reaches
 * it.
 */
public interface Tool {

  /** The name, description and argument schema shown to the model. */
  ToolSpec spec();

  /**
   * Runs one call.
   *
   * @param call the call, with arguments already checked to be a JSON object
   * @param context the run this call belongs to
   * @return the observation for the model
   * @throws Exception any failure; the run turns it into an error observation
   */
  ToolResult execute(ToolCall call, ToolContext context) throws Exception;
}
