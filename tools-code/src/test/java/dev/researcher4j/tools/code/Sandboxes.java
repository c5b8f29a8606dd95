package dev.researcher4j.tools.code;

import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import java.time.Duration;

/**
 * The tools the tests share: starting GraalPy takes seconds, so each test class keeps its tools for
 * all its tests, one per set of limits.
 */
final class Sandboxes {
  private Sandboxes() {}

  private static final RunCodeTool GENEROUS =
      RunCodeTool.create(SandboxLimits.custom().maxOutputChars(2_000).build());

  /** Default limits, but output cut at 2,000 characters; shared, never closed. */
  static RunCodeTool generous() {
    return GENEROUS;
  }

  /** A new tool allowing one second and 64 MiB a call; close it. */
  static RunCodeTool tight() {
    return RunCodeTool.create(
        SandboxLimits.custom()
            .timeLimit(Duration.ofSeconds(1))
            .maxAllocatedBytes(64L << 20)
            .build());
  }

  /** Runs {@code code} as one call of the run {@code context} belongs to. */
  static ToolResult run(RunCodeTool tool, ToolContext context, String code) {
    return tool.execute(ToolCall.of("call-1", RunCodeTool.NAME, json(code)), context);
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String code) {
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
        .objectNode()
        .put("code", code);
  }
}
