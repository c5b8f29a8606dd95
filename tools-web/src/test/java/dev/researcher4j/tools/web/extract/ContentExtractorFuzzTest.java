package dev.researcher4j.tools.web.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.jsoup.nodes.Document;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

/**
 * No input makes extraction throw: generated pages of random markup (malformed, truncated, deeply
 * nested, with huge attributes and text nodes, empty inline elements at block edges, right-to-left,
 * zero-width and combining characters, surrogate pairs cut in half, odd entities). Try counts are
 * kept small so the whole class runs in a few seconds.
 */
class ContentExtractorFuzzTest {

  private static final List<String> INLINE =
      List.of("b", "i", "em", "strong", "a", "span", "code", "kbd", "font", "u", "small");
  private static final List<String> BLOCK =
      List.of(
          "p",
          "div",
          "section",
          "article",
          "li",
          "ul",
          "ol",
          "blockquote",
          "pre",
          "h1",
          "h3",
          "table",
          "tr",
          "td",
          "th",
          "dl",
          "dd",
          "figure",
          "figcaption",
          "nav",
          "aside",
          "form",
          "main",
          "header",
          "footer",
          "br",
          "hr");
  private static final List<String> TEXTS =
      List.of(
          "Moss grows slowly, steadily and quietly in the shade, as studies have shown.",
          "مرحبا بالعالم، هذا نص عربي طويل بما يكفي ليبدو كفقرة.",
          "שלום עולם\u200f עם סימני כיוון\u202e הפוכים\u202c",
          "zero\u200bwidth\u200c\u200djoiners\ufeff",
          "e\u0301\u0301\u0301 combining a\u0308\u0323 marks",
          "half \ud83d surrogate \ude00 pair \ud83d\ude00",
          "&amp;&lt;&gt;&#0;&#x110000;&#xD800;&nbsp;&unknown;&#;&#x;&",
          "   \n\t  ",
          "",
          "漢字かなカナ、句読点。改行\n",
          "*_`[]\\ markdown ( ) | pipes");

  private final ContentExtractor extractor = ContentExtractor.create();

  @Property(tries = 300)
  void neverThrowsOnRandomMarkup(@ForAll("pages") String html) {
    ExtractedContent page = extractor.extract(html, "https://example.org/a");

    assertThat(page).isNotNull();
    assertThat(page.text()).isNotNull();
  }

  @Property(tries = 200)
  void neverThrowsOnTruncatedPages(
      @ForAll("pages") String html, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
    String truncated = html.substring(0, Math.min(cut, html.length()));

    assertThat(extractor.extract(truncated, "").text()).isNotNull();
  }

  @Property(tries = 200)
  void neverThrowsOnArbitraryStrings(@ForAll String noise) {
    assertThat(extractor.extract(noise, "not a url").text()).isNotNull();
  }

  @Test
  void survivesTenThousandDeepNesting() {
    for (String tag : List.of("div", "b", "li", "table", "a", "blockquote")) {
      String html =
          "<body>"
              + ("<" + tag + ">").repeat(10_000)
              + "deep text, long enough to count as a paragraph of content"
              + ("</" + tag + ">").repeat(10_000);

      ExtractedContent page = extractor.extract(html, "");

      assertThat(page.text()).as(tag).contains("deep text");
    }
  }

  @Test
  void survivesHugeAttributesAndTextNodes() {
    String huge = "x".repeat(2_000_000);
    String html =
        "<body><div class=\""
            + huge
            + "\" style=\""
            + huge
            + "\"><p>"
            + "word ".repeat(400_000)
            + "</p></div>";

    ExtractedContent page = extractor.extract(html, "");

    assertThat(page.text()).startsWith("word word");
  }

  @Test
  void keepsTextAroundBlocksInsideInlineElements() {
    // the cause of StringIndexOutOfBoundsException in BlockRenderer.inline: a block inside <b>
    String html =
        "<body><article><p>Before the quote, long enough to be read as running text of the"
            + " article.</p><b>x<div>y</div></b><a href='https://e.org/'>z<p>in a link</p></a>"
            + "<i><p></p></i></article>";

    ExtractedContent page = extractor.extract(html, "");

    assertThat(page.isFallback()).isFalse();
    assertThat(page.text()).contains("Before the quote").contains("x").contains("y");
  }

  @Test
  void fallsBackToVisibleTextAndSaysSoWhenNothingLooksLikeAnArticle() {
    ExtractedContent page =
        extractor.extract("<body><a href='/a'>Home</a> <a href='/b'>About</a></body>", "");

    assertThat(page.isFallback()).isTrue();
    assertThat(page.fallback()).contains("no block of the page looks like main content");
    assertThat(page.text()).contains("Home").contains("About");
  }

