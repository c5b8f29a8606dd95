package dev.researcher4j.core.internal.loop;

import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.core.context.ContextManagement;
import dev.researcher4j.core.prompt.Prompts;
import dev.researcher4j.core.tool.ToolFailurePolicy;
import dev.researcher4j.core.verify.VerificationPolicy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the {@link Loop} decides with, fixed for one run.
 *
 * @param task the task
 * @param systemPrompt the system prompt, rendered (today's date, output format)
 * @param prompts the agent's prompts
 * @param toolSpecs the tools the model may call, in order
 * @param maxParallelToolCalls most tool calls of a turn running at once (decides {@code
 *     parallel_tool_calls})
 * @param toolFailures what tool failures do to the run
 * @param planning whether the run starts with a plan
 * @param verification how drafts are checked
 * @param context how history is compacted
 * @param contextWindow the model's context window, in tokens
 */
public record LoopSettings(
    Task task,
    String systemPrompt,
    Prompts prompts,
    List<ToolSpec> toolSpecs,
    int maxParallelToolCalls,
    ToolFailurePolicy toolFailures,
    boolean planning,
    VerificationPolicy verification,
    ContextManagement context,
    int contextWindow) {

  /** Checks and copies the fields. */
  public LoopSettings {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    Objects.requireNonNull(prompts, "prompts");
    toolSpecs = List.copyOf(toolSpecs);
    Objects.requireNonNull(toolFailures, "toolFailures");
    Objects.requireNonNull(verification, "verification");
    Objects.requireNonNull(context, "context");
  }

  /** The names of the tools, in order. */
  public Set<String> toolNames() {
    Set<String> names = new LinkedHashSet<>();
    toolSpecs.forEach(spec -> names.add(spec.name()));
    return names;
  }
}
