package dev.researcher4j.tools.web.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Finds the character encoding of a fetched document and decodes it. Order of evidence: a byte
 * order mark; the {@code Content-Type} header's charset; a {@code <meta charset>} or {@code <meta
 * http-equiv="Content-Type">} in the first 4 KiB (or an XML declaration); else UTF-8 when the bytes
 * are valid UTF-8, and otherwise what a charset detector (juniversalchardet, Mozilla's universal
 * detector) makes of them, windows-1252 when it cannot tell. Labels are read as browsers read them
 * ({@link EncodingLabels}: {@code shift_jis} decodes as windows-31j, {@code euc-kr} as windows-949,
 * {@code gb2312} as GB18030, ISO-8859-1 as windows-1252, …), and a declaration of UTF-16 in a page
 * that is not UTF-16 is ignored. One correction of our own: a page whose {@code <meta>} names
 * another charset but whose bytes are valid, non-ASCII UTF-8 is read as UTF-8 (sites that converted
 * to UTF-8 and kept their old meta tag are common, in Latin and CJK scripts alike; real text in a
 * legacy charset almost never forms valid UTF-8). Stateless and thread-safe.
 */
public final class CharsetDetector {

  /** How many leading bytes are searched for a declaration. */
  static final int PRESCAN_BYTES = 4096;

  /** How many leading bytes the detector reads. */
  static final int DETECT_BYTES = 64 * 1024;

  private static final Pattern META_CHARSET =
      Pattern.compile(
          "<meta[^>]+charset\\s*=\\s*[\"']?\\s*([a-zA-Z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern XML_ENCODING =
      Pattern.compile(
          "^\\s*<\\?xml[^>]+encoding\\s*=\\s*[\"']([a-zA-Z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private CharsetDetector() {}

  /**
   * Decoded text and where its charset came from.
   *
   * @param text the text, without a byte order mark
   * @param charset the charset used
   * @param source {@code bom}, {@code header}, {@code meta}, {@code xml}, {@code meta-corrected} or
   *     {@code sniffed} (valid UTF-8, or windows-1252 as a last resort) or {@code detected}
   */
  public record Decoded(String text, Charset charset, String source) {}

  /**
   * Decodes {@code bytes}.
   *
   * @param headerCharset the charset named in the {@code Content-Type} header, or null
   */
  public static Decoded decode(byte[] bytes, String headerCharset) {
    Optional<Decoded> bom = byBom(bytes);
    if (bom.isPresent()) {
      return bom.get();
    }
    Optional<Charset> header = lookup(headerCharset);
    if (header.isPresent() && !isUtf16(header.get())) {
      return new Decoded(new String(bytes, header.get()), header.get(), "header");
    }
    String head =
        new String(bytes, 0, Math.min(bytes.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
    Matcher xml = XML_ENCODING.matcher(head);
    Matcher meta = META_CHARSET.matcher(head);
    String declared = null;
    String source = null;
    if (meta.find()) {
      declared = meta.group(1);
      source = "meta";
    } else if (xml.find()) {
      declared = xml.group(1);
      source = "xml";
    }
    Optional<Charset> named = lookup(declared);
    if (named.isPresent() && !isUtf16(named.get())) {
      Charset cs = named.get();
      if (!cs.equals(StandardCharsets.UTF_8) && isNonAsciiUtf8(bytes)) {
        return new Decoded(
            new String(bytes, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "meta-corrected");
      }
      return new Decoded(new String(bytes, cs), cs, source);
    }
    if (isValidUtf8(bytes)) {
      return new Decoded(
          new String(bytes, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "sniffed");
    }
    Optional<Charset> detected = detect(bytes);
    if (detected.isPresent()) {
      return new Decoded(new String(bytes, detected.get()), detected.get(), "detected");
    }
    return new Decoded(new String(bytes, WINDOWS_1252), WINDOWS_1252, "sniffed");
  }

  /** What the universal detector makes of the first {@link #DETECT_BYTES} bytes, if anything. */
  private static Optional<Charset> detect(byte[] bytes) {
    UniversalDetector detector = new UniversalDetector();
    detector.handleData(bytes, 0, Math.min(bytes.length, DETECT_BYTES));
    detector.dataEnd();
    return EncodingLabels.charsetFor(detector.getDetectedCharset()).filter(cs -> !isUtf16(cs));
  }

  private static Optional<Decoded> byBom(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
      return Optional.of(
          new Decoded(
              new String(b, 3, b.length - 3, StandardCharsets.UTF_8),
              StandardCharsets.UTF_8,
              "bom"));
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
      return Optional.of(
          new Decoded(
              new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE),
              StandardCharsets.UTF_16BE,
              "bom"));
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
      return Optional.of(
          new Decoded(
              new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE),
              StandardCharsets.UTF_16LE,
              "bom"));
    }
    return Optional.empty();
  }

  /** The charset a browser decodes {@code name} with (see {@link EncodingLabels}). */
  public static Optional<Charset> lookup(String name) {
    return EncodingLabels.charsetFor(name);
  }

  private static boolean isUtf16(Charset cs) {
    return cs.name().toUpperCase(Locale.ROOT).startsWith("UTF-16");
  }

  /** Valid UTF-8, allowing a sequence cut short at the end (a body cut at the size limit). */
  private static boolean isValidUtf8(byte[] bytes) {
    if (isValidUtf8(bytes, bytes.length)) {
      return true;
    }
    for (int cut = 1; cut <= Math.min(3, bytes.length); cut++) {
      int b = bytes[bytes.length - cut] & 0xff;
      if (b >= 0xc2 && b <= 0xf4) {
        // the lead byte of the cut sequence: fewer bytes than it announces, all of it before
        int announced = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
        return cut < announced && isValidUtf8(bytes, bytes.length - cut);
      }
      if ((b & 0xc0) != 0x80) {
        return false; // an ASCII byte or no lead byte at all: not a cut tail
      }
    }
    return false;
  }

  private static boolean isValidUtf8(byte[] bytes, int length) {
    // decoded through a small window, so checking a large body allocates no copy of it
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return false;
      }
      if (result.isUnderflow()) {
        return !decoder.flush(out).isError();
      }
      out.clear();
    }
  }

  private static boolean isNonAsciiUtf8(byte[] bytes) {
    boolean nonAscii = false;
    for (byte b : bytes) {
      if (b < 0) {
        nonAscii = true;
        break;
      }
    }
    return nonAscii && isValidUtf8(bytes);
  }
}
