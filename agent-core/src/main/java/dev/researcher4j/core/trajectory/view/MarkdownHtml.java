package dev.researcher4j.core.trajectory.view;

import dev.researcher4j.core.internal.cite.CitationMarkers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.autolink.AutolinkType;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * A report's Markdown as HTML for the page, with CommonMark and GitHub's tables: headings, lists,
 * tables, emphasis, code and links render; raw HTML in the text is shown escaped, never as markup.
 * Citation markers ({@code [S3]}, {@code [S3, S7]}) link to the sources table; markers of ids the
 * run never saw are marked, not linked. Links leave the page only to http and https addresses, with
 * {@code rel="noopener noreferrer"}; other destinations ({@code javascript:}, {@code data:}, …)
 * keep their text and lose their link. Images become links to them (the page loads nothing).
 * Headings move down two levels, below the page's own. Thread-safe.
 */
final class MarkdownHtml {
  private MarkdownHtml() {}

  private static final List<Extension> EXTENSIONS =
      List.of(
          TablesExtension.create(),
          AutolinkExtension.builder().linkTypes(AutolinkType.URL).build());

  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

  /** How far report headings move down: the page's sections are h2, a report's title h3. */
  private static final int HEADING_SHIFT = 2;

  /**
   * {@code markdown} as HTML.
   *
   * @param knownSource whether a source id is one the run saw (and the page lists)
   */
  static String render(String markdown, Predicate<String> knownSource) {
    Node document = PARSER.parse(Html.xmlSafe(markdown));
    document.accept(new Rewriter(knownSource));
    HtmlRenderer renderer =
        HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .attributeProviderFactory(context -> MarkdownHtml::linkAttributes)
            .nodeRendererFactory(CitationRenderer::new)
            .build();
    return renderer.render(document);
  }

  /** Links out keep only http(s) addresses and get {@code rel}; page anchors stay. */
  private static void linkAttributes(Node node, String tag, Map<String, String> attributes) {
    if (!(node instanceof Link) || !"a".equals(tag)) {
      return;
    }
    String href = attributes.getOrDefault("href", "");
    if (href.startsWith("#source-")) {
      return;
    }
    if (Html.isWebAddress(href)) {
      attributes.put("rel", Html.EXTERNAL_REL);
    } else {
      attributes.remove("href");
      attributes.remove("title");
    }
  }

  /** A citation of one source id: linked when the page lists the source. */
  static final class Citation extends CustomNode {
    final String id;
    final boolean known;

    Citation(String id, boolean known) {
      this.id = id;
      this.known = known;
    }
  }

  /** Shifts headings, turns images into links and citation markers into {@link Citation}s. */
  private static final class Rewriter extends AbstractVisitor {
    private final Predicate<String> knownSource;

    Rewriter(Predicate<String> knownSource) {
      this.knownSource = knownSource;
    }

    @Override
    public void visit(Heading heading) {
      heading.setLevel(Math.min(6, heading.getLevel() + HEADING_SHIFT));
      visitChildren(heading);
    }

    @Override
    public void visit(Image image) {
      Link link = new Link(image.getDestination(), image.getTitle());
      List<Node> children = new ArrayList<>();
      for (Node child = image.getFirstChild(); child != null; child = child.getNext()) {
        children.add(child);
      }
      children.forEach(link::appendChild);
      if (link.getFirstChild() == null) {
        link.appendChild(new Text("image"));
      }
      image.insertBefore(link);
      image.unlink();
    }

    @Override
    public void visit(Link link) {
      // Text inside a link stays as it is: links do not nest.
    }

    @Override
    public void visit(Text text) {
      CitationMarkers.replace(text, id -> new Citation(id, knownSource.test(id)));
    }
  }

  /** Writes {@link Citation}s: a link to the source's row, or the id marked as unknown. */
  private static final class CitationRenderer implements NodeRenderer {
    private final HtmlWriter html;

    CitationRenderer(HtmlNodeRendererContext context) {
      this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(Citation.class);
    }

    @Override
    public void render(Node node) {
      Citation citation = (Citation) node;
      Map<String, String> attributes = new LinkedHashMap<>();
      if (citation.known) {
        attributes.put("href", "#" + Html.anchor(citation.id));
        attributes.put("class", "cite");
        html.tag("a", attributes);
        html.text(citation.id);
        html.tag("/a");
      } else {
        attributes.put("class", "bad");
        attributes.put("title", "no source with this id was seen in the run");
        html.tag("span", attributes);
        html.text(citation.id);
        html.tag("/span");
      }
    }
  }
}
