/**
 * Sandboxed code execution for research agents: {@link dev.researcher4j.tools.code.RunCodeTool}
 * ({@code run_code}) runs the model's Python in embedded GraalPy with no file system, network,
 * processes, threads, environment or native access, under {@link
 * dev.researcher4j.tools.code.SandboxLimits} (time, memory, output), with state kept per run.
 *
 * <p>Typical use: {@code var code = RunCodeTool.create(); builder.tool(code, code.policy());}.
 */
package dev.researcher4j.tools.code;
