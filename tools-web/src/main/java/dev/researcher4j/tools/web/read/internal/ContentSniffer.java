package dev.researcher4j.tools.web.read.internal;

import dev.researcher4j.tools.web.read.DocumentKind;
import dev.researcher4j.tools.web.read.PageReadException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Decides what a response is from its declared media type and its first bytes. PDFs are recognised
 * by the {@code %PDF-} signature, whatever the header says; a response declared as PDF without the
 * signature is refused; anything that is neither text nor PDF is refused.
 */
public final class ContentSniffer {

  private static final Set<String> HTML = Set.of("text/html", "application/xhtml+xml");
  private static final Set<String> UNTYPED =
      Set.of(
          "",
          "application/octet-stream",
          "binary/octet-stream",
          "application/unknown",
          "unknown/unknown");

  private ContentSniffer() {}

  /** The media type without parameters, lower case. */
  public static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  /**
   * What {@code bytes}, declared as {@code contentType}, are.
   *
   * @throws PageReadException if they are not text or PDF
   */
  public static DocumentKind kind(String contentType, byte[] bytes, String url) {
    String type = mediaType(contentType);
    boolean pdfMagic = startsWithPdfSignature(bytes);
    if (pdfMagic) {
      return DocumentKind.PDF;
    }
    if (type.equals("application/pdf") || type.equals("application/x-pdf")) {
      throw new PageReadException(
          url
              + " is declared as a PDF ("
              + type
              + ") but does not start with %PDF-: it is not a PDF"
              + " (perhaps an error page or a download wall).");
    }
    if (HTML.contains(type)) {
      return requireText(DocumentKind.HTML, bytes, url, type);
    }
    if (type.equals("application/json") || type.endsWith("+json") || type.equals("text/json")) {
      return requireText(DocumentKind.JSON, bytes, url, type);
    }
    if (type.equals("application/xml") || type.equals("text/xml") || type.endsWith("+xml")) {
      return requireText(DocumentKind.XML, bytes, url, type);
    }
    if (type.startsWith("text/")) {
      return requireText(DocumentKind.TEXT, bytes, url, type);
    }
    if (UNTYPED.contains(type)) {
      String head = head(bytes).toLowerCase(Locale.ROOT);
      if (head.startsWith("<!doctype html")
          || head.startsWith("<html")
          || head.contains("<head")
          || head.contains("<body")) {
        return requireText(DocumentKind.HTML, bytes, url, "untyped");
      }
      if (head.startsWith("<?xml")) {
        return requireText(DocumentKind.XML, bytes, url, "untyped");
      }
      if (head.startsWith("{") || head.startsWith("[")) {
        return requireText(DocumentKind.JSON, bytes, url, "untyped");
      }
      if (looksLikeText(bytes)) {
        return DocumentKind.TEXT;
      }
    }
    throw notText(url, type.isEmpty() ? "binary data" : type);
  }

  private static DocumentKind requireText(
      DocumentKind kind, byte[] bytes, String url, String type) {
    if (!looksLikeText(bytes)) {
      throw notText(url, "binary data declared as " + type);
    }
    return kind;
  }

  private static PageReadException notText(String url, String what) {
    return new PageReadException(
        url
            + " is "
            + what
            + ", not text. read_page reads HTML pages, PDFs, plain text, JSON and XML; look for a"
            + " text version of this resource instead.");
  }

  private static boolean startsWithPdfSignature(byte[] bytes) {
    int i = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      i = 3;
    }
    while (i < bytes.length && i < 1024 && Character.isWhitespace(bytes[i])) {
      i++;
    }
    byte[] magic = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    if (bytes.length - i < magic.length) {
      return false;
    }
    for (int k = 0; k < magic.length; k++) {
      if (bytes[i + k] != magic[k]) {
        return false;
      }
    }
    return true;
  }

  private static String head(byte[] bytes) {
    int start = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      start = 3;
    }
    return new String(
            bytes, start, Math.min(bytes.length - start, 1024), StandardCharsets.ISO_8859_1)
        .strip();
  }

  /**
   * Text has no NUL bytes and few control characters in its first 8 KiB (UTF-16 text, which has
   * NULs, is recognised by its byte order mark).
   */
  static boolean looksLikeText(byte[] bytes) {
    if (bytes.length >= 2
        && (((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff)
            || ((bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe))) {
      return true;
    }
    int n = Math.min(bytes.length, 8192);
    int control = 0;
    for (int i = 0; i < n; i++) {
      int b = bytes[i] & 0xff;
      if (b == 0) {
        return false;
      }
      if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1b) {
        control++;
      }
    }
    return control <= n / 100;
  }
}
