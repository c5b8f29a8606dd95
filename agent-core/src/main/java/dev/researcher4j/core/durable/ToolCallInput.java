package dev.researcher4j.core.durable;

import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolCall;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One tool call a {@link DurableRun} hands to its {@link Engine}, with what the tool may need of
 * its run. The call was checked already (known tool, valid arguments, not answered from the run's
 * cache).
 *
 * <p><b>Source ids.</b> Calls of one batch may run at once on different workers, so none of them
 * can number new sources for the run. Each gets the run's sources so far ({@code knownSources},
 * without excerpts); a source the tool registers that the run already has keeps its id, and a new
 * one gets a provisional id ({@code S1000001}, …) that the run, taking the outputs in call order,
 * replaces with the next id of its own — in the result's text and sources alike. So ids stay unique
 * and stable, and the same outputs always give the same ids.
 *
 * @param runId the run making the call
 * @param task the run's task (tools may read it)
 * @param stepIndex the tools step the call belongs to
 * @param call the call
 * @param knownSources the run's sources so far, with their ids, without excerpts
 * @param timeLeft time until the run's time budget ends
 */
public record ToolCallInput(
    String runId,
    Task task,
    int stepIndex,
    ToolCall call,
    List<Source> knownSources,
    Duration timeLeft) {

  /** Checks and copies the fields. */
  public ToolCallInput {
    Objects.requireNonNull(runId, "runId is required, but was null");
    Objects.requireNonNull(task, "task is required, but was null");
    Objects.requireNonNull(call, "call is required, but was null");
    knownSources = List.copyOf(knownSources);
    Objects.requireNonNull(timeLeft, "timeLeft is required, but was null");
  }
}
