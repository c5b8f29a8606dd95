package dev.researcher4j.tools.web.read;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.researcher4j.tools.web.guard.UrlGuard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import okhttp3.Dns;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Shared test helpers: a reader pointed at WireMock, fake DNS, generated PDFs and gzip. */
final class WebFixtures {

  private WebFixtures() {}

  /** A resolver answering from {@code names}; unknown names fail as unknown hosts. */
  static Dns dns(Map<String, String> names) {
    return hostname -> {
      String address = names.get(hostname);
      if (address == null) {
        throw new UnknownHostException("no test address for " + hostname);
      }
      return List.of(InetAddress.getByName(address));
    };
  }

  /**
   * A WireMock server on a free loopback port that sends bodies as stubbed (no gzip of its own).
   */
  static WireMockExtension wireMock() {
    return WireMockExtension.newInstance()
        .options(WireMockConfiguration.wireMockConfig().dynamicPort().gzipDisabled(true))
        .build();
  }

  /** The address of {@code path} on {@code server}, by IP so no name is resolved. */
  static String url(WireMockExtension server, String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  /** A reader allowed to reach 127.0.0.1 only, without politeness delays. */
  static PageReader.Builder reader() {
    return PageReader.builder()
        .guard(UrlGuard.builder().allow("127.0.0.1").build())
        .dns(dns(Map.of()))
        .hostInterval(Duration.ZERO)
        .timeout(Duration.ofSeconds(10));
  }

  /** A PDF with one page per entry of {@code pages}, each line of text drawn in Helvetica. */
  static byte[] pdf(String title, String author, List<String> pages) {
    try (PDDocument doc = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDDocumentInformation info = new PDDocumentInformation();
      info.setTitle(title);
      info.setAuthor(author);
      doc.setDocumentInformation(info);
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (String text : pages) {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
          content.beginText();
          content.setFont(font, 12);
          content.newLineAtOffset(72, 700);
          for (String line : text.split("\n")) {
            content.showText(line);
            content.newLineAtOffset(0, -16);
          }
          content.endText();
        }
      }
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] gzip(byte[] data) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
      gz.finish();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A gzip body that inflates to {@code size} bytes of 'a', compressed about a thousandfold. */
  static byte[] gzipBomb(int size) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) 'a');
      for (int written = 0; written < size; written += chunk.length) {
        gz.write(chunk);
      }
      gz.finish();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final String ARTICLE =
      """
      <!doctype html><html lang="en"><head><title>Moss grows faster in cities - Green Daily</title>
      <meta name="author" content="Ada Fern">
      <meta property="article:published_time" content="2024-05-01T08:00:00Z">
      </head><body>
      <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></nav>
      <div id="cookie-banner">We use cookies to improve your experience. <a href="/privacy">Accept</a></div>
      <article class="post">
        <h1>Moss grows faster in cities</h1>
        <p>Researchers measured moss on 400 rooftops across six cities, comparing growth rates with
        rural sites over three years, and found that urban moss grew markedly faster.</p>
        <h2>Why the difference</h2>
        <p>Warmer nights, more nitrogen in the air, and sheltered corners all help, the team says, although
        the effect varied between species and between the sunny and shaded sides of buildings.</p>
        <ul><li>Six cities surveyed</li><li>400 rooftops measured</li></ul>
        <table><tr><th>Site</th><th>Growth (mm/yr)</th></tr><tr><td>Urban</td><td>4.1</td></tr>
        <tr><td>Rural</td><td>2.7</td></tr></table>
        <p>The full study is <a href="https://journal.example.org/moss">in the journal</a>, with data.</p>
      </article>
      <aside class="related"><a href="/a">Related story one</a><a href="/b">Related story two</a></aside>
      <div class="comments"><p>Great article, thanks for sharing this with all of us, really.</p></div>
      <footer>Copyright Green Daily. All rights reserved. <a href="/terms">Terms</a></footer>
      </body></html>
      """;
}
