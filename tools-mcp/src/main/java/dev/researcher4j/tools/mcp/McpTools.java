package dev.researcher4j.tools.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.api.Tool;
import dev.researcher4j.tools.mcp.internal.McpToolAdapter;
import dev.researcher4j.tools.mcp.internal.ServerState;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools of one MCP server as researcher4j tools, with the schemas the server gives.
 *
 * <pre>{@code
 * try (McpTools files = McpTools.from(McpConnection.stdio("npx", "-y", "some-mcp-server"))) {
 *   ResearchAgent agent = ResearchAgent.builder().chatModel(model).tools(files.tools()).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link #from} starts or connects to the server, initialises the MCP session and lists its
 * tools (all pages); it throws {@link McpToolsException} if any of that fails. Afterwards nothing
 * throws: an MCP error, an error result, a timeout or a server that died comes back to the model as
 * an error observation and the run goes on; once the server is found gone, its tools fail at once.
 * Tool names are kept (invalid characters replaced by {@code _}), with the connection's prefix if
 * it has one.
 *
 * <p>Thread-safe; one instance may serve many runs. Close it to end the session (and stop the
 * subprocess).
 */
public final class McpTools implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(McpTools.class);
  private static final Pattern INVALID = Pattern.compile("[^a-zA-Z0-9_-]");

  private final McpSyncClient client;
  private final List<Tool> tools;
  private final String serverName;

  private McpTools(McpSyncClient client, List<Tool> tools, String serverName) {
    this.client = client;
    this.tools = List.copyOf(tools);
    this.serverName = serverName;
  }

  /**
   * Connects to the server {@code connection} describes and lists its tools.
   *
   * @throws McpToolsException if the server cannot be started, reached, initialised or listed
   */
  public static McpTools from(McpConnection connection) {
    Objects.requireNonNull(connection, "connection is required, but was null");
    JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
    McpClientTransport transport;
    if (connection.isStdio()) {
      List<String> command = connection.command();
      StdioClientTransport stdio =
          new StdioClientTransport(
              ServerParameters.builder(command.get(0))
                  .args(command.subList(1, command.size()))
                  .env(connection.env())
                  .build(),
              json);
      stdio.setStdErrorHandler(line -> LOG.debug("MCP server {}: {}", connection.name(), line));
      transport = stdio;
    } else {
      URI url = connection.url();
      String base = url.getScheme() + "://" + url.getRawAuthority();
      String endpoint =
          url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
      if (url.getRawQuery() != null) {
        endpoint += "?" + url.getRawQuery();
      }
      java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder();
      connection.headers().forEach(request::header);
      transport =
          HttpClientStreamableHttpTransport.builder(base)
              .endpoint(endpoint)
              .jsonMapper(json)
              .requestBuilder(request)
              .build();
    }
    return from(connection, transport);
  }

  /**
   * Connects over a transport of the MCP SDK (for transports {@link McpConnection} does not cover)
   * and lists the server's tools; {@code connection} gives the name, timeout and prefix.
   *
   * @throws McpToolsException if the session cannot be initialised or the tools listed
   */
  public static McpTools from(McpConnection connection, McpClientTransport transport) {
    Objects.requireNonNull(transport, "transport is required, but was null");
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(connection.requestTimeout())
            .initializationTimeout(connection.requestTimeout())
            .clientInfo(McpSchema.Implementation.builder("researcher4j", version()).build())
            .build();
    try {
      ServerState state;
      if (transport instanceof StdioClientTransport) {
        state = initializeWatchingProcess(connection, client);
      } else {
        client.initialize();
        state = new ServerState(connection.name(), () -> isAlive(client));
      }
      List<McpSchema.Tool> listed = new ArrayList<>();
      String cursor = null;
      do {
        McpSchema.ListToolsResult page = client.listTools(cursor);
        listed.addAll(page.tools());
        cursor = page.nextCursor();
      } while (cursor != null && !cursor.isEmpty());
      List<Tool> tools = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (McpSchema.Tool tool : listed) {
        String name = localName(connection.toolPrefix(), tool.name());
        if (!names.add(name)) {
          throw new McpToolsException(
              "MCP server "
                  + connection.name()
                  + " has two tools named "
                  + name
                  + " once made valid; give the connection a tool prefix or fix the server",
              null);
        }
        tools.add(new McpToolAdapter(client, state, tool, name));
      }
      LOG.info("MCP server {}: {} tools", connection.name(), tools.size());
      return new McpTools(client, tools, connection.name());
    } catch (McpToolsException e) {
      client.close();
      throw e;
    } catch (RuntimeException e) {
      client.close();
      throw new McpToolsException(
          "could not connect to MCP server " + connection + ": " + e.getMessage(), e);
    }
  }

  /**
   * Initialises a session with a subprocess and watches the process: when it exits, the server is
   * marked gone and the session closed, so calls in flight fail at once instead of waiting out
   * their timeout. The SDK does not expose the process, so it is found as the child process that
   * appeared while connecting (connections are made one at a time for that).
   */
  private static ServerState initializeWatchingProcess(
      McpConnection connection, McpSyncClient client) {
    Optional<ProcessHandle> process;
    synchronized (McpTools.class) {
      Set<Long> before = childPids();
      client.initialize();
      process =
          ProcessHandle.current().children().filter(p -> !before.contains(p.pid())).findFirst();
    }
    if (process.isEmpty()) {
      LOG.debug("MCP server {}: its process was not found; pinging it instead", connection.name());
      return new ServerState(connection.name(), () -> isAlive(client));
    }
    ProcessHandle server = process.get();
    ServerState state = new ServerState(connection.name(), server::isAlive);
    server
        .onExit()
        .thenRun(
            () -> {
              state.markGone("its process exited");
              LOG.warn("MCP server {}: its process exited", connection.name());
              client.close();
            });
    return state;
  }

  private static Set<Long> childPids() {
    Set<Long> pids = new HashSet<>();
    ProcessHandle.current().children().forEach(p -> pids.add(p.pid()));
    return pids;
  }

  /** The server's tools, in the order it listed them. */
  public List<Tool> tools() {
    return tools;
  }

  /** The name of the server, as the connection gave it. */
  public String serverName() {
    return serverName;
  }

  /** Ends the session; a stdio server's process is stopped. */
  @Override
  public void close() {
    try {
      if (!client.closeGracefully()) {
        client.close();
      }
    } catch (RuntimeException e) {
      LOG.debug("closing MCP server {} failed", serverName, e);
      client.close();
    }
  }

  private static boolean isAlive(McpSyncClient client) {
    try {
      client.ping();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  static String localName(String prefix, String remote) {
    String name = prefix + INVALID.matcher(remote).replaceAll("_");
    return name.length() > 64 ? name.substring(0, 64) : name;
  }

  private static String version() {
    String version = McpTools.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }
}
