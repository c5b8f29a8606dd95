package dev.researcher4j.tools.mcp.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tool of an MCP server as a researcher4j {@link Tool}: its schema as given, calls sent with
 * the SDK's client. MCP errors, error results and a server that went away all come back as error
 * observations. Thread-safe (the SDK client is).
 */
public final class McpToolAdapter implements Tool {

  private static final Logger LOG = LoggerFactory.getLogger(McpToolAdapter.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final McpSyncClient client;
  private final ServerState server;
  private final String remoteName;
  private final ToolSpec spec;

  /**
   * An adapter for {@code tool} of the server behind {@code client}.
   *
   * @param localName the name the model sees
   */
  public McpToolAdapter(
      McpSyncClient client, ServerState server, McpSchema.Tool tool, String localName) {
    this.client = client;
    this.server = server;
    this.remoteName = tool.name();
    ObjectNode schema = JSON.valueToTree(tool.inputSchema());
    if (!schema.has("type")) {
      schema.put("type", "object");
    }
    if (!schema.has("properties")) {
      schema.putObject("properties");
    }
    String description = tool.description() == null ? "" : tool.description();
    if (description.isBlank()) {
      description = tool.title() == null ? tool.name() : tool.title();
    }
    this.spec =
        ToolSpec.of(localName, description + " (from MCP server " + server.name() + ")", schema);
  }

  @Override
  public ToolSpec spec() {
    return spec;
  }

  @Override
  public ToolResult execute(ToolCall call, ToolContext context) {
    String gone = server.goneReason();
    if (gone != null) {
      return ToolResult.error(
          "The MCP server "
              + server.name()
              + " is no longer available ("
              + gone
              + "); use other tools.");
    }
    Map<String, Object> arguments =
        JSON.convertValue(call.parsedArguments(), new TypeReference<Map<String, Object>>() {});
    McpSchema.CallToolResult result;
    try {
      result =
          client.callTool(
              McpSchema.CallToolRequest.builder(remoteName).arguments(arguments).build());
    } catch (McpError e) {
      McpSchema.JSONRPCResponse.JSONRPCError error = e.getJsonRpcError();
      return ToolResult.error(
          "The MCP server "
              + server.name()
              + " refused the call"
              + (error == null
                  ? ": " + e.getMessage()
                  : " (error " + error.code() + "): " + error.message()));
    } catch (RuntimeException e) {
      String reason = String.valueOf(e.getMessage());
      if (server.goneReason() != null || server.checkGone(reason)) {
        reason = server.goneReason();
        LOG.warn("MCP server {} is gone: {}", server.name(), reason);
        return ToolResult.error(
            "The MCP server "
                + server.name()
                + " stopped answering ("
                + reason
                + "); its tools are unavailable for the rest of the run. Use other tools.");
      }
      return ToolResult.error(
          "The call to MCP server " + server.name() + " failed: " + reason + ". Try again later.");
    }
    String text = McpResults.text(result.content());
    if (Boolean.TRUE.equals(result.isError())) {
      return ToolResult.error(
          text.isBlank() ? "The MCP tool " + remoteName + " failed without saying why." : text);
    }
    return ToolResult.of(text.isBlank() ? "(the tool returned no text)" : text);
  }
}
