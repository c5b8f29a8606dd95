package dev.researcher4j.tools.web.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.researcher4j.tools.web.guard.UrlGuard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 1 MB gzip body that inflates to 1 GiB is cut at the size limit while streaming. Runs in its own
 * surefire execution with {@code -Xmx128m} (see the module's pom), so reading the bomb with more
 * than a few MB over the limit would fail here with an OutOfMemoryError. The server is the JDK's,
 * on loopback, to keep the test JVM's own heap small.
 */
class DecompressionBombTest {

  private static final long GIB = 1024L * 1024 * 1024;
  private static HttpServer server;
  private static byte[] htmlBomb;
  private static byte[] zeroBomb;

  @BeforeAll
  static void serve() throws IOException {
    htmlBomb =
        concat(
            gzip("<html><body><p>Moss grows slowly in the shade, and faster in cities.</p><p>"),
            bomb(" ", GIB));
    zeroBomb = bomb("\0", GIB);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/html", exchange -> send(exchange, "text/html", htmlBomb));
    server.createContext("/zeros", exchange -> send(exchange, "text/plain", zeroBomb));
    server.createContext("/robots.txt", exchange -> send(exchange, "text/plain", null));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static void send(com.sun.net.httpserver.HttpExchange exchange, String type, byte[] body)
      throws IOException {
    try (exchange) {
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", type);
      exchange.getResponseHeaders().add("Content-Encoding", "gzip");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      } catch (IOException e) {
        // the reader hung up once it had read enough: expected
      }
    }
  }

  /**
   * A gzip file inflating to {@code size} bytes of {@code pattern}: one member of 16 MiB repeated
   * (a gzip file may hold several members, read one after the other).
   */
  static byte[] bomb(String pattern, long size) {
    int member = 16 * 1024 * 1024;
    byte[] unit = pattern.getBytes(StandardCharsets.UTF_8);
    try (ByteArrayOutputStream compressed = new ByteArrayOutputStream()) {
      try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 64 * 1024)) {
        byte[] chunk = new byte[64 * 1024 - (64 * 1024) % unit.length];
        for (int i = 0; i < chunk.length; i++) {
          chunk[i] = unit[i % unit.length];
        }
        for (int written = 0; written < member; written += chunk.length) {
          gzip.write(chunk);
        }
      }
      byte[] one = compressed.toByteArray();
      long members = size / member;
      ByteArrayOutputStream all = new ByteArrayOutputStream((int) (one.length * members));
      for (long i = 0; i < members; i++) {
        all.write(one);
      }
      return all.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static PageReader reader() {
    return PageReader.builder()
        .guard(UrlGuard.builder().allow("127.0.0.1").build())
        .dns(WebFixtures.dns(Map.of()))
        .timeout(Duration.ofSeconds(60))
        .build();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  void cutsAOneGibHtmlBombAtThePageSizeLimitWithinASmallHeap() {
    assertThat(htmlBomb.length).isLessThan(1024 * 1024 + 64 * 1024);

    WebDocument doc = reader().read(url("/html"));

    assertThat(doc.truncated()).isTrue();
    assertThat(doc.text()).startsWith("Moss grows slowly in the shade, and faster in cities.");
    assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(160L * 1024 * 1024);
  }

  @Test
  void refusesAOneGibBombOfZerosAsNotTextWithinASmallHeap() {
    assertThatThrownBy(() -> reader().read(url("/zeros")))
        .isInstanceOf(PageReadException.class)
        .hasMessageContaining("not text");
  }
}
