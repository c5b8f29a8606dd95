package dev.researcher4j.core.internal.run;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.core.context.ContextManagement;
import dev.researcher4j.core.human.HumanChannel;
import dev.researcher4j.core.internal.tool.BoundTool;
import dev.researcher4j.core.prompt.Prompts;
import dev.researcher4j.core.tool.ToolFailurePolicy;
import dev.researcher4j.core.trajectory.TrajectorySink;
import dev.researcher4j.core.verify.VerificationPolicy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Everything a run needs from its agent; immutable and shared by all of the agent's runs.
 *
 * @param model the chat model
 * @param tools the tools by name, in the order given
 * @param toolSpecs their specs, in the same order
 * @param maxParallelToolCalls most tool calls of one turn running at once
 * @param toolFailures what to do about tool failures
 * @param budget each run's budget
 * @param planning whether runs start with a plan
 * @param verification how drafts are checked
 * @param context how history is compacted
 * @param prompts the prompts
 * @param listener the listeners, made safe
 * @param sinks the trajectory sinks
 * @param executor runs model calls, tool calls and async runs
 * @param clock the clock
 * @param sdkVersion recorded in headers
 * @param secrets values masked in everything a run records, besides the model's own credentials
 * @param humans asks the person for approvals of gated tool calls, or {@code null} for none
 */
public record RunSettings(
    ChatModel model,
    Map<String, BoundTool> tools,
    List<ToolSpec> toolSpecs,
    int maxParallelToolCalls,
    ToolFailurePolicy toolFailures,
    Budget budget,
    boolean planning,
    VerificationPolicy verification,
    ContextManagement context,
    Prompts prompts,
    AgentListener listener,
    List<TrajectorySink> sinks,
    Executor executor,
    Clock clock,
    String sdkVersion,
    List<String> secrets,
    HumanChannel humans) {

  /** Copies the collections. */
  public RunSettings {
    tools = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tools));
    toolSpecs = List.copyOf(toolSpecs);
    sinks = List.copyOf(sinks);
    secrets = List.copyOf(secrets);
  }

  /** These settings with another budget (a run with a budget of its own). */
  public RunSettings withBudget(Budget other) {
    return new RunSettings(
        model,
        tools,
        toolSpecs,
        maxParallelToolCalls,
        toolFailures,
        other,
        planning,
        verification,
        context,
        prompts,
        listener,
        sinks,
        executor,
        clock,
        sdkVersion,
        secrets,
        humans);
  }
}
