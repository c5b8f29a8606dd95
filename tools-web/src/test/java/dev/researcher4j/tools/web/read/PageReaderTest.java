package dev.researcher4j.tools.web.read;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.researcher4j.api.RetryableException;
import dev.researcher4j.api.ServerErrorException;
import dev.researcher4j.testing.RecordingSleeper;
import dev.researcher4j.tools.web.guard.UrlGuard;
import dev.researcher4j.tools.web.guard.UrlRefusedException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PageReaderTest {

  @RegisterExtension static WireMockExtension server = WebFixtures.wireMock();

  private static String url(String path) {
    return WebFixtures.url(server, path);
  }

  private static void stub(String path, String contentType, byte[] body) {
    server.stubFor(
        get(path).willReturn(aResponse().withHeader("Content-Type", contentType).withBody(body)));
  }

  @Test
  void readsTheMainContentOfAnHtmlPageWithItsMetadata() {
    stub("/moss", "text/html; charset=utf-8", WebFixtures.ARTICLE.getBytes(StandardCharsets.UTF_8));

    WebDocument doc = WebFixtures.reader().build().read(url("/moss"));

    assertThat(doc.kind()).isEqualTo(DocumentKind.HTML);
    assertThat(doc.title()).isEqualTo("Moss grows faster in cities");
    assertThat(doc.metadata().author()).isEqualTo("Ada Fern");
    assertThat(doc.metadata().published()).isEqualTo("2024-05-01T08:00:00Z");
    assertThat(doc.metadata().language()).isEqualTo("en");
    assertThat(doc.text())
        .contains("Researchers measured moss on 400 rooftops")
        .contains("Why the difference")
        .contains("- Six cities surveyed")
        .contains("Urban | 4.1")
        .doesNotContain("cookies")
        .doesNotContain("Related story")
        .doesNotContain("Great article")
        .doesNotContain("Copyright");
    assertThat(doc.links())
        .anySatisfy(
            l -> {
              assertThat(l.url()).isEqualTo("https://journal.example.org/moss");
              assertThat(l.inMainContent()).isTrue();
            })
        .anySatisfy(l -> assertThat(l.url()).isEqualTo(url("/news")));
  }

  @Test
  void sendsAnIdentifyingUserAgentAndAsksOnlyForEncodingsItDecodes() {
    stub("/ua", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));

    WebFixtures.reader().build().read(url("/ua"));

    server.verify(
        getRequestedFor(urlEqualTo("/ua"))
            .withHeader("User-Agent", equalTo(PageReader.DEFAULT_USER_AGENT))
            .withHeader("Accept-Encoding", equalTo("gzip, deflate")));
  }

  @Test
  void readsAPdfDetectedByItsSignatureEvenWhenServedAsOctetStream() {
    byte[] pdf =
        WebFixtures.pdf(
            "Moss report",
            "Ada Fern",
            List.of("First page about moss.", "Second page: nitrogen levels."));
    stub("/download?id=7", "application/octet-stream", pdf);

    WebDocument doc = WebFixtures.reader().build().read(url("/download?id=7"));

    assertThat(doc.kind()).isEqualTo(DocumentKind.PDF);
    assertThat(doc.title()).isEqualTo("Moss report");
    assertThat(doc.metadata().author()).isEqualTo("Ada Fern");
    assertThat(doc.text())
        .contains("First page about moss.")
        .contains("Second page: nitrogen levels.");
    assertThat(doc.pdfPageStarts()).hasSize(2);
    assertThat(doc.pdfPageAt(doc.text().indexOf("nitrogen"))).isEqualTo(2);
    assertThat(doc.pdfPageAt(doc.text().indexOf("First"))).isEqualTo(1);
  }

  @Test
  void refusesAResponseDeclaredAsPdfWithoutThePdfSignature() {
    stub(
        "/fake.pdf",
        "application/pdf",
        "<html>Please log in</html>".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> WebFixtures.reader().build().read(url("/fake.pdf")))
        .isInstanceOf(PageReadException.class)
        .hasMessageContaining("does not start with %PDF-");
  }

  @Test
  void refusesContentThatIsNotText() {
    byte[] png = {
      (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
    };
    stub("/image", "image/png", png);
    stub("/blob", "application/octet-stream", png);

    PageReader reader = WebFixtures.reader().build();

    assertThatThrownBy(() -> reader.read(url("/image")))
        .isInstanceOf(PageReadException.class)
        .hasMessageContaining("is image/png, not text")
        .hasMessageContaining("read_page reads HTML pages, PDFs, plain text, JSON and XML");
    assertThatThrownBy(() -> reader.read(url("/blob")))
        .isInstanceOf(PageReadException.class)
        .hasMessageContaining("not text");
  }

  @Test
  void passesPlainTextJsonAndXmlThrough() {
    stub(
        "/notes.txt",
        "text/plain; charset=utf-8",
        "line one\nline two".getBytes(StandardCharsets.UTF_8));
    stub("/data", "application/json", "{\"moss\": [1, 2, 3]}".getBytes(StandardCharsets.UTF_8));
    stub(
        "/feed",
        "application/rss+xml",
        "<?xml version=\"1.0\"?><rss><channel/></rss>".getBytes(StandardCharsets.UTF_8));
    PageReader reader = WebFixtures.reader().build();

    assertThat(reader.read(url("/notes.txt")))
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(DocumentKind.TEXT);
              assertThat(d.text()).isEqualTo("line one\nline two");
            });
    assertThat(reader.read(url("/data")))
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(DocumentKind.JSON);
              assertThat(d.text()).isEqualTo("{\"moss\": [1, 2, 3]}");
            });
    assertThat(reader.read(url("/feed")).kind()).isEqualTo(DocumentKind.XML);
  }

  @Test
  void decodesCharsetsFromTheHeaderTheMetaTagAndTheBytes() {
    Charset cp1251 = Charset.forName("windows-1251");
    Charset sjis = Charset.forName("Shift_JIS");
    String russian =
        "<html><body><p>Привет, мир! Это длинная статья о мхе, который растёт в городах быстрее.</p></body></html>";
    String japanese =
        "<html><head><meta charset=\"Shift_JIS\"></head><body><p>苔は都市でより速く育つ。研究者は六つの都市で屋上の苔を測定した。</p></body></html>";
    String french =
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>Les mousses poussent plus vite en ville, d'après une étude menée à Besançon.</p></body></html>";
    stub("/ru", "text/html; charset=windows-1251", russian.getBytes(cp1251));
    stub("/ja", "text/html", japanese.getBytes(sjis));
    stub("/fr", "text/html", french.getBytes(StandardCharsets.ISO_8859_1));
    stub(
        "/fr-header",
        "text/html; charset=iso-8859-1",
        french.getBytes(StandardCharsets.ISO_8859_1));
    stub("/utf8-no-label", "text/html", russian.getBytes(StandardCharsets.UTF_8));
    PageReader reader = WebFixtures.reader().build();

    assertThat(reader.read(url("/ru")).text()).contains("Привет, мир!");
    assertThat(reader.read(url("/ja")).text()).contains("苔は都市でより速く育つ。");
    assertThat(reader.read(url("/fr")).text()).contains("d'après une étude menée à Besançon");
    assertThat(reader.read(url("/fr-header")).text()).contains("Besançon");
    assertThat(reader.read(url("/utf8-no-label")).text()).contains("Привет, мир!");
  }

  @Test
  void followsRedirectsAndReportsTheFinalUrl() {
    server.stubFor(
        get("/old").willReturn(aResponse().withStatus(301).withHeader("Location", "/middle")));
    server.stubFor(
        get("/middle").willReturn(aResponse().withStatus(302).withHeader("Location", url("/new"))));
    stub("/new", "text/plain", "arrived".getBytes(StandardCharsets.UTF_8));

    WebDocument doc = WebFixtures.reader().build().read(url("/old"));

    assertThat(doc.requestedUrl()).isEqualTo(url("/old"));
    assertThat(doc.url()).isEqualTo(url("/new"));
    assertThat(doc.text()).isEqualTo("arrived");
  }

  @Test
  void refusesARedirectToAPrivateAddressWithoutFollowingIt() {
    server.stubFor(
        get("/innocent")
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));
    server.stubFor(
        get("/to-loopback")
            .willReturn(
                aResponse()
                    .withStatus(307)
                    .withHeader("Location", "http://localhost:" + server.getPort() + "/secret")));
    PageReader reader = WebFixtures.reader().build();

    assertThatThrownBy(() -> reader.read(url("/innocent")))
        .isInstanceOf(UrlRefusedException.class)
        .hasMessageContaining("169.254.169.254")
        .hasMessageContaining("cloud metadata");
    assertThatThrownBy(() -> reader.read(url("/to-loopback")))
        .isInstanceOf(UrlRefusedException.class)
        .hasMessageContaining("localhost");
    server.verify(0, getRequestedFor(urlEqualTo("/secret")));
  }

  @Test
  void refusesAHostNameThatResolvesToAPrivateAddress() {
    PageReader reader =
        WebFixtures.reader()
            .guard(UrlGuard.builder().allow("wiremock.test").build())
            .dns(
                WebFixtures.dns(
                    Map.of("wiremock.test", "127.0.0.1", "rebind.example", "127.0.0.1")))
            .build();
    stub("/page", "text/plain", "reachable by its allowed name".getBytes(StandardCharsets.UTF_8));

    assertThat(reader.read("http://wiremock.test:" + server.getPort() + "/page").text())
        .isEqualTo("reachable by its allowed name");
    assertThatThrownBy(() -> reader.read("http://rebind.example:" + server.getPort() + "/page"))
        .isInstanceOf(UrlRefusedException.class)
        .hasMessageContaining("127.0.0.1 is a loopback address");
  }

  @Test
  void givesUpAfterTooManyRedirects() {
    server.stubFor(
        get("/loop").willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));

    assertThatThrownBy(() -> WebFixtures.reader().maxRedirects(3).build().read(url("/loop")))
        .isInstanceOf(PageReadException.class)
        .hasMessageContaining("redirected more than 3 times");
    server.verify(4, getRequestedFor(urlEqualTo("/loop")));
  }

  @Test
  void cutsALongBodyAtTheSizeLimit() {
    String big = "<html><body><p>" + "moss ".repeat(20_000) + "</p></body></html>";
    stub("/big", "text/html", big.getBytes(StandardCharsets.UTF_8));

    WebDocument doc = WebFixtures.reader().maxBytes(10_000).build().read(url("/big"));

    assertThat(doc.truncated()).isTrue();
    assertThat(doc.text().length()).isLessThanOrEqualTo(10_000);
    assertThat(doc.text()).startsWith("moss moss");
  }

  @Test
  void stopsInflatingACompressionBombAtTheSizeLimit() {
    byte[] bomb = WebFixtures.gzipBomb(100 * 1024 * 1024);
    assertThat(bomb.length).isLessThan(1024 * 1024);
    server.stubFor(
        get("/bomb")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/plain")
                    .withHeader("Content-Encoding", "gzip")
                    .withBody(bomb)));

    WebDocument doc = WebFixtures.reader().maxBytes(1024 * 1024).build().read(url("/bomb"));

    assertThat(doc.truncated()).isTrue();
    assertThat(doc.text()).hasSize(1024 * 1024);
  }

  @Test
  void decodesGzipAndDeflateBodies() throws Exception {
    byte[] text =
        "<html><body><p>Compressed moss facts, served as gzip to a careful reader today.</p></body></html>"
            .getBytes(StandardCharsets.UTF_8);
    server.stubFor(
        get("/gz")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html")
                    .withHeader("Content-Encoding", "gzip")
                    .withBody(WebFixtures.gzip(text))));
    java.io.ByteArrayOutputStream deflated = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.DeflaterOutputStream(deflated)) {
      out.write(text);
    }
    server.stubFor(
        get("/deflate")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html")
                    .withHeader("Content-Encoding", "deflate")
                    .withBody(deflated.toByteArray())));
    server.stubFor(
        get("/br")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html")
                    .withHeader("Content-Encoding", "br")
                    .withBody(new byte[] {1, 2, 3})));
    PageReader reader = WebFixtures.reader().build();

    assertThat(reader.read(url("/gz")).text()).contains("Compressed moss facts");
    assertThat(reader.read(url("/deflate")).text()).contains("Compressed moss facts");
    assertThatThrownBy(() -> reader.read(url("/br")))
        .isInstanceOf(PageReadException.class)
        .hasMessageContaining("Content-Encoding 'br'");
  }

  @Test
  void respectsRobotsTxtAndCachesItPerHost() {
    server.stubFor(
        get("/robots.txt")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/plain")
                    .withBody(
                        "User-agent: *\nDisallow: /private/\n\nUser-agent: researcherj\nDisallow: /members/\nAllow: /members/public\n")));
    stub("/members/page", "text/plain", "no".getBytes(StandardCharsets.UTF_8));
    stub("/members/public/page", "text/plain", "yes".getBytes(StandardCharsets.UTF_8));
    stub("/private/page", "text/plain", "for others".getBytes(StandardCharsets.UTF_8));
    PageReader reader = WebFixtures.reader().build();

    assertThatThrownBy(() -> reader.read(url("/members/page")))
        .isInstanceOf(UrlRefusedException.class)
        .hasMessageContaining("robots.txt does not allow researcherj");
    assertThat(reader.read(url("/members/public/page")).text()).isEqualTo("yes");
    // our own group applies, not the * group
    assertThat(reader.read(url("/private/page")).text()).isEqualTo("for others");
    server.verify(1, getRequestedFor(urlEqualTo("/robots.txt")));
    server.verify(0, getRequestedFor(urlEqualTo("/members/page")));
  }

  @Test
  void readsDisallowedPagesWhenRobotsTxtIsSwitchedOff() {
    server.stubFor(
        get("/robots.txt").willReturn(aResponse().withBody("User-agent: *\nDisallow: /\n")));
    stub("/anything", "text/plain", "read anyway".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> WebFixtures.reader().build().read(url("/anything")))
        .isInstanceOf(UrlRefusedException.class);
    assertThat(WebFixtures.reader().respectRobots(false).build().read(url("/anything")).text())
        .isEqualTo("read anyway");
  }

  @Test
  void treatsAnUnavailableRobotsTxtAsDisallowingEverything() {
    server.stubFor(get("/robots.txt").willReturn(aResponse().withStatus(503)));
    stub("/page", "text/plain", "x".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> WebFixtures.reader().build().read(url("/page")))
        .isInstanceOf(UrlRefusedException.class);
  }

  @Test
  void spacesRequestsToTheSameHost() {
    stub("/a", "text/plain", "a".getBytes(StandardCharsets.UTF_8));
    stub("/b", "text/plain", "b".getBytes(StandardCharsets.UTF_8));
    RecordingSleeper sleeper = new RecordingSleeper();
    PageReader reader =
        WebFixtures.reader()
            .respectRobots(false)
            .hostInterval(Duration.ofMillis(750))
            .sleeper(sleeper)
            .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
            .build();

    reader.read(url("/a"));
    reader.read(url("/b"));

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(750));
  }

  @Test
  void revalidatesDiskCachedPagesWithConditionalRequests(@TempDir Path cache) {
    server.stubFor(
        get("/cached")
            .withHeader("If-None-Match", equalTo("\"v1\""))
            .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"v1\"")));
    server.stubFor(
        get("/cached")
            .withHeader("If-None-Match", com.github.tomakehurst.wiremock.client.WireMock.absent())
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/plain")
                    .withHeader("Cache-Control", "no-cache")
                    .withHeader("ETag", "\"v1\"")
                    .withHeader("Last-Modified", "Wed, 01 May 2024 08:00:00 GMT")
                    .withBody("cached body")));

    PageReader first = WebFixtures.reader().cacheDirectory(cache).build();
    assertThat(first.read(url("/cached")).text()).isEqualTo("cached body");
    PageReader second = WebFixtures.reader().cacheDirectory(cache).build();
    assertThat(second.read(url("/cached")).text()).isEqualTo("cached body");

    server.verify(
        getRequestedFor(urlEqualTo("/cached")).withHeader("If-None-Match", equalTo("\"v1\"")));
  }

  @Test
  void servesFreshDiskCachedPagesWithoutAskingAgain(@TempDir Path cache) {
    server.stubFor(
        get("/fresh")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/plain")
                    .withHeader("Cache-Control", "max-age=3600")
                    .withBody("fresh body")));

    assertThat(WebFixtures.reader().cacheDirectory(cache).build().read(url("/fresh")).text())
        .isEqualTo("fresh body");
    assertThat(WebFixtures.reader().cacheDirectory(cache).build().read(url("/fresh")).text())
        .isEqualTo("fresh body");

    server.verify(1, getRequestedFor(urlEqualTo("/fresh")));
  }

  @Test
  void reportsMissingPagesAndServerErrorsClearly() {
    server.stubFor(get("/gone").willReturn(aResponse().withStatus(404)));
    server.stubFor(get("/broken").willReturn(aResponse().withStatus(503)));
    PageReader reader = WebFixtures.reader().build();

    assertThatThrownBy(() -> reader.read(url("/gone")))
        .isInstanceOf(PageReadException.class)
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("there is no such page");
    assertThatThrownBy(() -> reader.read(url("/broken")))
        .isInstanceOf(ServerErrorException.class)
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("HTTP 503");
  }

  @Test
  void givesUpOnAServerThatTakesLongerThanTheTimeout() {
    server.stubFor(
        get("/slow")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/plain")
                    .withBody("late")
                    .withFixedDelay(3000)));

    assertThatThrownBy(
            () -> WebFixtures.reader().timeout(Duration.ofMillis(300)).build().read(url("/slow")))
        .isInstanceOf(dev.researcher4j.api.RequestTimeoutException.class)
        .hasMessageContaining("did not answer in time");
  }

  @Test
  void rejectsBadSettingsNamingTheValue() {
    assertThatThrownBy(() -> PageReader.builder().maxBytes(0))
        .hasMessage("maxBytes must be >= 1, but was 0");
    assertThatThrownBy(() -> PageReader.builder().pageSize(10))
        .hasMessage("pageSize must be >= 500, but was 10");
    assertThatThrownBy(() -> PageReader.builder().maxRedirects(-1))
        .hasMessage("maxRedirects must be 0-20, but was -1");
  }
}
