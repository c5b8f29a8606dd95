package dev.researcher4j.tools.web.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlsTest {

  private static final HttpUrl DDG_PAGE = HttpUrl.get("https://html.duckduckgo.com/html/");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "HTTPS://Example.COM:443/a/b?utm_source=x&id=3#frag | https://example.com/a/b?id=3",
        "http://example.com:80/                               | http://example.com/",
        "http://example.com:8080/x                            | http://example.com:8080/x",
        "https://example.com                                  | https://example.com/",
        "https://example.com/?utm_source=a&utm_medium=b       | https://example.com/",
        "https://example.com/p?gclid=1&fbclid=2&q=cats        | https://example.com/p?q=cats",
        "https://example.com/p?PK_campaign=x&mtm_kwd=y&page=2 | https://example.com/p?page=2",
        "https://example.com/p?srsltid=AfmB&msclkid=9         | https://example.com/p",
        "https://example.com/docs/                            | https://example.com/docs/",
        "https://example.com/a%2fb?q=a%20b                    | https://example.com/a%2fb?q=a%20b",
        "https://bücher.example/straße                        | https://xn--bcher-kva.example/stra%C3%9Fe",
        "  https://example.com/spaced                         | https://example.com/spaced"
      })
  void cleansTrackingParametersFragmentsAndDefaultPorts(String url, String expected) {
    assertThat(Urls.clean(url)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "javascript:alert(1)",
        "/relative/path",
        "ftp://example.com/file",
        "mailto:someone@example.com",
        "not a url",
        "https://"
      })
  void refusesWhatIsNotAnAbsoluteHttpUrl(String url) {
    assertThat(Urls.clean(url)).isNull();
    assertThat(Urls.dedupeKey(url)).isNull();
  }

  @ParameterizedTest(name = "{0} == {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://example.com/a/                  | https://example.com/a",
        "https://EXAMPLE.com                     | https://example.com/",
        "HTTPS://example.com/a                   | https://example.com/a",
        "https://example.com:443/a               | https://example.com/a",
        "http://example.com:80/a                 | http://example.com/a",
        "https://example.com/a?b=2&a=1           | https://example.com/a?a=1&b=2",
        "https://example.com/a#section           | https://example.com/a",
        "https://example.com/a?utm_source=x      | https://example.com/a",
        "https://example.com/a/?ref=x&utm_term=y | https://example.com/a?ref=x",
        "https://example.com/%7Euser             | https://example.com/~user",
        "https://example.com/a%2fb               | https://example.com/a%2Fb"
      })
  void treatsSpellingsOfOnePageAsTheSame(String one, String other) {
    assertThat(Urls.dedupeKey(one)).isEqualTo(Urls.dedupeKey(other));
  }

  @ParameterizedTest(name = "{0} != {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://example.com/a        | https://example.com/a",
        "https://example.com/a       | https://example.com/b",
        "https://example.com/A       | https://example.com/a",
        "https://example.com/a?x=1   | https://example.com/a?x=2",
        "https://example.com/a?x=1   | https://example.com/a",
        "https://example.com:8443/a  | https://example.com/a",
        "https://www.example.com/a   | https://example.com/a",
        "https://example.com/a?ref=1 | https://example.com/a",
        "https://example.com/a%2Fb   | https://example.com/a/b"
      })
  void keepsDifferentPagesApart(String one, String other) {
    assertThat(Urls.dedupeKey(one)).isNotEqualTo(Urls.dedupeKey(other));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "//duckduckgo.com/l/?uddg=https%3A%2F%2Fexample.org%2Fpage%3Fx%3D1&rut=abc | https://example.org/page?x=1",
        "https://duckduckgo.com/l/?uddg=https%3A%2F%2Fexample.org%2F&rut=abc      | https://example.org/",
        "/l/?uddg=https%3A%2F%2Fexample.org%2Frelative                            | https://example.org/relative",
        "https://www.loc.gov/exhibits/gutenberg/                                  | https://www.loc.gov/exhibits/gutenberg/",
        "https://duckduckgo.com/y.js?ad_domain=ads.example&u3=x                   | NULL",
        "//duckduckgo.com/l/?rut=abc                                              | NULL",
        "//duckduckgo.com/l/?uddg=javascript%3Aalert(1)                           | NULL",
        "NULL                                                                     | NULL"
      })
  void unwrapsDuckDuckGoRedirects(String href, String expected) {
    assertThat(Urls.unwrapDuckDuckGo(href, DDG_PAGE)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"utm_source", "UTM_Campaign", "gclid", "fbclid", "_ga", "pk_kwd"})
  void recognisesTrackingParameters(String name) {
    assertThat(Urls.isTrackingParameter(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"q", "id", "page", "ref", "utm", "source"})
  void leavesOrdinaryParametersAlone(String name) {
    assertThat(Urls.isTrackingParameter(name)).isFalse();
  }
}
