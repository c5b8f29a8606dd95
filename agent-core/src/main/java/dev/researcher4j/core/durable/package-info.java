/**
 * <b>Experimental SPI</b> for running a {@link dev.researcher4j.core.ResearchAgent}'s research loop
 * on a durable-execution engine (Temporal, in {@code agent-temporal}): the same loop, stages and
 * ports as a local run, with every side effect handed to the engine.
 *
 * <p>A {@link dev.researcher4j.core.durable.DurableAgent} ({@code ResearchAgent.durable()}) has two
 * sides. In the engine's deterministic code (a workflow) it makes {@link
 * dev.researcher4j.core.durable.DurableRun}s, which drive the loop and hand each model call and
 * each tool call to the engine's {@link dev.researcher4j.core.durable.Engine} (which makes them
 * activities). In the engine's side-effect code (activities, on any worker whose agent is built the
 * same way) it makes those calls: {@link dev.researcher4j.core.durable.DurableAgent#callModel} and
 * {@link dev.researcher4j.core.durable.DurableAgent#callTool}. The values passed between the two
 * sides are records that serialise with Jackson and {@link
 * dev.researcher4j.core.durable.DurableJson#module()}.
 *
 * <p>Determinism: given the same results of its calls, with the same times, a run makes the same
 * decisions — the rule that lets resume replay a trajectory, and an engine replay a workflow. The
 * agent's prompts, planning, verifier, context policy and tool specs must therefore be the same on
 * every worker, and the verifier and context policy must do their I/O only through the model they
 * are given. Everything here may change without notice between minor versions.
 */
package dev.researcher4j.core.durable;
