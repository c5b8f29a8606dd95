package dev.researcher4j.tools.web.extract.internal;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The visible text of a whole page, one line per block: what a reader gets when the main content
 * cannot be told apart. Walks the tree without recursion, so no page is too deep for it.
 */
public final class VisibleText {

  private VisibleText() {}

  /** The text of {@code root} without scripts, styles and other unreadable elements. */
  public static String of(Element root) {
    StringBuilder out = new StringBuilder();
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (node instanceof TextNode t && !insideNoise(t)) {
              out.append(t.getWholeText());
            } else if (node instanceof Element e && (e.nameIs("br") || Html.isBlock(e))) {
              out.append('\n');
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (node instanceof Element e && Html.isBlock(e)) {
              out.append('\n');
            }
          }
        },
        root);
    return tidy(out);
  }

  private static boolean insideNoise(TextNode t) {
    Node parent = t.parent();
    return parent instanceof Element e && Html.isNoise(e);
  }

  private static String tidy(CharSequence s) {
    StringBuilder out = new StringBuilder(s.length());
    for (String line : s.toString().split("\n")) {
      String l = line.replaceAll("[\\s\\u00a0\\u200b\\ufeff]+", " ").strip();
      if (!l.isEmpty()) {
        if (out.length() > 0) {
          out.append("\n\n");
        }
        out.append(l);
      }
    }
    return out.toString();
  }
}
