package dev.researcher4j.tools.web.extract.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;

/**
 * Finds the main content of a parsed page. Works on (and changes) the document it is given.
 *
 * <p>The approach, in order:
 *
 * <ol>
 *   <li>drop what can never be read (scripts, styles, forms controls, hidden elements);
 *   <li>drop page furniture recognised by element ({@code nav}, {@code aside}, {@code footer}) or
 *       by class and id words (comments, sharing, cookie banners, ads, related links…), unless it
 *       holds a large share of the page's text, which means the name lied;
 *   <li>score blocks of running text (length, commas, link density) and credit the score to the
 *       elements that contain them, nearer ancestors more, nudged by class and id words;
 *   <li>take the best-scoring container, widen it when several strong candidates share an ancestor,
 *       and add sibling blocks that look like more of the same article;
 *   <li>inside the result, drop blocks that are mostly links, short furniture and captions.
 * </ol>
 *
 * <p>No rule names a site: every decision comes from the structure and text of the page.
 */
public final class ContentFinder {

  private static final Set<String> FURNITURE_TAGS =
      Set.of("nav", "aside", "footer", "menu", "header");
  private static final Set<String> TEXT_BLOCKS = Set.of("p", "pre", "blockquote", "td", "dd");
  private static final Pattern SENTENCE_END = Pattern.compile(".*[.!?。！？»\"”')]\\s*$");
  private static final double FURNITURE_MAX_SHARE = 0.3;
  private static final int MIN_BLOCK_CHARS = 25;
  private static final int ANCESTOR_LEVELS = 5;

  /** Characters of text past which a byline or caption is no longer one. */
  private static final int LONG_TEXT = 300;

  private ContentFinder() {}

  /**
   * The elements holding the main content, in document order (usually one; several when an article
   * is split over sibling blocks). Empty when the page has no body.
   */
  public static List<Element> find(Document doc) {
    Element body = doc.body();
    if (body == null) {
      return List.of();
    }
    removeNoise(doc);
    TextStats stats = TextStats.of(body);
    removeFurniture(body, stats);
    stats = TextStats.of(body);
    Map<Element, Double> scores = score(body, stats);
    if (scores.isEmpty()) {
      return List.of(body);
    }
    Element top = best(scores, stats);
    top = widen(top, scores, stats, body);
    List<Element> parts = withSiblings(top, scores, stats, body);
    TextStats partStats = TextStats.of(body);
    int total = 0;
    for (Element part : parts) {
      total += partStats.text(part);
    }
    for (Element part : parts) {
      cleanInside(part, partStats, total);
    }
    return parts;
  }

  private static void removeNoise(Document doc) {
    doc.select(Html.NOISE).remove();
    List<Node> comments = new ArrayList<>();
    doc.traverse(
        (node, depth) -> {
          if (node instanceof Comment) {
            comments.add(node);
          }
        });
    comments.forEach(Node::remove);
    for (Element e : doc.select("[hidden], [aria-hidden=true], [style]")) {
      if (e.hasAttr("hidden") || "true".equals(e.attr("aria-hidden")) || hiddenByStyle(e)) {
        e.remove();
      }
    }
  }

  private static boolean hiddenByStyle(Element e) {
    String style = e.attr("style").toLowerCase(Locale.ROOT).replace(" ", "");
    return style.contains("display:none") || style.contains("visibility:hidden");
  }

  private static void removeFurniture(Element body, TextStats stats) {
    int bodyText = Math.max(1, stats.text(body));
    for (Element e : body.select("*")) {
      if (e == body || e.ownerDocument() == null) {
        continue; // body itself, or already removed with an ancestor
      }
      Set<String> words = Hints.words(e);
      boolean furniture =
          FURNITURE_TAGS.contains(e.normalName())
              || "navigation".equals(e.attr("role"))
              || "complementary".equals(e.attr("role"))
              || "contentinfo".equals(e.attr("role"))
              || (Hints.looksLikeBoilerplate(words)
                  && !(Hints.onlyShortFurniture(words)
                      && stats.text(e) > LONG_TEXT
                      && stats.linkDensity(e) < 0.3));
      if (furniture && stats.text(e) < FURNITURE_MAX_SHARE * bodyText) {
        e.remove();
      }
    }
  }

  private static Map<Element, Double> score(Element body, TextStats stats) {
    Map<Element, Double> scores = new IdentityHashMap<>();
    for (Element e : body.select("*")) {
      int inline = inlineTextLength(e, stats);
      boolean textBlock = TEXT_BLOCKS.contains(e.normalName()) || (inline > 0 && !isInline(e));
      if (!textBlock || inline < MIN_BLOCK_CHARS) {
        continue;
      }
      if (stats.linkDensity(e) > 0.5) {
        continue;
      }
      String text = inlineText(e);
      double blockScore = 1 + commas(text) + Math.min(inline / 100.0, 3);
      Element ancestor = TEXT_BLOCKS.contains(e.normalName()) ? e.parent() : e;
      for (int level = 0; ancestor != null && level < ANCESTOR_LEVELS; level++) {
        if (ancestor == body.parent()) {
          break;
        }
        double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
        Element a = ancestor;
        scores.merge(
            a, baseScore(a) + blockScore / divider, (old, add) -> old + blockScore / divider);
        ancestor = ancestor.parent();
      }
    }
    return scores;
  }

  private static double baseScore(Element e) {
    double base =
        switch (e.normalName()) {
          case "div", "article", "main", "section" -> 5;
          case "pre", "td", "blockquote" -> 3;
          case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
          case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
          default -> 0;
        };
    return base + Hints.weight(Hints.words(e));
  }

