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

  @Test
  void readsEachByteOrderMarkAndOnlyAWholeOne() {
    byte[] utf8 = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, 'h', 'i'};
    byte[] be = {(byte) 0xfe, (byte) 0xff, 0, 'h', 0, 'i'};
    byte[] le = {(byte) 0xff, (byte) 0xfe, 'h', 0, 'i', 0};

    assertThat(CharsetDetector.decode(utf8, "windows-1252").text()).isEqualTo("hi");
    assertThat(CharsetDetector.decode(utf8, null).source()).isEqualTo("bom");
    assertThat(CharsetDetector.decode(be, null).text()).isEqualTo("hi");
    assertThat(CharsetDetector.decode(be, null).charset()).isEqualTo(StandardCharsets.UTF_16BE);
    assertThat(CharsetDetector.decode(le, null).text()).isEqualTo("hi");
    assertThat(CharsetDetector.decode(le, null).charset()).isEqualTo(StandardCharsets.UTF_16LE);
    // only the mark itself: an empty text
    assertThat(CharsetDetector.decode(new byte[] {(byte) 0xfe, (byte) 0xff}, null).text())
        .isEmpty();
    assertThat(CharsetDetector.decode(new byte[] {(byte) 0xff, (byte) 0xfe}, null).text())
        .isEmpty();
    byte[] bomOnly = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    assertThat(CharsetDetector.decode(bomOnly, null).source()).isEqualTo("bom");
    // a mark cut short is no mark
    assertThat(CharsetDetector.decode(new byte[] {(byte) 0xef, (byte) 0xbb}, null).source())
        .isNotEqualTo("bom");
    assertThat(CharsetDetector.decode(new byte[] {(byte) 0xfe}, null).source()).isNotEqualTo("bom");
    assertThat(CharsetDetector.decode(new byte[] {(byte) 0xff}, null).source()).isNotEqualTo("bom");
    assertThat(CharsetDetector.decode(new byte[] {(byte) 0xef, (byte) 0xbb, 'x'}, null).source())
        .isNotEqualTo("bom");
    assertThat(CharsetDetector.decode(new byte[] {(byte) 0xef, 'x', (byte) 0xbf}, null).source())
        .isNotEqualTo("bom");
    assertThat(CharsetDetector.decode(new byte[] {(byte) 0xfe, 'x'}, null).source())
        .isNotEqualTo("bom");
    assertThat(CharsetDetector.decode(new byte[] {(byte) 0xff, 'x'}, null).source())
        .isNotEqualTo("bom");
    assertThat(CharsetDetector.decode(new byte[] {'x', (byte) 0xfe}, null).source())
        .isNotEqualTo("bom");
    assertThat(CharsetDetector.decode(new byte[0], null).text()).isEmpty();
  }

  @Test
  void ignoresAUtf16DeclarationOnAPageThatIsNotUtf16() {
    byte[] page = "<meta charset=utf-16><p>Grüße</p>".getBytes(StandardCharsets.UTF_8);

    CharsetDetector.Decoded byHeader = CharsetDetector.decode(page, "utf-16");
    CharsetDetector.Decoded byMeta = CharsetDetector.decode(page, null);

    assertThat(byHeader.text()).contains("Grüße");
    assertThat(byHeader.source()).isNotEqualTo("header");
    assertThat(byMeta.text()).contains("Grüße");
    assertThat(byMeta.charset()).isEqualTo(StandardCharsets.UTF_8);
  }

  @Test
  void correctsAMetaDeclarationOnlyForNonAsciiUtf8() {
    byte[] ascii = "<meta charset=windows-1252><p>plain</p>".getBytes(StandardCharsets.UTF_8);
    byte[] gbk =
        "<meta charset=gb2312><p>\u8c37\u6b4c\u5fae\u535a</p>".getBytes(StandardCharsets.UTF_8);
    byte[] latin = "<meta charset=iso-8859-2><p>Grüße</p>".getBytes(StandardCharsets.UTF_8);
    byte[] realGbk =
        "<meta charset=gb2312><p>\u8c37\u6b4c\u5fae\u535a</p>".getBytes(Charset.forName("GB18030"));

    assertThat(CharsetDetector.decode(ascii, null).source()).isEqualTo("meta");
    assertThat(CharsetDetector.decode(gbk, null).source()).isEqualTo("meta-corrected");
    assertThat(CharsetDetector.decode(gbk, null).text()).contains("\u8c37\u6b4c\u5fae\u535a");
    assertThat(CharsetDetector.decode(latin, null).source()).isEqualTo("meta-corrected");
    assertThat(CharsetDetector.decode(latin, null).text()).contains("Grüße");
    assertThat(CharsetDetector.decode(realGbk, null).source()).isEqualTo("meta");
    assertThat(CharsetDetector.decode(realGbk, null).text()).contains("\u8c37\u6b4c\u5fae\u535a");
  }

  @Test
  void readsAnXmlDeclarationAndAHeaderCharset() {
    byte[] xml =
        "<?xml version=\"1.0\" encoding=\"windows-1251\"?><a>\u041c\u043e\u0445</a>"
            .getBytes(Charset.forName("windows-1251"));

    CharsetDetector.Decoded d = CharsetDetector.decode(xml, null);

    assertThat(d.source()).isEqualTo("xml");
    assertThat(d.text()).contains("\u041c\u043e\u0445");
    assertThat(CharsetDetector.decode("x".getBytes(StandardCharsets.UTF_8), "koi8-r").source())
        .isEqualTo("header");
    assertThat(CharsetDetector.decode("x".getBytes(StandardCharsets.UTF_8), "bogus").source())
        .isEqualTo("sniffed");
  }

  @Test
  void acceptsUtf8CutAtAnyPointOfASequenceButNotBrokenUtf8() {
    byte[] four = "a\ud83d\ude00".getBytes(StandardCharsets.UTF_8); // a + 4-byte emoji
    for (int cut = 1; cut <= 3; cut++) {
      byte[] cutShort = java.util.Arrays.copyOf(four, four.length - cut);
      assertThat(sniffedAsUtf8(CharsetDetector.decode(cutShort, null)))
          .as("cut by %d", cut)
          .isTrue();
    }
    byte[] brokenInside = {'a', (byte) 0xc3, 'b', 'c'};
    byte[] strayContinuation = {'a', 'b', (byte) 0x80};
    byte[] badLead = {'a', (byte) 0xff};
    byte[] twoBadEnds = {(byte) 0xc3, 'x', (byte) 0xc3};

    for (byte[] broken : java.util.List.of(brokenInside, strayContinuation, badLead, twoBadEnds)) {
      assertThat(sniffedAsUtf8(CharsetDetector.decode(broken, null))).isFalse();
    }
  }

  @Test
  void validatesLongUtf8BodiesWithoutMistakes() {
    String text = "Grüße aus Zürich, ".repeat(2000) + "\u6f22\u5b57";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    bytes[bytes.length - 1] = (byte) 0x41; // break the last sequence: no longer UTF-8

    assertThat(CharsetDetector.decode(text.getBytes(StandardCharsets.UTF_8), null).text())
        .isEqualTo(text);
    assertThat(sniffedAsUtf8(CharsetDetector.decode(bytes, null))).isFalse();
  }

  /** Whether the bytes passed as valid UTF-8 (not whether a detector guessed UTF-8). */
  private static boolean sniffedAsUtf8(CharsetDetector.Decoded d) {
    return d.source().equals("sniffed") && d.charset().equals(StandardCharsets.UTF_8);
  }

  @Test
  void fallsBackToWindows1252WhenTheDetectorCannotTell() {
    byte[] noise = {'a', (byte) 0x80, 'b'};

    CharsetDetector.Decoded d = CharsetDetector.decode(noise, null);

    assertThat(d.charset()).isEqualTo(Charset.forName("windows-1252"));
    assertThat(d.text()).isEqualTo("a\u20acb");
  }
}
