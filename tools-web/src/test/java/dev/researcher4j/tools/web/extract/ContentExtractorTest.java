package dev.researcher4j.tools.web.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentExtractorTest {

  private final ContentExtractor extractor = ContentExtractor.create();

  private static final String PAGE =
      """
      <html lang="de"><head><title>Wie Moos wächst | Naturblog</title>
      <meta property="og:site_name" content="Naturblog">
      <script type="application/ld+json">
      {"@context":"https://schema.org","@type":"NewsArticle","headline":"Wie Moos wächst",
       "datePublished":"2024-03-02","author":[{"@type":"Person","name":"Jana Berg"},{"name":"Ole Lund"}]}
      </script>
      <style>p { color: red }</style></head>
      <body>
      <header class="site-header"><a href="/">Naturblog</a><ul class="menu"><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul></header>
      <div class="cookie-consent">Diese Seite verwendet Cookies. <button>OK</button></div>
      <div class="ad-slot">Anzeige: Kaufen Sie jetzt günstige Gartenmöbel im Sonderangebot!</div>
      <main>
        <div class="entry-content">
          <h1>Wie Moos wächst</h1>
          <p class="byline">Von Jana Berg</p>
          <p>Moose wachsen langsam, aber stetig, und sie brauchen dafür vor allem Feuchtigkeit,
          Schatten und saubere Luft, wie Forscher in mehreren Studien gezeigt haben.</p>
          <h2>Licht und Wasser</h2>
          <p>Ohne Wasser stellen Moose ihr Wachstum ein, überleben aber oft monatelang, bis der nächste
          Regen kommt, und erholen sich dann erstaunlich schnell.</p>
          <ol><li>Feuchtigkeit halten</li><li>Schatten geben</li></ol>
          <blockquote><p>Moos ist geduldig.</p></blockquote>
          <pre>growth = k * moisture</pre>
          <table><tr><th>Art</th><th>mm/Jahr</th></tr><tr><td>Sternmoos</td><td>5</td></tr></table>
          <p>Mehr dazu in <a href="https://example.org/studie">der Studie</a>.</p>
          <div class="share-buttons"><a href="https://facebook.com/share">Teilen</a> <a href="https://x.com/share">Posten</a></div>
          <figure><img src="moss.jpg"><figcaption>Ein Moospolster im Wald, fotografiert im Herbst.</figcaption></figure>
        </div>
        <section id="comments"><h3>Kommentare</h3><p>Toller Artikel, vielen Dank dafür, ich habe viel über Moose gelernt!</p></section>
      </main>
      <div style="display:none"><p>Versteckter Text, der nie angezeigt wird, auch nicht für Leser.</p></div>
      <footer>Impressum · Datenschutz · © Naturblog</footer>
      </body></html>
      """;

  @Test
  void keepsTheArticleAndDropsTheFurniture() {
    ExtractedContent page = extractor.extract(PAGE, "https://blog.example.de/moos");

    assertThat(page.text())
        .startsWith("Moose wachsen langsam")
        .contains("Licht und Wasser")
        .contains("- Feuchtigkeit halten")
        .contains("Moos ist geduldig.")
        .contains("growth = k * moisture")
        .contains("Sternmoos | 5")
        .contains("Mehr dazu in der Studie.")
        .doesNotContain("Cookies")
        .doesNotContain("Anzeige")
        .doesNotContain("Teilen")
        .doesNotContain("Moospolster")
        .doesNotContain("Toller Artikel")
        .doesNotContain("Versteckter")
        .doesNotContain("Impressum")
        .doesNotContain("Naturblog")
        .doesNotContain("color: red");
  }

  @Test
  void rendersMarkdown() {
    String md = extractor.extract(PAGE, "https://blog.example.de/moos").markdown();

    assertThat(md)
        .contains("## Licht und Wasser")
        .contains("1. Feuchtigkeit halten\n\n2. Schatten geben")
        .contains("> Moos ist geduldig.")
        .contains("```\ngrowth = k \\* moisture\n```".replace("\\*", "*"))
        .contains("| Art | mm/Jahr |\n| --- | --- |\n| Sternmoos | 5 |")
        .contains("[der Studie](https://example.org/studie)");
  }

  @Test
  void readsTitleAndMetadata() {
    ExtractedContent page = extractor.extract(PAGE, "https://blog.example.de/moos");

    assertThat(page.title()).isEqualTo("Wie Moos wächst");
    assertThat(page.metadata().author()).isEqualTo("Jana Berg, Ole Lund");
    assertThat(page.metadata().published()).isEqualTo("2024-03-02");
    assertThat(page.metadata().language()).isEqualTo("de");
    assertThat(page.metadata().siteName()).isEqualTo("Naturblog");
  }

  @Test
  void collectsAbsoluteLinksMarkingThoseInTheArticle() {
    ExtractedContent page = extractor.extract(PAGE, "https://blog.example.de/moos");

    assertThat(page.links())
        .extracting(PageLink::url)
        .containsSubsequence(
            "https://blog.example.de/", "https://blog.example.de/a", "https://example.org/studie");
    assertThat(page.links())
        .filteredOn(PageLink::inMainContent)
        .extracting(PageLink::url)
        .containsExactly("https://example.org/studie");
  }

  @Test
  void fallsBackToTheTitleTagAndHandlesPagesWithoutAnArticle() {
    ExtractedContent page =
        extractor.extract("<html><head><title>Just a title</title></head><body></body></html>", "");

    assertThat(page.title()).isEqualTo("Just a title");
    assertThat(page.text()).isEmpty();
    assertThat(page.metadata()).isEqualTo(PageMetadata.EMPTY);
  }

  @Test
  void readsOldTableLayoutsAndTextSplitByLineBreaks() {
    String html =
        "<html><body><table><tr><td class='menu'><a href='/1'>Eins</a><br><a href='/2'>Zwei</a></td>"
            + "<td>Erster Absatz eines alten Artikels, der mit Zeilenumbrüchen gesetzt wurde, wie früher üblich.<br><br>"
            + "Zweiter Absatz, ebenfalls lang genug, um als Inhalt erkannt zu werden, mit Kommas, Punkten.</td>"
            + "</tr></table></body></html>";

    ExtractedContent page = extractor.extract(html, "");

    assertThat(page.text())
        .contains("Erster Absatz eines alten Artikels")
        .contains("Zweiter Absatz")
        .doesNotContain("Eins");
  }
}
