package dev.researcher4j.tools.web.extract.internal;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Text and link-text lengths of every element under a root, computed in one pass so scoring does
 * not re-walk subtrees. Lengths count non-whitespace characters, so markup indentation does not
 * count as text. A snapshot: recompute after changing the tree.
 */
final class TextStats {

  private final Map<Element, int[]> stats = new IdentityHashMap<>();

  private TextStats() {}

  static TextStats of(Element root) {
    TextStats s = new TextStats();
    s.walk(root, false);
    return s;
  }

  private int[] walk(Element e, boolean inLink) {
    boolean link = inLink || e.nameIs("a");
    int text = 0;
    int linkText = 0;
    for (Node child : e.childNodes()) {
      if (child instanceof TextNode t) {
        int n = visibleLength(t.getWholeText());
        text += n;
        if (link) {
          linkText += n;
        }
      } else if (child instanceof Element c) {
        int[] sub = walk(c, link);
        text += sub[0];
        linkText += sub[1];
      }
    }
    int[] result = {text, linkText};
    stats.put(e, result);
    return result;
  }

  static int visibleLength(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isWhitespace(c) && c != '\u00a0') {
        n++;
      }
    }
    return n;
  }

  /** Characters of text in {@code e} (0 for elements added after the snapshot). */
  int text(Element e) {
    int[] s = stats.get(e);
    return s == null ? 0 : s[0];
  }

  /** Characters of text in links inside {@code e}. */
  int linkText(Element e) {
    int[] s = stats.get(e);
    return s == null ? 0 : s[1];
  }

  /** Share of {@code e}'s text that sits in links, 0 when it has no text. */
  double linkDensity(Element e) {
    int t = text(e);
    return t == 0 ? 0 : (double) linkText(e) / t;
  }
}
