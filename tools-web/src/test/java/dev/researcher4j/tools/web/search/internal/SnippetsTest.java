package dev.researcher4j.tools.web.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnippetsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "A <strong>printing press</strong> is | A printing press is",
        "benchmarks &amp; caveats              | benchmarks & caveats",
        "async-std vs tokio &#x2014; pick     | async-std vs tokio — pick",
        "'  two\n lines\tand   spaces '       | two lines and spaces",
        "1 < 2 and 3 > 2                      | 1 < 2 and 3 > 2",
        "NULL                                 | ''"
      })
  void makesPlainTextOnOneLine(String text, String expected) {
    assertThat(Snippets.plain(text)).isEqualTo(expected);
  }
}
