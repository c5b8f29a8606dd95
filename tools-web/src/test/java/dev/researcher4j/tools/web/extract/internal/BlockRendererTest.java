package dev.researcher4j.tools.web.extract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockRendererTest {

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "plain words            | plain words",
        "'  two   spaces  '     | ' two spaces '",
        "'a\\tb\\nc'            | 'a\\tb\\nc'",
        "'zero\u200bwidth'      | zerowidth",
        "'bom\ufeff here'       | 'bom here'",
        "'no\u00a0break'        | 'no break'",
        "'a \u200b b'           | 'a b'",
        "''                     | ''"
      })
  void collapsesWhiteSpaceAndDropsZeroWidthCharacters(String in, String out) {
    String input = in.replace("\\t", "\t").replace("\\n", "\n");
    String expected = out.replace("\\t", " ").replace("\\n", " ");

    assertThat(BlockRenderer.collapse(input)).isEqualTo(expected);
  }
}
