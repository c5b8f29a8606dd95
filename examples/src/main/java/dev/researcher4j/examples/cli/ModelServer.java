package dev.researcher4j.examples.cli;

import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.core.model.OpenAiChatModel;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Checks, before a run, that the model server can be connected to at all, so that a server that is
 * not running or a mistyped address fails at once with the address and the variable that sets it,
 * instead of after retries through planning and the first turns. Only refused connections, unknown
 * hosts and unreachable networks fail the check; anything else (a slow or odd server) is left to
 * the run, and the check is skipped when a proxy is configured.
 */
final class ModelServer {
  private ModelServer() {}

  /** How long the check waits for a connection. */
  static final int CONNECT_TIMEOUT_MILLIS = 3000;

  /**
   * @throws ConfigurationException naming {@code baseUrl} and {@code OPENAI_BASE_URL} when nothing
   *     listens there or its host does not resolve
   */
  static void requireReachable(String baseUrl) {
    URI uri;
    try {
      uri = URI.create(baseUrl);
    } catch (IllegalArgumentException e) {
      return; // the client reports a malformed address itself
    }
    if (uri.getHost() == null || uri.getScheme() == null || behindProxy(uri)) {
      return;
    }
    int port =
        uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    String problem;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), port), CONNECT_TIMEOUT_MILLIS);
      return;
    } catch (UnknownHostException e) {
      problem = "cannot resolve host " + uri.getHost();
    } catch (ConnectException e) {
      problem = "connection refused";
    } catch (NoRouteToHostException e) {
      problem = "no route to host " + uri.getHost();
    } catch (IOException e) {
      return; // a timeout or other trouble: the run's own retries and timeouts decide
    }
    throw new ConfigurationException(
        "cannot reach the model server at "
            + baseUrl
            + " ("
            + problem
            + "); start it, or set "
            + OpenAiChatModel.ENV_BASE_URL
            + " to where it runs");
  }

  private static boolean behindProxy(URI uri) {
    ProxySelector selector = ProxySelector.getDefault();
    if (selector == null) {
      return false;
    }
    try {
      List<Proxy> proxies = selector.select(uri);
      return proxies.stream().anyMatch(p -> p.type() != Proxy.Type.DIRECT);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
