package dev.researcher4j.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import javax.net.SocketFactory;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class NoDelaySocketFactoryTest {

  @Test
  void aClientOnTheDefaultSocketFactoryGetsSocketsWithNagleOff() throws Exception {
    OkHttpClient client = new OkHttpClient();

    OkHttpClient derived = NoDelaySocketFactory.applyTo(client);

    assertThat(derived).isNotSameAs(client);
    assertThat(derived.connectionPool()).isSameAs(client.connectionPool());
    assertThat(derived.dispatcher()).isSameAs(client.dispatcher());
    try (Socket socket = derived.socketFactory().createSocket()) {
      assertThat(socket.getTcpNoDelay()).isTrue();
    }
  }

  @Test
  void derivedClientsShareOneFactorySoTheyShareConnections() {
    OkHttpClient client = new OkHttpClient();

    // OkHttp pools connections by address, and the socket factory is part of the address.
    assertThat(NoDelaySocketFactory.applyTo(client).socketFactory())
        .isSameAs(NoDelaySocketFactory.applyTo(new OkHttpClient()).socketFactory());
  }

  @Test
  void aClientWithASocketFactoryOfItsOwnIsLeftAsItIs() {
    SocketFactory own =
        new SocketFactory() {
          @Override
          public Socket createSocket() {
            return new Socket();
          }

          @Override
          public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Socket createSocket(
              String host, int port, java.net.InetAddress local, int localPort) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Socket createSocket(java.net.InetAddress host, int port) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Socket createSocket(
              java.net.InetAddress address, int port, java.net.InetAddress local, int localPort) {
            throw new UnsupportedOperationException();
          }
        };
    OkHttpClient client = new OkHttpClient.Builder().socketFactory(own).build();

    assertThat(NoDelaySocketFactory.applyTo(client)).isSameAs(client);
  }
}
