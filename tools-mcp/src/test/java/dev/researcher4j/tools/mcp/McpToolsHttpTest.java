package dev.researcher4j.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.testing.ScriptedChatModel;
import dev.researcher4j.testing.TrajectoryAssertions;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP tools over streamable HTTP: an MCP server from the SDK, in-process on loopback (Tomcat),
 * whose tools an agent calls.
 */
class McpToolsHttpTest {

  @TempDir static Path tomcatDir;

  private static Tomcat tomcat;
  private static McpSyncServer server;
  private static final List<String> AUTHORIZATION = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startServer() throws Exception {
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
            .mcpEndpoint("/mcp")
            .contextExtractor(
                request -> {
                  String auth = request.getHeader("Authorization");
                  if (auth != null) {
                    AUTHORIZATION.add(auth);
                  }
                  return McpTransportContext.EMPTY;
                })
            .build();
    Map<String, Object> countrySchema =
        Map.of(
            "type",
            "object",
            "properties",
            Map.of("country", Map.of("type", "string", "description", "a country name")),
            "required",
            List.of("country"));
    server =
        McpServer.sync(transport)
            .serverInfo("stats", "2.0.0")
            .tools(
                McpServerFeatures.SyncToolSpecification.builder()
                    .tool(
                        McpSchema.Tool.builder("population", countrySchema)
                            .description("Population of a country, from the statistics office.")
                            .build())
                    .callHandler(
                        (exchange, request) ->
                            McpSchema.CallToolResult.builder()
                                .addTextContent(
                                    "Population of "
                                        + request.arguments().get("country")
                                        + ": 5.6 million (2024).")
                                .build())
                    .build(),
                McpServerFeatures.SyncToolSpecification.builder()
                    .tool(
                        McpSchema.Tool.builder("gdp", countrySchema)
                            .description("GDP of a country.")
                            .build())
                    .callHandler(
                        (exchange, request) ->
                            McpSchema.CallToolResult.builder()
                                .addTextContent(
                                    "No GDP data for " + request.arguments().get("country"))
                                .isError(true)
                                .build())
                    .build(),
                McpServerFeatures.SyncToolSpecification.builder()
                    .tool(
                        McpSchema.Tool.builder("broken", countrySchema)
                            .description("A tool whose server-side handler throws.")
                            .build())
                    .callHandler(
                        (exchange, request) -> {
                          throw McpError.builder(-32603).message("database is down").build();
                        })
                    .build())
            .build();
    tomcat = new Tomcat();
    tomcat.setBaseDir(tomcatDir.toString());
    tomcat.setHostname("127.0.0.1");
    tomcat.setPort(0);
    tomcat.getConnector();
    Context context = tomcat.addContext("", null);
    Wrapper wrapper = Tomcat.addServlet(context, "mcp", transport);
    wrapper.setAsyncSupported(true);
    context.addServletMapping("/*", "mcp");
    tomcat.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
    tomcat.stop();
    tomcat.destroy();
  }

  private static McpConnection connection() {
    return McpConnection.http("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/mcp")
        .withHeaders(Map.of("Authorization", "Bearer test-token"));
  }

  @Test
  void anAgentCallsTheServersToolsAndSeesErrorsAsObservations() {
    try (McpTools tools = McpTools.from(connection())) {
      assertThat(tools.tools())
          .extracting(t -> t.spec().name())
          .containsExactly("population", "gdp", "broken");
      assertThat(tools.tools().get(0).spec().parameters().path("properties").has("country"))
          .isTrue();
      assertThat(tools.tools().get(0).spec().description())
          .startsWith("Population of a country")
          .endsWith("(from MCP server 127.0.0.1)");
      ScriptedChatModel model =
          ScriptedChatModel.builder()
              .toolCalls(
                  ScriptedChatModel.call("c1", "population", "{\"country\":\"Norway\"}"),
                  ScriptedChatModel.call("c2", "gdp", "{\"country\":\"Norway\"}"),
                  ScriptedChatModel.call("c3", "broken", "{\"country\":\"Norway\"}"))
              .text("Answer: 5.6 million\n\nNorway has 5.6 million people.")
              .build();
      ResearchAgent agent =
          ResearchAgent.builder()
              .chatModel(model)
              .tools(tools.tools())
              .planning(false)
              .verification(VerificationPolicy.disabled())
              .build();

      Trajectory run = agent.run(Task.of("How many people live in Norway?"));

      TrajectoryAssertions.assertThat(run)
          .isCompleted()
          .hasToolCall("population", ToolExecution.Status.OK)
          .hasToolCall("gdp", ToolExecution.Status.ERROR)
          .hasToolCall("broken", ToolExecution.Status.ERROR);
      List<ToolExecution> calls = TrajectoryAssertions.toolExecutions(run);
      assertThat(calls.get(0).result().content())
          .isEqualTo("Population of Norway: 5.6 million (2024).");
      assertThat(calls.get(1).result().content()).isEqualTo("No GDP data for Norway");
      assertThat(calls.get(2).result().content())
          .contains("The MCP server 127.0.0.1 refused the call")
          .contains("database is down");
      assertThat(AUTHORIZATION).isNotEmpty().allMatch("Bearer test-token"::equals);
    }
  }
}
