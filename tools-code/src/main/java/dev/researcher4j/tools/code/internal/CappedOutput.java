package dev.researcher4j.tools.code.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a call printed, kept up to a limit: bytes past it are counted but dropped, so a call that
 * prints without end costs no memory. Thread-safe.
 */
final class CappedOutput extends OutputStream {

  private final int maxChars;
  private final int maxBytes;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private long total;

  CappedOutput(int maxChars) {
    this.maxChars = maxChars;
    // UTF-8 takes at most 4 bytes a character; keeping that much is enough to show maxChars.
    this.maxBytes = maxChars * 4;
  }

  @Override
  public synchronized void write(int b) {
    total++;
    if (kept.size() < maxBytes) {
      kept.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    total += len;
    int room = maxBytes - kept.size();
    if (room > 0) {
      kept.write(b, off, Math.min(room, len));
    }
  }

  /** Forgets what was written, for the next call. */
  synchronized void reset() {
    kept.reset();
    total = 0;
  }

  /** The text written since the last reset, cut to the limit with a note saying how much. */
  synchronized Text text() {
    String text = kept.toString(StandardCharsets.UTF_8);
    boolean cut = total > kept.size() || text.length() > maxChars;
    if (text.length() > maxChars) {
      text = text.substring(0, maxChars);
    }
    return new Text(text, cut, total);
  }

  /**
   * Text written by a call.
   *
   * @param text what is shown
   * @param truncated whether more was written than is shown
   * @param totalBytes how many bytes were written in all
   */
  record Text(String text, boolean truncated, long totalBytes) {}
}
