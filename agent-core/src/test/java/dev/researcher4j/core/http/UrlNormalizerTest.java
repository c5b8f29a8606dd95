package dev.researcher4j.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlNormalizerTest {

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
    assertThat(UrlNormalizer.clean(url)).isEqualTo(expected);
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
  void cleaningRefusesWhatIsNotAnAbsoluteHttpUrl(String url) {
    assertThat(UrlNormalizer.clean(url)).isNull();
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
        "http://example.com/a                    | https://example.com/a",
        "https://www.example.com/a               | https://example.com/a",
        "http://www.Example.org:80/a/b/          | https://example.org/a/b",
        "https://example.com/a?b=2&a=1           | https://example.com/a?a=1&b=2",
        "https://example.com/a#section           | https://example.com/a",
        "https://example.com/a?utm_source=x      | https://example.com/a",
        "https://example.com/a?utm_source=x&fbclid=y | https://example.com/a",
        "https://example.com/a/?ref=x&utm_term=y | https://example.com/a?ref=x",
        "https://example.com/%7Euser             | https://example.com/~user",
        "https://example.com/a%2fb               | https://example.com/a%2Fb"
      })
  void treatsSpellingsOfOnePageAsTheSame(String one, String other) {
    assertThat(UrlNormalizer.key(one)).isEqualTo(UrlNormalizer.key(other));
  }

  @ParameterizedTest(name = "{0} != {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://example.com/a       | https://example.com/b",
        "https://example.com/A       | https://example.com/a",
        "https://example.com/a?x=1   | https://example.com/a?x=2",
        "https://example.com/a?x=1   | https://example.com/a",
        "https://example.com:8443/a  | https://example.com/a",
        "https://example.com/a?ref=1 | https://example.com/a",
        "https://example.com/a?page=2 | https://example.com/a",
        "https://example.com/a%2Fb   | https://example.com/a/b"
      })
  void keepsDifferentPagesApart(String one, String other) {
    assertThat(UrlNormalizer.key(one)).isNotEqualTo(UrlNormalizer.key(other));
  }

  @Test
  void reducesDoisAndArxivIdsToTheirIdentifiers() {
    assertThat(UrlNormalizer.key("https://doi.org/10.1000/ABC.1")).isEqualTo("doi:10.1000/abc.1");
    assertThat(UrlNormalizer.key("https://dx.doi.org/10.1000/abc.1"))
        .isEqualTo("doi:10.1000/abc.1");
    assertThat(UrlNormalizer.key("https://doi.org/10.1000/a%3Cb%3E")).isEqualTo("doi:10.1000/a<b>");
    assertThat(UrlNormalizer.key("https://arxiv.org/abs/2401.01234v2"))
        .isEqualTo("arxiv:2401.01234");
    assertThat(UrlNormalizer.key("https://arxiv.org/pdf/2401.01234.pdf"))
        .isEqualTo("arxiv:2401.01234");
    assertThat(UrlNormalizer.key("http://export.arxiv.org/abs/2401.01234"))
        .isEqualTo("arxiv:2401.01234");
    assertThat(UrlNormalizer.key("https://arxiv.org/list/cs.AI"))
        .isEqualTo("https://arxiv.org/list/cs.AI");
  }

  @Test
  void keysWhatIsNotAnHttpUrlByItsTrimmedLowerCaseText() {
    assertThat(UrlNormalizer.key(" DOI: 10.1000/X ")).isEqualTo("doi:10.1000/x");
    assertThat(UrlNormalizer.key("Some Title")).isEqualTo("some title");
    assertThat(UrlNormalizer.key("https://example.com/?&")).isEqualTo("https://example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"utm_source", "UTM_Medium", "gclid", "fbclid", "_ga", "pk_kwd", "hsa_ad"})
  void recognisesTrackingParameters(String name) {
    assertThat(UrlNormalizer.isTrackingParameter(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"q", "page", "id", "ref", "utm", "lang"})
  void leavesOrdinaryParametersAlone(String name) {
    assertThat(UrlNormalizer.isTrackingParameter(name)).isFalse();
  }
}
