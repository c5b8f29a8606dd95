package dev.researcher4j.tools.mcp;

import dev.researcher4j.api.NonRetryableException;

/**
 * An MCP server could not be started, reached or listed when connecting. Its message names the
 * server and what went wrong, never headers or environment values.
 */
public final class McpToolsException extends NonRetryableException {

  private static final long serialVersionUID = 1L;

  /** An error with this message and cause. */
  public McpToolsException(String message, Throwable cause) {
    super(message, cause);
  }
}