  @Test
  void fallsBackToVisibleTextAndSaysWhyWhenExtractionBreaks() {
    Document broken =
        new Document("") {
          @Override
          public Elements select(String cssQuery) {
            throw new IllegalStateException("selector engine broke");
          }
        };
    broken.appendElement("html").appendElement("body").appendElement("p").text("Visible words");

    ExtractedContent page = extractor.extract(broken);

    assertThat(page.isFallback()).isTrue();
    assertThat(page.fallback())
        .isEqualTo(
            "the main content could not be extracted (IllegalStateException); this is the"
                + " page's whole visible text");
    assertThat(page.text()).isEqualTo("Visible words");
  }

  @Test
  void categoryAndTagClassesDoNotMakeAnArticleFurniture() {
    String paragraph =
        "<p>Like any professional industry, social media discussions can become confrontational,"
            + " and that is what happened this week, when one column answered another.</p>";
    String html =
        "<body><div class=\"entry entry-category-social_media tag-comments\">"
            + paragraph.repeat(3)
            + "</div><div class=\"sidebar\"><p>Archives, links and a long list of friends of the"
            + " blog, many of them, in a column that is not the article.</p></div>";

    ExtractedContent page = extractor.extract(html, "");

    assertThat(page.text()).contains("Like any professional industry").doesNotContain("Archives");
  }

  @Test
  void aBylineThatHoldsTheWholeArticleIsKeptButAShortOneIsDropped() {
    String story =
        "When a story breaks, the news page is designed to give you the most relevant articles,"
            + " from national outlets to local points of view and expert opinion pieces. ";
    String html =
        "<body><div class=\"post-body\"><p class=\"byline\">By Ada Fern, staff writer</p>"
            + "<span class=\"byline-author\"><b>Posted by Scott, product manager<br>"
            + story.repeat(4)
            + "</b></span></div>";

    ExtractedContent page = extractor.extract(html, "");

    assertThat(page.text()).contains("When a story breaks").doesNotContain("staff writer");
  }

  @Test
  void dropsShortFurnitureLinesWhateverTheirMarkup() {
    String paragraph =
        "<p>Moss grows slowly, steadily and quietly in the shade, as several studies have shown"
            + " over the years, and faster in cities.</p>";
    String html =
        "<body><article>"
            + paragraph.repeat(3)
            + "<p>No comments yet.</p><p>Leave a comment</p><h3>About the author...</h3>"
            + "<p>Posted in Gardening, Moss</p><p>Comments about moss are welcome here, and they"
            + " are read.</p></article>";

    ExtractedContent page = extractor.extract(html, "");

    assertThat(page.text())
        .contains("Moss grows slowly")
        .contains("Comments about moss are welcome here")
        .doesNotContain("No comments yet")
        .doesNotContain("Leave a comment")
        .doesNotContain("About the author")
        .doesNotContain("Posted in");
  }

  @Provide
  Arbitrary<String> pages() {
    Arbitrary<String> fragment =
        Arbitraries.oneOf(
            Arbitraries.of(TEXTS),
            Arbitraries.of(INLINE).map(t -> "<" + t + ">"),
            Arbitraries.of(INLINE).map(t -> "</" + t + ">"),
            Arbitraries.of(INLINE).map(t -> "<" + t + "></" + t + ">"),
            Arbitraries.of(BLOCK).map(t -> "<" + t + ">"),
            Arbitraries.of(BLOCK).map(t -> "</" + t + ">"),
            Combinators.combine(Arbitraries.of(BLOCK), Arbitraries.of("class", "id", "style"))
                .as((t, a) -> "<" + t + " " + a + "=\"comment share article-body display:none\">"),
            Arbitraries.of(
                "<a href=\"https://example.org/x\">",
                "<a href=\"javascript:alert(1)\">",
                "<a href='mailto:'>",
                "<!--",
                "-->",
                "<![CDATA[",
                "<script>",
                "</script>",
                "<style>p{}</style>",
                "<",
                ">",
                "</>",
                "<p <p>",
                "<div hidden>",
                "<span aria-hidden=true>",
                "<td colspan=9999999999>",
                "<ol start=-5><li>",
                "<img src=x>",
                "<svg><p>in svg</p></svg>",
                "<math><mi>",
                "<template><p>t</p>",
                "<table><tr><td>a<td>b<tr><td>c</table>",
                "<select><option>",
                "<pre>",
                "<h2>",
                "<br/>",
                "&#x1F600;",
                "\u0000",
                "\r\n"),
            Arbitraries.strings().ofMaxLength(20));
    return fragment.list().ofMaxSize(80).map(list -> "<html><body>" + String.join("", list));
  }
}
