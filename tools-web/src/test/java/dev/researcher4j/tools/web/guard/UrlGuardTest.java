package dev.researcher4j.tools.web.guard;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.researcher4j.tools.web.read.PageReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Dns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlGuardTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /** Every one of these must be refused by a guard with an empty allow-list. */
  @ParameterizedTest(name = "refuses {0}")
  @ValueSource(
      strings = {
        "file:///etc/passwd",
        "ftp://example.com/file.txt",
        "gopher://example.com:70/",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "http://user:secret@example.com/",
        "https://admin@example.com/",
        "http://localhost/",
        "http://LOCALHOST:8080/admin",
        "http://localhost./",
        "http://api.localhost/",
        "http://127.0.0.1/",
        "http://127.8.9.10:22/",
        "http://0.0.0.0/",
        "http://0/",
        "http://2130706433/",
        "http://0x7f000001/",
        "http://0x7f.1/",
        "http://0177.0.0.1/",
        "http://127.1/",
        "http://127.0.1/",
        "http://017700000001/",
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://172.31.255.255/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://169.254.169.254/latest/meta-data/iam/",
        "http://169.254.1.1/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://metadata/",
        "http://224.0.0.1/",
        "http://239.255.255.250:1900/",
        "http://255.255.255.255/",
        "http://240.0.0.1/",
        "http://[::1]/",
        "http://[::]/",
        "http://[0:0:0:0:0:0:0:1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[::127.0.0.1]/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://[ff02::1]/",
        "http://[64:ff9b::7f00:1]/",
        "http://[2002:7f00:1::]/",
        "http://192.0.2.1/",
        "not a url at all",
      })
  void refusesHostileUrls(String url) {
    assertThatThrownBy(() -> UrlGuard.strict().check(url))
        .isInstanceOf(UrlRefusedException.class)
        .hasMessageStartingWith("Refused to fetch");
  }

  @Test
  void explainsWhatAnOddIpSpellingMeans() {
    assertThatThrownBy(() -> UrlGuard.strict().check("http://0x7f.1/"))
        .hasMessageContaining("unusual spelling (it means 127.0.0.1)");
    assertThatThrownBy(() -> UrlGuard.strict().check("http://2130706433/"))
        .hasMessageContaining("it means 127.0.0.1");
  }

  @Test
  void neverRepeatsCredentialsInItsMessage() {
    assertThatThrownBy(() -> UrlGuard.strict().check("http://user:hunter2@example.com/"))
        .hasMessageNotContaining("hunter2")
        .hasMessageContaining("user name or password");
  }

  @Test
  void acceptsPublicAddressesAndNames() {
    UrlGuard guard = UrlGuard.strict();
    for (String url :
        List.of(
            "https://example.com/",
            "http://93.184.216.34/page",
            "https://[2606:2800:220:1:248:1893:25c8:1946]/",
            "https://en.wikipedia.org/wiki/Moss?x=1#History")) {
      assertThatCode(() -> guard.check(url)).as(url).doesNotThrowAnyException();
    }
  }

  @Test
  void checksEveryResolvedAddressOfAName() throws Exception {
    Dns resolver =
        host -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.7"));
    Dns guarded = UrlGuard.strict().dns(resolver);

    assertThatThrownBy(() -> guarded.lookup("mixed.example"))
        .isInstanceOf(UnknownHostException.class)
        .hasCauseInstanceOf(UrlRefusedException.class)
        .hasMessageContaining("10.0.0.7 is a private network address");
  }

  @Test
  void readsTheAllowListFromTheEnvironment() {
    UrlGuard guard =
        UrlGuard.fromEnv(
            Map.of(UrlGuard.ALLOW_HOSTS_ENV, " intranet.corp , 10.1.0.0/16,*.lab.test, ::1"));

    assertThat(guard.allowList())
        .containsExactly("intranet.corp", "*.lab.test", "10.1.0.0/16", "0:0:0:0:0:0:0:1/128");
    assertThatCode(() -> guard.check("http://10.1.2.3/")).doesNotThrowAnyException();
    assertThatCode(() -> guard.check("http://[::1]/")).doesNotThrowAnyException();
    assertThatThrownBy(() -> guard.check("http://10.2.0.1/"))
        .isInstanceOf(UrlRefusedException.class);
    assertThatCode(() -> guard.checkResolved("intranet.corp", List.of(loopback())))
        .doesNotThrowAnyException();
    assertThatCode(() -> guard.checkResolved("box.lab.test", List.of(loopback())))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> guard.checkResolved("other.corp", List.of(loopback())))
        .isInstanceOf(UrlRefusedException.class);
    assertThatThrownBy(() -> guard.check("http://user:pw@intranet.corp/"))
        .as("credentials are refused even for allowed hosts")
        .isInstanceOf(UrlRefusedException.class);
  }

  @Test
  void rejectsAllowListEntriesThatAreNotHostsOrRanges() {
    assertThatThrownBy(() -> UrlGuard.builder().allow("10.0.0.0/40"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prefix length must be 0-32, but was 40");
    assertThatThrownBy(() -> UrlGuard.builder().allow("999.1.1.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("999.1.1.1");
  }

  @Test
  void showsTheUrlWithoutItsCredentialsWhenRefusingThem() {
    assertThatThrownBy(() -> UrlGuard.strict().check("http://user:hunter2@example.com/a"))
        .hasMessageStartingWith("Refused to fetch http://example.com/a: ");
  }

  @Test
  void refusesAnIpv6LiteralItCannotRead() {
    assertThatThrownBy(() -> UrlGuard.strict().check(okhttp3.HttpUrl.get("http://[::1]/")))
        .hasMessageContaining("0:0:0:0:0:0:0:1 is a loopback address (::1)");
  }

  @Test
  void buildsAllowListsFromBracketedAddressesListsAndOtherGuards() {
    UrlGuard guard =
        UrlGuard.builder().allow("[::1]").allowAll(List.of("wiki.corp.", "10.0.0.0/8")).build();
    UrlGuard more = guard.toBuilder().allow("192.168.1.1").build();

    assertThat(guard.allowList()).containsExactly("wiki.corp", "0:0:0:0:0:0:0:1/128", "10.0.0.0/8");
    assertThat(more.allowList())
        .containsExactly("wiki.corp", "0:0:0:0:0:0:0:1/128", "10.0.0.0/8", "192.168.1.1/32");
    assertThat(guard.allowList()).hasSize(3);
    assertThat(guard.toString())
        .isEqualTo("UrlGuard{allow=[wiki.corp, 0:0:0:0:0:0:0:1/128, 10.0.0.0/8]}");
    assertThatCode(() -> guard.check("http://[::1]:8080/")).doesNotThrowAnyException();
    assertThatThrownBy(() -> UrlGuard.builder().allow("[::1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UrlGuard.builder().allow("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("allow-list entry must not be blank");
    assertThat(UrlGuard.fromEnv()).isNotNull();
    assertThat(UrlGuard.fromEnv(Map.of()).allowList()).isEmpty();
  }

  /** Allowed URLs: every one is fetched from WireMock, reached through the allow-list. */
  @Test
  void fetchesAllowListedLocalUrlsFromWireMock() {
    server.stubFor(
        get(anyUrl())
            .willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("served")));
    int port = server.getPort();
    Dns dns =
        host -> {
          if (host.equals("localhost") || host.endsWith(".lab.test")) {
            return List.of(loopback());
          }
          throw new UnknownHostException(host);
        };
    PageReader reader =
        PageReader.builder()
            .guard(
                UrlGuard.fromEnv(
                    Map.of(UrlGuard.ALLOW_HOSTS_ENV, "127.0.0.0/8,localhost,*.lab.test")))
            .dns(dns)
            .hostInterval(Duration.ZERO)
            .respectRobots(false)
            .build();

    for (String url :
        List.of(
            "http://127.0.0.1:" + port + "/",
            "http://127.0.0.1:" + port + "/a/b?c=d",
            "http://localhost:" + port + "/page",
            "http://wiki.lab.test:" + port + "/wiki/Moss",
            "http://lab.test.lab.test:" + port + "/x")) {
      assertThat(reader.read(url).text()).as(url).isEqualTo("served");
    }
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