  private static Element best(Map<Element, Double> scores, TextStats stats) {
    Element top = null;
    double topScore = Double.NEGATIVE_INFINITY;
    for (Map.Entry<Element, Double> entry : scores.entrySet()) {
      double s = entry.getValue() * (1 - stats.linkDensity(entry.getKey()));
      entry.setValue(s);
      if (s > topScore) {
        topScore = s;
        top = entry.getKey();
      }
    }
    return top;
  }

  /**
   * Widens the top candidate to a common ancestor when other strong candidates sit beside it (an
   * article split into several containers), and past wrappers that hold nothing else.
   */
  private static Element widen(
      Element top, Map<Element, Double> scores, TextStats stats, Element body) {
    double topScore = scores.get(top);
    List<Element> strong =
        scores.entrySet().stream()
            .filter(en -> en.getKey() != top && en.getValue() >= 0.75 * topScore)
            .sorted(Map.Entry.<Element, Double>comparingByValue(Comparator.reverseOrder()))
            .limit(5)
            .map(Map.Entry::getKey)
            .filter(e -> !e.parents().contains(top) && !top.parents().contains(e))
            .toList();
    Element result = top;
    if (strong.size() >= 2) {
      for (Element ancestor = top.parent();
          ancestor != null && ancestor != body;
          ancestor = ancestor.parent()) {
        int holds = 0;
        for (Element other : strong) {
          if (other.parents().contains(ancestor)) {
            holds++;
          }
        }
        if (holds >= 2) {
          result = ancestor;
          break;
        }
      }
    }
    while (result.parent() != null
        && result.parent() != body
        && stats.text(result.parent()) <= stats.text(result) * 1.05) {
      result = result.parent();
    }
    return result;
  }

  private static List<Element> withSiblings(
      Element top, Map<Element, Double> scores, TextStats stats, Element body) {
    Element parent = top.parent();
    if (parent == null || top == body) {
      return List.of(top);
    }
    double topScore = scores.getOrDefault(top, 0.0);
    double threshold = Math.max(10, topScore * 0.2);
    List<Element> parts = new ArrayList<>();
    for (Element sibling : parent.children()) {
      if (sibling == top) {
        parts.add(sibling);
        continue;
      }
      double bonus =
          !top.className().isEmpty() && top.className().equals(sibling.className())
              ? topScore * 0.2
              : 0;
      double s = scores.getOrDefault(sibling, Double.NEGATIVE_INFINITY);
      if (s + bonus >= threshold) {
        parts.add(sibling);
        continue;
      }
      Element single = singleParagraph(sibling, stats);
      if (single.nameIs("p") || (!Html.isBlock(single) && !single.nameIs("a"))) {
        int length = stats.text(single);
        double density = stats.linkDensity(single);
        String text = single.text();
        if ((length > 80 && density < 0.25)
            || (length > 0
                && length <= 80
                && density == 0
                && SENTENCE_END.matcher(text).matches())) {
          parts.add(sibling);
        }
      }
    }
    return parts;
  }

  /**
   * The paragraph a wrapper holds when it holds nothing else ({@code <div class="par"><p>…</p>
   * </div>}), so a run of wrapped paragraphs is judged like a run of paragraphs; else {@code e}.
   */
  private static Element singleParagraph(Element e, TextStats stats) {
    Element current = e;
    while ((current.nameIs("div") || current.nameIs("section"))
        && current.childrenSize() == 1
        && stats.text(current.child(0)) == stats.text(current)) {
      current = current.child(0);
    }
    return current;
  }

  /** Drops what is left of the furniture inside the chosen content. */
  private static void cleanInside(Element part, TextStats stats, int total) {
    part.select("figure, figcaption").remove();
    Elements all = part.select("*");
    for (int i = all.size() - 1; i >= 0; i--) {
      Element e = all.get(i);
      if (e == part || e.ownerDocument() == null) {
        continue;
      }
      int text = stats.text(e);
      double density = stats.linkDensity(e);
      String name = e.normalName();
      boolean drop;
      if (Html.HEADINGS.contains(name)) {
        drop = density > 0.5;
      } else if (name.equals("p")) {
        drop = density > 0.6;
      } else if (name.equals("ul") || name.equals("ol")) {
        int items = e.select("li").size();
        drop = items > 0 && density > 0.5 && (double) text / items < 80 && text < 0.25 * total;
      } else if (name.equals("table")
          || name.equals("div")
          || name.equals("section")
          || name.equals("span")
          || name.equals("dl")) {
        drop =
            text < 0.25 * total
                && (density > 0.5
                    || (Hints.looksLikeBoilerplate(Hints.words(e)) && text < 0.6 * total));
      } else {
        drop = false;
      }
      if (drop) {
        e.remove();
      }
    }
  }

  private static boolean isInline(Element e) {
    return !Html.isBlock(e);
  }

  /** Length of the text directly in {@code e}: its text nodes and inline children, not blocks. */
  private static int inlineTextLength(Element e, TextStats stats) {
    int n = 0;
    for (Node child : e.childNodes()) {
      if (child instanceof TextNode t) {
        n += TextStats.visibleLength(t.getWholeText());
      } else if (child instanceof Element c && !Html.isBlock(c)) {
        n += stats.text(c);
      }
    }
    return n;
  }

  private static String inlineText(Element e) {
    StringBuilder sb = new StringBuilder();
    for (Node child : e.childNodes()) {
      if (child instanceof TextNode t) {
        sb.append(t.getWholeText());
      } else if (child instanceof Element c && !Html.isBlock(c)) {
        sb.append(c.text());
      }
    }
    return sb.toString();
  }

  private static int commas(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '，' || c == '、' || c == '،' || c == '､') {
        n++;
      }
    }
    return n;
  }
}
