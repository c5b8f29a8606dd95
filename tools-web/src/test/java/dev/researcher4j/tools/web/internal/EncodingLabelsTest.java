package dev.researcher4j.tools.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EncodingLabelsTest {

  @ParameterizedTest
  @CsvSource({
    "shift_jis, windows-31j",
    "Shift_JIS, windows-31j",
    "x-sjis, windows-31j",
    "ms_kanji, windows-31j",
    "euc-kr, x-windows-949",
    "ks_c_5601-1987, x-windows-949",
    "gb2312, GB18030",
    "GBK, GB18030",
    "x-gbk, GB18030",
    "gb18030, GB18030",
    "big5, Big5-HKSCS",
    "iso-8859-1, windows-1252",
    "latin1, windows-1252",
    "us-ascii, windows-1252",
    "iso-8859-9, windows-1254",
    "tis-620, x-windows-874",
    "iso-8859-8-i, ISO-8859-8",
    "koi8-ru, KOI8-U",
    "x-mac-roman, x-MacRoman",
    "euc-jp, EUC-JP",
    "utf8, UTF-8",
    "unicode-1-1-utf-8, UTF-8",
    "utf-16, UTF-16LE",
    "cp1251, windows-1251",
    "iso-8859-15, ISO-8859-15"
  })
  void mapsLabelsToTheCharsetBrowsersDecodeWith(String label, String charset) {
    assertThat(EncodingLabels.charsetFor(label)).contains(Charset.forName(charset));
  }

  @ParameterizedTest
  @ValueSource(strings = {" \tShift_JIS\n", "SHIFT_JIS", "Windows-1252 "})
  void ignoresAsciiCaseAndSurroundingWhitespace(String label) {
    assertThat(EncodingLabels.charsetFor(label)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "iso-2022-kr",
        "hz-gb-2312",
        "replacement",
        "x-user-defined",
        "utf-7",
        "no-such-charset",
        "",
        "shift jis"
      })
  void givesNothingForReplacementUnknownAndUndecodableLabels(String label) {
    assertThat(EncodingLabels.charsetFor(label)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void givesNothingForNull() {
    assertThat(EncodingLabels.charsetFor(null)).isEmpty();
  }
}
