package dev.researcher4j.tools.web.read.internal;

import dev.researcher4j.tools.web.read.PageReadException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import okhttp3.Response;

/**
 * Reads a response body, decompressing gzip and deflate itself so that the size limit applies to
 * the decompressed bytes: a small compressed body that inflates to gigabytes (a decompression bomb)
 * is cut at the limit like any other long body, having never been held in memory whole.
 */
public final class BodyReader {

  /**
   * The bytes read.
   *
   * @param bytes at most the limit's worth of (decompressed) body
   * @param truncated whether there was more
   */
  public record Body(byte[] bytes, boolean truncated) {}

  private BodyReader() {}

  /**
   * Reads at most {@code maxBytes} of the decompressed body of {@code response}.
   *
   * @throws PageReadException for a content encoding that cannot be decoded
   * @throws IOException if reading fails
   */
  public static Body read(Response response, long maxBytes, String url) throws IOException {
    String encoding =
        response.header("Content-Encoding", "identity").strip().toLowerCase(Locale.ROOT);
    InputStream raw = response.body().byteStream();
    InputStream in =
        switch (encoding) {
          case "", "identity", "none" -> raw;
          case "gzip", "x-gzip" -> new GZIPInputStream(raw, 8192);
          case "deflate" -> inflating(raw);
          default ->
              throw new PageReadException(
                  url
                      + " was sent with Content-Encoding '"
                      + encoding
                      + "', which the reader cannot decode (it asks for gzip or deflate only).");
        };
    int limit = (int) Math.min(maxBytes, Integer.MAX_VALUE - 8);
    long declared =
        encoding.isEmpty() || encoding.equals("identity") ? response.body().contentLength() : -1;
    return readAtMost(in, limit, declared);
  }

  /**
   * Reads at most {@code limit} bytes into one array that grows as bytes arrive (never past the
   * limit), so a body of unknown length costs about its own size and a bomb costs the limit: no
   * list of chunks, no second copy of the whole.
   */
  static Body readAtMost(InputStream in, int limit, long declaredLength) throws IOException {
    int initial =
        declaredLength >= 0 ? (int) Math.min(declaredLength, limit) : Math.min(limit, 64 * 1024);
    byte[] buffer = new byte[Math.max(initial, 1)];
    int n = 0;
    while (true) {
      if (n == buffer.length) {
        if (n >= limit) {
          // full: one more byte says whether the body was longer
          return in.read() < 0 ? new Body(buffer, false) : new Body(buffer, true);
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(16L, buffer.length * 2L)));
      }
      int read = in.read(buffer, n, buffer.length - n);
      if (read < 0) {
        return new Body(n == buffer.length ? buffer : Arrays.copyOf(buffer, n), false);
      }
      n += read;
    }
  }

  /** "deflate" is meant to be zlib-wrapped, but some servers send raw deflate: accept both. */
  private static InputStream inflating(InputStream raw) throws IOException {
    PushbackInputStream in = new PushbackInputStream(raw, 2);
    byte[] head = in.readNBytes(2);
    in.unread(head);
    boolean zlib =
        head.length == 2
            && (head[0] & 0x0f) == 8
            && (((head[0] & 0xff) << 8) | (head[1] & 0xff)) % 31 == 0;
    return new InflaterInputStream(in, new Inflater(!zlib), 8192);
  }
}
