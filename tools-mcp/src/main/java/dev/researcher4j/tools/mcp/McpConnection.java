package dev.researcher4j.tools.mcp;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach an MCP server: a command started as a subprocess speaking MCP over its standard
 * input and output ({@link #stdio}), or a URL speaking streamable HTTP ({@link #http}).
 *
 * <p>Defaults: named after the command or host, {@link #DEFAULT_REQUEST_TIMEOUT} per request, no
 * prefix on tool names. Immutable; the {@code with…} methods return changed copies.
 *
 * @param name a short name for messages and logs (never a secret)
 * @param command the command and its arguments, for stdio; empty for HTTP
 * @param env environment variables added for the subprocess (stdio only)
 * @param url the endpoint, for streamable HTTP; null for stdio
 * @param headers HTTP headers sent with every request, such as authorisation (HTTP only; never
 *     logged)
 * @param requestTimeout longest wait for one request, including one tool call
 * @param toolPrefix put before every tool name the model sees (to keep two servers' tools apart),
 *     or empty
 */
public record McpConnection(
    String name,
    List<String> command,
    Map<String, String> env,
    URI url,
    Map<String, String> headers,
    Duration requestTimeout,
    String toolPrefix) {

  /** Default longest wait for one request. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** Checks the fields and copies the collections. */
  public McpConnection {
    Objects.requireNonNull(name, "name is required, but was null");
    command = List.copyOf(command);
    env = Map.copyOf(env);
    headers = Map.copyOf(headers);
    Objects.requireNonNull(requestTimeout, "requestTimeout is required, but was null");
    if (requestTimeout.isZero() || requestTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "requestTimeout must be positive, but was " + requestTimeout);
    }
    toolPrefix = toolPrefix == null ? "" : toolPrefix;
    if (!toolPrefix.matches("[a-zA-Z0-9_-]{0,32}")) {
      throw new IllegalArgumentException(
          "toolPrefix must be up to 32 letters, digits, '_' or '-', but was '" + toolPrefix + "'");
    }
    if (command.isEmpty() == (url == null)) {
      throw new IllegalArgumentException("give either a command (stdio) or a url (HTTP), not both");
    }
    if (url != null && !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      throw new IllegalArgumentException("url must be http or https, but was " + url);
    }
  }

  /** A server started as {@code command args…}, speaking MCP over standard input and output. */
  public static McpConnection stdio(String command, String... args) {
    Objects.requireNonNull(command, "command is required, but was null");
    if (command.isBlank()) {
      throw new IllegalArgumentException("command must not be blank");
    }
    List<String> all = new java.util.ArrayList<>();
    all.add(command);
    all.addAll(List.of(args));
    String name = command.substring(command.lastIndexOf('/') + 1);
    return new McpConnection(name, all, Map.of(), null, Map.of(), DEFAULT_REQUEST_TIMEOUT, "");
  }

  /** A server at {@code url}, speaking streamable HTTP. */
  public static McpConnection http(String url) {
    Objects.requireNonNull(url, "url is required, but was null");
    URI uri = URI.create(url);
    return new McpConnection(
        uri.getHost() == null ? url : uri.getHost(),
        List.of(),
        Map.of(),
        uri,
        Map.of(),
        DEFAULT_REQUEST_TIMEOUT,
        "");
  }

  /** Whether the server is a subprocess. */
  public boolean isStdio() {
    return url == null;
  }

  /** A copy with another name. */
  public McpConnection withName(String newName) {
    return new McpConnection(newName, command, env, url, headers, requestTimeout, toolPrefix);
  }

  /** A copy with these environment variables for the subprocess. */
  public McpConnection withEnv(Map<String, String> newEnv) {
    return new McpConnection(name, command, newEnv, url, headers, requestTimeout, toolPrefix);
  }

  /** A copy with these HTTP headers. */
  public McpConnection withHeaders(Map<String, String> newHeaders) {
    return new McpConnection(name, command, env, url, newHeaders, requestTimeout, toolPrefix);
  }

  /** A copy with another request timeout. */
  public McpConnection withRequestTimeout(Duration timeout) {
    return new McpConnection(name, command, env, url, headers, timeout, toolPrefix);
  }

  /** A copy whose tools' names start with {@code prefix}. */
  public McpConnection withToolPrefix(String prefix) {
    return new McpConnection(name, command, env, url, headers, requestTimeout, prefix);
  }

  /** Names the server without its headers or environment, which may hold secrets. */
  @Override
  public String toString() {
    return "McpConnection{" + name + ", " + (isStdio() ? String.join(" ", command) : url) + "}";
  }
}
