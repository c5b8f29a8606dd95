package dev.researcher4j.tools.web.read;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.researcher4j.testing.FakeClock;
import dev.researcher4j.testing.RecordingSleeper;
import dev.researcher4j.tools.web.guard.UrlGuard;
import dev.researcher4j.tools.web.guard.UrlRefusedException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * robots.txt read as RFC 9309 and crawler-commons read it, fetched once per site, per-host
 * politeness, and the messages for failures that used to get the wrong one.
 */
class PoliteFetchTest {

  @RegisterExtension static WireMockExtension server = WebFixtures.wireMock();

  private static String url(String path) {
    return WebFixtures.url(server, path);
  }

  private static void robots(byte[] body) {
    server.stubFor(
        get("/robots.txt")
            .willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody(body)));
  }

  private static void page(String path, String text) {
    server.stubFor(
        get(urlEqualTo(path))
            .willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody(text)));
  }

  @Test
  void skipsAByteOrderMarkBeforeTheFirstGroup() {
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    byte[] rules = "User-agent: *\nDisallow: /\n".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[bom.length + rules.length];
    System.arraycopy(bom, 0, body, 0, bom.length);
    System.arraycopy(rules, 0, body, bom.length, rules.length);
    robots(body);
    page("/page", "must not be read");

    assertThatThrownBy(() -> WebFixtures.reader().build().read(url("/page")))
        .isInstanceOf(UrlRefusedException.class)
        .hasMessageContaining("robots.txt does not allow researcherj");
    server.verify(0, getRequestedFor(urlEqualTo("/page")));
  }

  @Test
  void percentEncodesNonAsciiRulePathsBeforeMatching() {
    robots("User-agent: *\nDisallow: /wiki/Café\n".getBytes(StandardCharsets.UTF_8));
    page("/wiki/Caf%C3%A9", "must not be read");
    page("/wiki/Cafe", "allowed");
    PageReader reader = WebFixtures.reader().build();

    assertThatThrownBy(() -> reader.read(url("/wiki/Café")))
        .isInstanceOf(UrlRefusedException.class);
    assertThat(reader.read(url("/wiki/Cafe")).text()).isEqualTo("allowed");
  }

  @Test
  void matchesItsOwnGroupByAProductTokenRfc9309Accepts() {
    robots(
        "User-agent: researcherj\nDisallow: /mine/\n\nUser-agent: *\nDisallow: /\n"
            .getBytes(StandardCharsets.UTF_8));
    page("/open", "ours to read");

    assertThat(PageReader.ROBOTS_TOKEN).matches("[a-zA-Z_-]+");
    assertThat(PageReader.DEFAULT_USER_AGENT).contains(PageReader.ROBOTS_TOKEN + "/");
    assertThat(WebFixtures.reader().build().read(url("/open")).text()).isEqualTo("ours to read");
  }

  @Test
  void fetchesRobotsTxtOnceWhenEightReadsOfTheHostStartTogether() throws Exception {
    server.stubFor(
        get("/robots.txt")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/plain")
                    .withBody("User-agent: *\nAllow: /\n")
                    .withFixedDelay(300)));
    for (int i = 0; i < 8; i++) {
      page("/p" + i, "page " + i);
    }
    PageReader reader = WebFixtures.reader().maxPerHost(8).build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<WebDocument>> reads = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String path = "/p" + i;
        reads.add(pool.submit(() -> reader.read(url(path))));
      }
      for (int i = 0; i < 8; i++) {
        assertThat(reads.get(i).get().text()).isEqualTo("page " + i);
      }
    } finally {
      pool.shutdownNow();
    }

    server.verify(1, getRequestedFor(urlEqualTo("/robots.txt")));
  }

  @Test
  void spacesReadsOfAHostAsItsCrawlDelayAsks() {
    robots("User-agent: *\nCrawl-delay: 2\n".getBytes(StandardCharsets.UTF_8));
    page("/a", "a");
    page("/b", "b");
    page("/c", "c");
    RecordingSleeper sleeper = new RecordingSleeper();
    PageReader reader = WebFixtures.reader().sleeper(sleeper).clock(FakeClock.fixed()).build();

    reader.read(url("/a"));
    reader.read(url("/b"));
    reader.read(url("/c"));

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void cutsAnExcessiveCrawlDelayToTheMaximum() {
    robots("User-agent: *\nCrawl-delay: 3600\n".getBytes(StandardCharsets.UTF_8));
    page("/a", "a");
    page("/b", "b");
    RecordingSleeper sleeper = new RecordingSleeper();
    PageReader reader =
        WebFixtures.reader()
            .sleeper(sleeper)
            .clock(FakeClock.fixed())
            .maxCrawlDelay(Duration.ofSeconds(5))
            .build();

    reader.read(url("/a"));
    reader.read(url("/b"));

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void readsTwoPagesOfOneHostAtOnceByDefaultWithoutWaiting() {
    page("/a", "a");
    page("/b", "b");
    RecordingSleeper sleeper = new RecordingSleeper();
    PageReader reader =
        WebFixtures.reader()
            .hostInterval(PageReader.DEFAULT_HOST_INTERVAL)
            .respectRobots(false)
            .sleeper(sleeper)
            .build();

    reader.read(url("/a"));
    reader.read(url("/b"));

    assertThat(PageReader.DEFAULT_MAX_PER_HOST).isEqualTo(2);
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void saysAHostDoesNotResolveRatherThanBlamingRobotsTxt() {
    PageReader reader =
        PageReader.builder()
            .guard(UrlGuard.builder().build())
            .dns(WebFixtures.dns(Map.of()))
            .build();

    assertThatThrownBy(() -> reader.read("https://no-such-host.example/page"))
        .isInstanceOf(PageReadException.class)
        .hasMessageContaining("the host no-such-host.example does not resolve")
        .hasMessageNotContaining("robots.txt");
  }

  @Test
  void namesARedirectToANonHttpScheme() {
    server.stubFor(
        get("/ftp")
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", "ftp://files.example/x.pdf")));
    server.stubFor(get("/empty").willReturn(aResponse().withStatus(301)));
    PageReader reader = WebFixtures.reader().respectRobots(false).build();

    assertThatThrownBy(() -> reader.read(url("/ftp")))
        .isInstanceOf(PageReadException.class)
        .hasMessageContaining("redirected to a ftp: address (ftp://files.example/x.pdf)")
        .hasMessageContaining("only http and https are read");
    assertThatThrownBy(() -> reader.read(url("/empty")))
        .isInstanceOf(PageReadException.class)
        .hasMessageContaining("without a Location header");
  }

  @Test
  void saysWhyAnUnavailableRobotsTxtClosesTheSite() {
    server.stubFor(get("/robots.txt").willReturn(aResponse().withStatus(503)));
    page("/page", "x");

    assertThatThrownBy(() -> WebFixtures.reader().build().read(url("/page")))
        .isInstanceOf(UrlRefusedException.class)
        .hasMessageContaining("robots.txt could not be read (")
        .hasMessageContaining("503")
        .hasMessageContaining("RFC 9309");
  }

  @Test
  void decodesShiftJisLabelledPagesAsBrowsersDoWithCp932Characters() {
    // ① and ㈱ are NEC extensions: in windows-31j, not in JIS X 0208 Shift_JIS
    String text = "<html><body><p>株式会社①②③ ㈱ の記事です、長い本文がここにあります。</p></body></html>";
    server.stubFor(
        get("/sjis")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html; charset=Shift_JIS")
                    .withBody(text.getBytes(Charset.forName("windows-31j")))));

    WebDocument doc = WebFixtures.reader().respectRobots(false).build().read(url("/sjis"));

    assertThat(doc.text()).contains("①②③ ㈱").doesNotContain("\ufffd");
  }

  @Test
  void detectsTheCharsetOfAPageThatDeclaresNone() {
    String russian =
        "<html><body><p>Мох растёт быстрее в городах, показало трёхлетнее исследование крыш,"
            + " проведённое учёными в шести городах страны.</p></body></html>";
    server.stubFor(
        get("/cp1251")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html")
                    .withBody(russian.getBytes(Charset.forName("windows-1251")))));

    WebDocument doc = WebFixtures.reader().respectRobots(false).build().read(url("/cp1251"));

    assertThat(doc.text()).contains("Мох растёт быстрее в городах");
  }
}
