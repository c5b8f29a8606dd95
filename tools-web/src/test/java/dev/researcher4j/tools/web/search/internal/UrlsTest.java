package dev.researcher4j.tools.web.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsTest {

  private static final HttpUrl DDG_PAGE = HttpUrl.get("https://html.duckduckgo.com/html/");

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
}
