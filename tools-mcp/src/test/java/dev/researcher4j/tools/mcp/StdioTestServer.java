package dev.researcher4j.tools.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/**
 * An MCP server from the SDK, run as a subprocess over stdio by the tests: {@code echo} says back
 * its text; {@code die} ends the process at once, as a crashing server would.
 */
public final class StdioTestServer {
  private StdioTestServer() {}

  /** Serves until standard input ends. */
  public static void main(String[] args) throws Exception {
    Map<String, Object> textSchema =
        Map.of(
            "type",
            "object",
            "properties",
            Map.of("text", Map.of("type", "string", "description", "what to say back")),
            "required",
            List.of("text"));
    McpServer.sync(new StdioServerTransportProvider(new JacksonMcpJsonMapper(new ObjectMapper())))
        .serverInfo("stdio-test", "1.0.0")
        .tools(
            McpServerFeatures.SyncToolSpecification.builder()
                .tool(
                    McpSchema.Tool.builder("echo", textSchema)
                        .description("Says the text back.")
                        .build())
                .callHandler(
                    (exchange, request) ->
                        McpSchema.CallToolResult.builder()
                            .addTextContent("echo: " + request.arguments().get("text"))
                            .build())
                .build(),
            McpServerFeatures.SyncToolSpecification.builder()
                .tool(
                    McpSchema.Tool.builder("die", Map.of("type", "object"))
                        .description("Ends the server process.")
                        .build())
                .callHandler(
                    (exchange, request) -> {
                      Runtime.getRuntime().halt(3);
                      return null;
                    })
                .build())
        .build();
    Thread.currentThread().join();
  }
}
