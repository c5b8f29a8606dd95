package dev.researcher4j.core.internal.cite;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import org.commonmark.node.Node;
import org.commonmark.node.Text;

/**
 * Turns the citation markers ({@code [S1]}, {@code [S1, S3]}) in a rendered Markdown text node into
 * citation nodes, for the pages that link citations to their sources. Stateless and thread-safe.
 */
public final class CitationMarkers {
  private CitationMarkers() {}

  /**
   * Replaces {@code text}, if it holds markers, by its text around them with a node from {@code
   * citation} for each cited id; a text without markers is left as it is.
   */
  public static void replace(Text text, Function<String, Node> citation) {
    String literal = text.getLiteral();
    Matcher marker = SourceIds.MARKER.matcher(literal);
    if (!marker.find()) {
      return;
    }
    Node last = text;
    int from = 0;
    do {
      // The text before a marker and its bracket: one node, never empty.
      last = insertAfter(last, new Text(literal.substring(from, marker.start()) + "["));
      List<String> ids = SourceIds.idsIn(marker.group(1));
      for (int i = 0; i < ids.size(); i++) {
        if (i > 0) {
          last = insertAfter(last, new Text(", "));
        }
        last = insertAfter(last, citation.apply(ids.get(i)));
      }
      last = insertAfter(last, new Text("]"));
      from = marker.end();
    } while (marker.find());
    if (from < literal.length()) {
      insertAfter(last, new Text(literal.substring(from)));
    }
    text.unlink();
  }

  private static Node insertAfter(Node anchor, Node node) {
    anchor.insertAfter(node);
    return node;
  }
}
