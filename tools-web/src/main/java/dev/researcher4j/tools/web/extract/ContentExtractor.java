package dev.researcher4j.tools.web.extract;

import dev.researcher4j.tools.web.extract.internal.BlockRenderer;
import dev.researcher4j.tools.web.extract.internal.BlockRenderer.Block;
import dev.researcher4j.tools.web.extract.internal.ContentFinder;
import dev.researcher4j.tools.web.extract.internal.MetadataReader;
import dev.researcher4j.tools.web.extract.internal.VisibleText;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Extracts the main content of an HTML page: the article text without navigation, ads, cookie
 * banners, comments, related links and footers, plus the title, links and metadata.
 *
 * <pre>{@code
 * ExtractedContent page = ContentExtractor.create().extract(html, "https://example.org/post");
 * System.out.println(page.title());
 * System.out.println(page.text());
 * }</pre>
 *
 * <p>jsoup parses the HTML; deciding what is main content is this class's own work (see the package
 * documentation for how it is measured). Extraction is total: no input makes it throw. A page whose
 * main content cannot be found (nothing looks like an article, or the page breaks the extractor)
 * comes back with its whole visible text and a {@link ExtractedContent#fallback() fallback} reason
 * saying so. Stateless and thread-safe: share one instance.
 */
public final class ContentExtractor {

  private ContentExtractor() {}

  /** An extractor. */
  public static ContentExtractor create() {
    return new ContentExtractor();
  }

  /**
   * Extracts the main content of {@code html}.
   *
   * @param html the page's HTML, already decoded to text
   * @param baseUrl the page's address, used to make links absolute (may be empty)
   */
  public ExtractedContent extract(String html, String baseUrl) {
    Objects.requireNonNull(html, "html");
    String base = baseUrl == null ? "" : baseUrl;
    try {
      return extractOrThrow(Jsoup.parse(html, base), () -> Jsoup.parse(html, base));
    } catch (RuntimeException | StackOverflowError e) {
      return fallback(() -> Jsoup.parse(html, base), e);
    }
  }

  /**
   * Extracts the main content of an already parsed document; the document is changed. When
   * extraction fails the fallback text is what is left of the document's visible text.
   */
  public ExtractedContent extract(Document doc) {
    Objects.requireNonNull(doc, "doc");
    try {
      return extractOrThrow(doc, () -> doc);
    } catch (RuntimeException | StackOverflowError e) {
      return fallback(() -> doc, e);
    }
  }

  private static ExtractedContent fallback(Supplier<Document> doc, Throwable cause) {
    String reason =
        "the main content could not be extracted ("
            + cause.getClass().getSimpleName()
            + "); this is the page's whole visible text";
    try {
      Document d = doc.get();
      String text = d.body() == null ? "" : VisibleText.of(d.body());
      String title = "";
      try {
        title = MetadataReader.title(d);
      } catch (RuntimeException | StackOverflowError e) {
        cause.addSuppressed(e);
      }
      return new ExtractedContent(title, text, text, List.of(), PageMetadata.EMPTY, reason);
    } catch (RuntimeException | StackOverflowError e) {
      return new ExtractedContent(
          "",
          "",
          "",
          List.of(),
          PageMetadata.EMPTY,
          "the page could not be read as HTML (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * The main content of {@code doc}; {@code original} gives the page again, unchanged where it can,
   * for its visible text when nothing looks like main content.
   */
  private static ExtractedContent extractOrThrow(Document doc, Supplier<Document> original) {
    PageMetadata metadata = MetadataReader.read(doc);
    String title = MetadataReader.title(doc);
    List<Map.Entry<Element, String>> anchors = new ArrayList<>();
    for (Element a : doc.select("a[href]")) {
      anchors.add(Map.entry(a, a.absUrl("href")));
    }
    List<Element> parts = ContentFinder.find(doc);
    Map<String, PageLink> links = links(anchors, parts);
    List<Block> blocks = new ArrayList<>(BlockRenderer.render(parts));
    dropLeadingTitle(blocks, title);
    blocks.removeIf(b -> isFurnitureLine(b.text()));
    StringBuilder text = new StringBuilder();
    StringBuilder markdown = new StringBuilder();
    for (Block b : blocks) {
      if (text.length() > 0) {
        text.append("\n\n");
        markdown.append("\n\n");
      }
      text.append(b.text());
      markdown.append(b.markdown());
    }
    if (text.toString().isBlank()) {
      // nothing looked like an article (an index page, a form): give all the visible text
      Document page = original.get();
      String visible = page.body() == null ? "" : VisibleText.of(page.body());
      if (visible.isBlank()) {
        return new ExtractedContent(title, "", "", List.copyOf(links.values()), metadata);
      }
      return new ExtractedContent(
          title,
          visible,
          visible,
          List.copyOf(links.values()),
          metadata,
          "no block of the page looks like main content; this is the page's whole visible text");
    }
    if (parts.size() == 1 && parts.get(0) == doc.body()) {
      return new ExtractedContent(
          title,
          text.toString(),
          markdown.toString(),
          List.copyOf(links.values()),
          metadata,
          "no block of the page looks like main content; this is the page's text without its"
              + " navigation and furniture");
    }
    return new ExtractedContent(
        title, text.toString(), markdown.toString(), List.copyOf(links.values()), metadata);
  }

  private static Map<String, PageLink> links(
      List<Map.Entry<Element, String>> anchors, List<Element> parts) {
    Map<Element, Boolean> inContent = new IdentityHashMap<>();
    for (Element part : parts) {
      for (Element a : part.select("a[href]")) {
        inContent.put(a, true);
      }
    }
    Map<String, PageLink> links = new LinkedHashMap<>();
    for (Map.Entry<Element, String> entry : anchors) {
      String url = entry.getValue();
      String lower = url.toLowerCase(Locale.ROOT);
      if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
        continue;
      }
      int hash = url.indexOf('#');
      String key = hash < 0 ? url : url.substring(0, hash);
      boolean content = inContent.containsKey(entry.getKey());
      PageLink existing = links.get(key);
      if (existing == null || (content && !existing.inMainContent())) {
        String text = entry.getKey().text().strip();
        links.put(
            key,
            new PageLink(
                key, text.isEmpty() && existing != null ? existing.text() : text, content));
      }
    }
    return links;
  }

  /**
   * Short lines that are page furniture whatever the markup around them: comment and share prompts,
   * "about the author" headings, "posted in" and "filed under" lines, "continue reading" links.
   */
  private static final Pattern FURNITURE_LINE =
      Pattern.compile(
          "(?iu)^(?:[-*•]\\s*)?(?:leave a (?:comment|reply)|no comments(?: yet)?|\\d+ comments?|"
              + "comments?(?: \\(\\d+\\))?|about the author|share this(?: article| story| post)?|"
              + "related (?:posts|articles|stories)|posted in\\b.*|filed under\\b.*|"
              + "continue reading|read more|click here\\b.*|advertisement|sign up for\\b.*|"
              + "subscribe to\\b.*|follow us\\b.*)\\W*$");

  /** Most characters a block may have to count as a furniture line. */
  private static final int FURNITURE_LINE_CHARS = 80;

  private static boolean isFurnitureLine(String text) {
    return text.length() <= FURNITURE_LINE_CHARS && FURNITURE_LINE.matcher(text.strip()).matches();
  }

  private static void dropLeadingTitle(List<Block> blocks, String title) {
    String t = normalise(title);
    while (!blocks.isEmpty()) {
      Block first = blocks.get(0);
      String b = normalise(first.text());
      boolean isTitle =
          first.kind() == BlockRenderer.Kind.HEADING
              && !b.isEmpty()
              && (t.contains(b) || b.contains(t) && !t.isEmpty());
      if (!isTitle) {
        return;
      }
      blocks.remove(0);
    }
  }

  private static String normalise(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[\\s\\p{Punct}]+", " ").strip();
  }
}
