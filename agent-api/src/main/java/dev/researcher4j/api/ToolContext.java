package dev.researcher4j.api;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a tool may know and use about the run that called it.
 *
 * <p>One context is made per tool call. Its methods are thread-safe: tools of one model turn run in
 * parallel and share the run's source registry and run-scoped state.
 */
public interface ToolContext {

  /** The id of the run (also the trajectory id). */
  String runId();

  /** The task the run works on. */
  Task task();

  /** The id of the tool call being answered. */
  String toolCallId();

  /**
   * Registers a source with the run and returns it with its stable id ({@code S1}, {@code S2}, …).
   * Registering the same source again (same normalised URL) returns the same id and keeps the new
   * excerpt.
   */
  Source registerSource(Source source);

  /** A snapshot of every source the run has registered so far, in id order. */
  List<Source> sources();

  /** Whether the run was cancelled; long-running tools should check and stop early. */
  boolean isCancelled();

  /**
   * Records that this call started a child run (for example a sub-researcher), so the parent's
   * trajectory links to the child's.
   *
   * @param childRunId the child run's id
   * @param location where the child's trajectory is kept (a file path), or empty
   */
  void linkChildRun(String childRunId, String location);

  /**
   * State shared by every tool call of one run, such as a page cache: made by {@code factory} on
   * first use, then returned to every caller asking with the same {@code type} during the run.
   */
  <T> T runScoped(Class<T> type, Supplier<? extends T> factory);

  /** The run's clock; tools that need the time should read it here. */
  Clock clock();
}
