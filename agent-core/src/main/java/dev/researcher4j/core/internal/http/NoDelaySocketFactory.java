package dev.researcher4j.core.internal.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Objects;
import javax.net.SocketFactory;
import okhttp3.OkHttpClient;

/**
 * A {@link SocketFactory} whose sockets have {@code TCP_NODELAY} set, for OkHttp clients.
 *
 * <p>OkHttp leaves Nagle's algorithm on. A request body larger than one buffer segment goes out in
 * more than one write, and the last, partial one then waits for the server's delayed ACK: about 40
 * ms per call on Linux, whatever the server's own latency. Browsers, curl, Go and the JDK's {@code
 * HttpClient} all switch Nagle off for HTTP; so do we, for clients we create or derive from a
 * client that uses the JVM's default socket factory. Thread-safe.
 */
public final class NoDelaySocketFactory extends SocketFactory {

  /** Wraps the JVM's default factory; one instance, so clients keep sharing pooled connections. */
  private static final NoDelaySocketFactory DEFAULT =
      new NoDelaySocketFactory(SocketFactory.getDefault());

  private final SocketFactory delegate;

  private NoDelaySocketFactory(SocketFactory delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * {@code client}, or when it uses the JVM's default socket factory, a client derived from it
   * (sharing its connection pool and dispatcher) whose sockets have {@code TCP_NODELAY} set. A
   * client with a socket factory of its own is left as it is.
   */
  public static OkHttpClient applyTo(OkHttpClient client) {
    if (client.socketFactory() != SocketFactory.getDefault()) {
      return client;
    }
    return client.newBuilder().socketFactory(DEFAULT).build();
  }

  @Override
  public Socket createSocket() throws IOException {
    return noDelay(delegate.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return noDelay(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return noDelay(delegate.createSocket(address, port, localAddress, localPort));
  }

  private static Socket noDelay(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    return socket;
  }
}
