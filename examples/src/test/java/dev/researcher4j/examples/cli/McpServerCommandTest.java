package dev.researcher4j.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code researcher mcp-server} as an MCP client sees it: the command runs as a subprocess, driven
 * over stdio by the MCP SDK's client, with WireMock on loopback playing the OpenAI-compatible model
 * and the web page the agent reads.
 */
class McpServerCommandTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  private static final ObjectMapper JSON = ChatTurns.JSON;
  private static final String CHAT = ChatTurns.CHAT;

  private void stubPage() {
    server.stubFor(
        get(urlEqualTo("/reports/tides"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html; charset=utf-8")
                    .withBody(
                        "<html><head><title>Tides of the Bay of Fundy</title></head><body>"
                            + "<article><h1>Tides of the Bay of Fundy</h1><p>The Bay of Fundy has"
                            + " the highest tides in the world: up to 16 metres between high and"
                            + " low water.</p><p>The range is greatest at the head of the bay, in"
                            + " Minas Basin.</p></article></body></html>")));
  }

  private McpSyncClient client(List<McpSchema.ProgressNotification> progress) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ServerParameters command =
        ServerParameters.builder(java)
            .args(
                "-cp",
                System.getProperty("java.class.path"),
                ResearcherCli.class.getName(),
                "mcp-server",
                "--no-plan",
                "--no-verify",
                "--no-code",
                "--max-steps",
                "6",
                "--trajectories",
                dir.resolve("runs").toString())
            .env(
                Map.of(
                    "OPENAI_BASE_URL",
                    server.baseUrl() + "/v1",
                    "RESEARCHER_MODEL",
                    "test-model",
                    "SEARXNG_URL",
                    server.baseUrl(),
                    "RESEARCHER_ALLOW_HOSTS",
                    "127.0.0.1,localhost"))
            .build();
    McpSyncClient client =
        McpClient.sync(new StdioClientTransport(command, new JacksonMcpJsonMapper(JSON)))
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(60))
            .progressConsumer(progress::add)
            .build();
    client.initialize();
    return client;
  }

  @Test
  void researchReturnsACitedReportWithProgressAndTheOtherToolsAreServed() throws Exception {
    stubPage();
    String page = server.baseUrl() + "/reports/tides";
    ChatTurns.turn(
        server,
        Scenario.STARTED,
        "read",
        ChatTurns.toolCall("call_read", "read_page", JSON.createObjectNode().put("url", page)),
        "tool_calls");
    ChatTurns.turn(
        server,
        "read",
        "done",
        ChatTurns.text("Answer: about 16 metres\n\nThe Bay of Fundy's tides reach 16 metres [S1]."),
        "stop");
    List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();

    try (McpSyncClient client = client(progress)) {
      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .containsExactlyInAnyOrder("research", "search_papers", "read_page");

      McpSchema.CallToolResult result =
          client.callTool(
              McpSchema.CallToolRequest.builder("research")
                  .arguments(Map.of("question", "How high are the tides in the Bay of Fundy?"))
                  .meta(Map.of("progressToken", "tides-1"))
                  .build());

      assertThat(result.isError()).isFalse();
      String report = ((McpSchema.TextContent) result.content().get(0)).text();
      assertThat(report)
          .startsWith("Answer: about 16 metres")
          .contains("tides reach 16 metres [S1]")
          .contains(page);
      assertThat(progress).isNotEmpty().allMatch(p -> "tides-1".equals(p.progressToken()));
      assertThat(progress).anyMatch(p -> p.message().contains("calling read_page"));
      assertThat(progress)
          .extracting(McpSchema.ProgressNotification::progress)
          .isSorted()
          .doesNotHaveDuplicates();

      McpSchema.CallToolResult direct =
          client.callTool(
              McpSchema.CallToolRequest.builder("read_page")
                  .arguments(Map.of("url", page))
                  .build());
      assertThat(direct.isError()).isFalse();
      assertThat(((McpSchema.TextContent) direct.content().get(0)).text())
          .contains("highest tides in the world")
          .contains("Sources:\n[S1] Tides of the Bay of Fundy — " + page);

      McpSchema.CallToolResult missing =
          client.callTool(
              McpSchema.CallToolRequest.builder("research").arguments(Map.of()).build());
      assertThat(missing.isError()).isTrue();
      assertThat(((McpSchema.TextContent) missing.content().get(0)).text())
          .contains("required property 'question' not found");
    }
    List<LoggedRequest> chats = server.findAll(postRequestedFor(urlEqualTo(CHAT)));
    assertThat(chats).hasSize(2);
    JsonNode first = JSON.readTree(chats.get(0).getBodyAsString());
    assertThat(first.path("model").asText()).isEqualTo("test-model");
    assertThat(first.path("messages").toString()).contains("Bay of Fundy");
    try (Stream<Path> files = Files.list(dir.resolve("runs"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".jsonl"))).hasSize(1);
    }
  }
}
