package dev.researcher4j.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.testing.FakeToolContext;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** MCP tools over stdio: a server from the SDK run as a subprocess, which may die. */
class McpToolsStdioTest {

  private static McpConnection testServer() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return McpConnection.stdio(
            java, "-cp", System.getProperty("java.class.path"), StdioTestServer.class.getName())
        .withName("stdio-test")
        .withRequestTimeout(Duration.ofSeconds(30));
  }

  private static Tool named(McpTools tools, String name) {
    return tools.tools().stream()
        .filter(t -> t.spec().name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aDyingServerIsReportedAndItsToolsFailFromThenOn() throws Exception {
    try (McpTools tools = McpTools.from(testServer().withToolPrefix("t_"))) {
      assertThat(tools.tools()).extracting(t -> t.spec().name()).containsExactly("t_echo", "t_die");
      assertThat(named(tools, "t_echo").spec().parameters().path("required").get(0).asText())
          .isEqualTo("text");
      FakeToolContext run = new FakeToolContext();
      ToolResult echoed =
          named(tools, "t_echo").execute(new ToolCall("c1", "t_echo", "{\"text\":\"hi\"}"), run);
      assertThat(echoed.error()).isFalse();
      assertThat(echoed.content()).isEqualTo("echo: hi");

      ToolResult died = named(tools, "t_die").execute(new ToolCall("c2", "t_die", "{}"), run);

      assertThat(died.error()).isTrue();
      assertThat(died.content())
          .contains("The MCP server stdio-test stopped answering (its process exited)");
      ToolResult after =
          named(tools, "t_echo").execute(new ToolCall("c3", "t_echo", "{\"text\":\"hi\"}"), run);
      assertThat(after.error()).isTrue();
      assertThat(after.content())
          .contains("The MCP server stdio-test is no longer available (its process exited)");
    }
  }

  @Test
  void aCommandThatIsNotAnMcpServerFailsToConnectWithAClearError() {
    McpConnection notAServer =
        McpConnection.stdio("/bin/true").withRequestTimeout(Duration.ofSeconds(5));

    assertThatThrownBy(() -> McpTools.from(notAServer))
        .isInstanceOf(McpToolsException.class)
        .hasMessageContaining("could not connect to MCP server McpConnection{true, /bin/true}");
  }

  @Test
  void connectionsRejectBadValuesAndHideSecrets() {
    assertThatThrownBy(() -> McpConnection.http("ftp://example.org/mcp"))
        .hasMessageContaining("but was ftp://example.org/mcp");
    assertThatThrownBy(() -> McpConnection.stdio("x").withToolPrefix("bad prefix"))
        .hasMessageContaining("but was 'bad prefix'");
    assertThatThrownBy(() -> McpConnection.stdio("x").withRequestTimeout(Duration.ZERO))
        .hasMessageContaining("but was PT0S");
    McpConnection withSecret =
        McpConnection.http("https://mcp.example.org/mcp")
            .withHeaders(java.util.Map.of("Authorization", "Bearer s3cret"));
    assertThat(withSecret.toString()).doesNotContain("s3cret");
  }
}
