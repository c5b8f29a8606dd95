package dev.researcher4j.tools.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CharsetDetectorTest {

  @Test
  void prefersAByteOrderMarkToEverythingElse() {
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    byte[] text = "<meta charset=windows-1252>Grüße".getBytes(StandardCharsets.UTF_8);
    byte[] both = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, both, 0, 3);
    System.arraycopy(text, 0, both, 3, text.length);

    CharsetDetector.Decoded d = CharsetDetector.decode(both, "iso-8859-1");

    assertThat(d.source()).isEqualTo("bom");
    assertThat(d.text()).endsWith("Grüße");
  }

  @Test
  void readsLatin1AsWindows1252LikeBrowsers() {
    byte[] bytes = "<p>\u201cquoted\u201d</p>".getBytes(Charset.forName("windows-1252"));

    CharsetDetector.Decoded d = CharsetDetector.decode(bytes, "ISO-8859-1");

    assertThat(d.charset()).isEqualTo(Charset.forName("windows-1252"));
    assertThat(d.text()).isEqualTo("<p>\u201cquoted\u201d</p>");
  }

  @Test
  void correctsASingleByteMetaTagOnAPageWhoseBytesAreUtf8() {
    byte[] bytes =
        "<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-15'><p>kilómetros</p>"
            .getBytes(StandardCharsets.UTF_8);

    CharsetDetector.Decoded d = CharsetDetector.decode(bytes, null);

    assertThat(d.source()).isEqualTo("meta-corrected");
    assertThat(d.text()).contains("kilómetros");
  }

  @Test
  void sniffsUtf8OrFallsBackToWindows1252WithoutAnyDeclaration() {
    assertThat(CharsetDetector.decode("Zürich".getBytes(StandardCharsets.UTF_8), null).text())
        .isEqualTo("Zürich");
    assertThat(CharsetDetector.decode("Zürich".getBytes(StandardCharsets.ISO_8859_1), null).text())
        .isEqualTo("Zürich");
  }

  @Test
  void toleratesAUtf8SequenceCutByTheSizeLimit() {
    byte[] full = "Привет".getBytes(StandardCharsets.UTF_8);
    byte[] cut = java.util.Arrays.copyOf(full, full.length - 1);

    assertThat(CharsetDetector.decode(cut, null).charset()).isEqualTo(StandardCharsets.UTF_8);
  }

  @Test
  void detectsTheCharsetOfUndeclaredNonUtf8Text() {
    String russian =
        "Мох растёт быстрее в городах, показало трёхлетнее исследование крыш, проведённое"
            + " учёными в шести городах страны; азот в воздухе ускоряет рост.";
    String japanese = "苔は都市部でより速く成長することが、六つの都市の屋上で三年間行われた調査で分かった。" + "研究者は空気中の窒素が原因の一つだと考えている。";

    CharsetDetector.Decoded cyrillic =
        CharsetDetector.decode(russian.getBytes(Charset.forName("windows-1251")), null);
    CharsetDetector.Decoded sjis =
        CharsetDetector.decode(japanese.getBytes(Charset.forName("windows-31j")), null);

    assertThat(cyrillic.text()).isEqualTo(russian);
    assertThat(cyrillic.source()).isEqualTo("detected");
    assertThat(sjis.text()).isEqualTo(japanese);
    assertThat(sjis.charset()).isEqualTo(Charset.forName("windows-31j"));
  }

  @Test
  void readsHeaderAndMetaLabelsAsBrowsersDo() {
    byte[] nec = "①㈱".getBytes(Charset.forName("windows-31j"));
    byte[] korean = "똠방각하".getBytes(Charset.forName("x-windows-949"));

    assertThat(CharsetDetector.decode(nec, "Shift_JIS").text()).isEqualTo("①㈱");
    assertThat(CharsetDetector.decode(korean, "euc-kr").text()).isEqualTo("똠방각하");
    String meta = "<meta charset=\"gb2312\"><p>" + "\u9555" + "</p>";
    assertThat(CharsetDetector.decode(meta.getBytes(Charset.forName("GB18030")), null).text())
        .contains("\u9555");
  }
}
