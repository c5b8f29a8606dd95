/**
 * Writing and configuring tools: annotated methods as tools ({@link
 * dev.researcher4j.core.tool.ToolMethod}, {@link dev.researcher4j.core.tool.ToolMethods}), per-tool
 * timeout, retry, circuit-breaker and caching settings ({@link
 * dev.researcher4j.core.tool.ToolPolicy}), and agents as tools ({@link
 * dev.researcher4j.core.AgentTool}).
 */
package dev.researcher4j.core.tool;
