package dev.researcher4j.tools.mcp.internal;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.ToolCall;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends MCP progress notifications while a research run goes on: one per step and per tool call,
 * with a count that only grows, the step budget as total, and a short message. Never throws (a
 * client that went away must not stop the run). Thread-safe.
 */
public final class ProgressNotifier implements AgentListener {

  private static final Logger LOG = LoggerFactory.getLogger(ProgressNotifier.class);

  private final McpSyncServerExchange exchange;
  private final Object token;
  private final Double total;
  private final AtomicInteger progress = new AtomicInteger();

  /**
   * @param token the request's progress token
   * @param maxSteps the run's step budget, shown as the total
   */
  public ProgressNotifier(McpSyncServerExchange exchange, Object token, long maxSteps) {
    this.exchange = exchange;
    this.token = token;
    this.total = (double) maxSteps;
  }

  @Override
  public void onStepStarted(String runId, int index, StepKind kind) {
    send("step " + (index + 1) + ": " + kind.name().toLowerCase(Locale.ROOT));
  }

  @Override
  public void onToolCallStarted(String runId, ToolCall call) {
    String args = call.arguments();
    send(
        "calling "
            + call.name()
            + " "
            + (args.length() > 120 ? args.substring(0, 120) + "…" : args));
  }

  private void send(String message) {
    try {
      exchange.progressNotification(
          new McpSchema.ProgressNotification(
              token, (double) progress.incrementAndGet(), total, message, null));
    } catch (RuntimeException e) {
      LOG.debug("progress notification not sent: {}", e.getMessage());
    }
  }
}
