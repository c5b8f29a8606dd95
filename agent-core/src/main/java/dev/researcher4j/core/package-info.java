/**
 * The research loop: {@link dev.researcher4j.core.ResearchAgent} (made by its builder) runs a task
 * through plan, act (tools in parallel), verify and finish, within a {@link
 * dev.researcher4j.api.Budget}, and records every step as a trajectory.
 *
 * <p>Its settings come in small groups: {@link dev.researcher4j.core.prompt.Prompts} (the texts
 * sent to the model), {@link dev.researcher4j.core.verify.VerificationPolicy} with a pluggable
 * {@link dev.researcher4j.core.verify.Verifier} (default {@link
 * dev.researcher4j.core.verify.ModelVerifier}), {@link
 * dev.researcher4j.core.tool.ToolFailurePolicy} (tell the model or fail the run, per kind of tool
 * failure), and in sub-packages {@code tool} (annotated tools, per-tool policies, agents as tools),
 * {@code context} (history compaction) and {@code trajectory} (sinks, the JSONL format and its JSON
 * Schema, validating and reading files back; {@code trajectory.export} for training data, {@code
 * trajectory.view} for an HTML page per run). A run whose process died is continued with {@link
 * dev.researcher4j.core.ResearchAgent#resume}. {@code testing} holds fakes for users' tests: a
 * scripted model, a recording listener, trajectory assertions, a fake clock, and a replay model and
 * tools for regression tests against recorded runs.
 */
package dev.researcher4j.core;
