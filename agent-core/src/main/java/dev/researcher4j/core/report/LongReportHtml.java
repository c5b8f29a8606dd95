package dev.researcher4j.core.report;

import dev.researcher4j.api.Source;
import dev.researcher4j.api.Warning;
import dev.researcher4j.core.internal.cite.CitationMarkers;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
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
 * A long report as one self-contained HTML page: a table of contents, the document rendered from
 * its Markdown (CommonMark with tables), every citation ({@code [S3]}) a link to its entry in the
 * numbered reference list, and the report's warnings first.
 *
 * <p>The page loads nothing (no scripts, fonts or images; a Content-Security-Policy says so). Raw
 * HTML in the text is shown escaped, never run; links leave the page only to http and https
 * addresses; citations of ids the report never saw are marked, not linked. Stateless and
 * thread-safe.
 */
public final class LongReportHtml {
  private LongReportHtml() {}

  private static final List<Extension> EXTENSIONS =
      List.of(TablesExtension.create(), AutolinkExtension.create());

  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

  private static final String STYLE =
      "body{font:16px/1.55 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;"
          + "color:#1d1d1f}h1{font-size:1.9rem;line-height:1.2}nav{background:#f5f5f7;"
          + "padding:.6rem 1.2rem;border-radius:8px}nav ol{margin:.3rem 0}"
          + ".warn{background:#fff4e5;border-left:4px solid #e69500;padding:.5rem 1rem}"
          + "a.cite{text-decoration:none;font-size:.85em}span.bad{color:#b00020}"
          + "blockquote{color:#555;border-left:3px solid #ccc;margin-left:0;padding-left:1rem}"
          + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}"
          + "ol.refs li{margin:.3rem 0}.dim{color:#777;font-size:.85em}";

  /** Writes the page of {@code report} to {@code file} (UTF-8). */
  public static void write(ReportResult report, Path file) throws IOException {
    Files.writeString(file, render(report), StandardCharsets.UTF_8);
  }

  /** The page of {@code report}. */
  public static String render(ReportResult report) {
    Map<String, Source> references = new LinkedHashMap<>();
    report.references().forEach(source -> references.put(source.id(), source));
    String markdown = withoutReferenceList(withoutTitleAndWarnings(report.markdown()));
    Node document = PARSER.parse(markdown);
    List<String[]> contents = new ArrayList<>();
    Map<Node, String> headingIds = new IdentityHashMap<>();
    document.accept(new Rewriter(references.keySet(), contents, headingIds));
    String body =
        HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .attributeProviderFactory(
                context -> (node, tag, attributes) -> attributes(node, tag, attributes, headingIds))
            .nodeRendererFactory(CitationRenderer::new)
            .build()
            .render(document);
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
        .append(" style-src 'unsafe-inline'\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>")
        .append(esc(report.title()))
        .append("</title>\n<style>")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(esc(report.title()))
        .append("</h1>\n<p class=\"dim\">")
        .append(report.words())
        .append(" words · ")
        .append(report.sections().size())
        .append(" sections · ")
        .append(references.size())
        .append(" references</p>\n");
    if (!report.warnings().isEmpty()) {
      page.append("<div class=\"warn\"><strong>What this report could not do</strong>\n<ul>\n");
      for (Warning warning : report.warnings()) {
        page.append("<li>").append(esc(warning.message())).append("</li>\n");
      }
      page.append("</ul></div>\n");
    }
    page.append("<nav><strong>Contents</strong>\n<ol>\n");
    for (String[] entry : contents) {
      page.append("<li><a href=\"#").append(entry[0]).append("\">").append(esc(entry[1]));
      page.append("</a></li>\n");
    }
    if (!references.isEmpty()) {
      page.append("<li><a href=\"#references\">References</a></li>\n");
    }
    page.append("</ol></nav>\n<main>\n").append(body).append("</main>\n");
    if (!references.isEmpty()) {
      page.append("<h2 id=\"references\">References</h2>\n<ol class=\"refs\">\n");
      for (Source source : references.values()) {
        page.append("<li id=\"").append(anchor(source.id())).append("\" value=\"");
        page.append(source.id().substring(1)).append("\">[").append(source.id()).append("] ");
        page.append(esc(referenceText(source)));
        if (isWebAddress(source.url())) {
          page.append(" <a href=\"").append(esc(source.url()));
          page.append("\" rel=\"noopener noreferrer\">").append(esc(source.url())).append("</a>");
        } else {
          page.append(' ').append(esc(source.url()));
        }
        page.append("</li>\n");
      }
      page.append("</ol>\n");
    }
    page.append("<p class=\"dim\">Report run ")
        .append(esc(report.trajectory().runId()))
        .append(" · written by researcher4j</p>\n</body>\n</html>\n");
    return page.toString();
  }

  /** The anchor of a reference. */
  static String anchor(String sourceId) {
    return "ref-" + sourceId;
  }

  private static String referenceText(Source source) {
    StringBuilder text = new StringBuilder();
    String authors = source.attributes().getOrDefault("authors", "");
    String year = source.attributes().getOrDefault("year", "");
    if (!authors.isBlank()) {
      text.append(authors.strip()).append(year.isBlank() ? ". " : " (" + year + "). ");
    }
    text.append(source.title().isBlank() ? "(untitled)" : source.title().strip()).append('.');
    String venue = source.attributes().getOrDefault("venue", "");
    if (!venue.isBlank()) {
      text.append(' ').append(venue.strip()).append('.');
    }
    return text.toString();
  }

  /** The document's title and warning lines are shown by the page itself. */
  private static String withoutTitleAndWarnings(String markdown) {
    List<String> lines = new ArrayList<>(List.of(markdown.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(0).startsWith("# ")) {
      lines.remove(0);
    }
    while (!lines.isEmpty()
        && (lines.get(0).isBlank() || lines.get(0).startsWith("> **Warning:**"))) {
      lines.remove(0);
    }
    return String.join("\n", lines);
  }

  private static String withoutReferenceList(String markdown) {
    int at = markdown.lastIndexOf("\n## References");
    return at < 0 ? markdown : markdown.substring(0, at);
  }

  private static void attributes(
      Node node, String tag, Map<String, String> attributes, Map<Node, String> headingIds) {
    if (node instanceof Heading heading && heading.getLevel() == 2) {
      String id = headingIds.get(heading);
      if (id != null) {
        attributes.put("id", id);
      }
    }
    if (node instanceof Link && "a".equals(tag)) {
      String href = attributes.getOrDefault("href", "");
      if (href.startsWith("#")) {
        return;
      }
      if (isWebAddress(href)) {
        attributes.put("rel", "noopener noreferrer");
      } else {
        attributes.remove("href");
      }
    }
  }

  static boolean isWebAddress(String url) {
    try {
      String scheme = URI.create(url.strip()).getScheme();
      return scheme != null
          && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A citation of one source id: linked when the reference list has it. */
  private static final class Citation extends CustomNode {
    final String id;
    final boolean known;

    Citation(String id, boolean known) {
      this.id = id;
      this.known = known;
    }
  }

  /**
   * Gives the sections' headings ids (for the contents), turns images into links (the page loads
   * nothing) and citation markers into {@link Citation}s.
   */
  private static final class Rewriter extends AbstractVisitor {
    private final Set<String> known;
    private final List<String[]> contents;
    private final Map<Node, String> headingIds;

    Rewriter(Set<String> known, List<String[]> contents, Map<Node, String> headingIds) {
      this.known = known;
      this.contents = contents;
      this.headingIds = headingIds;
    }

    @Override
    public void visit(Heading heading) {
      if (heading.getLevel() == 2) {
        String id = "part-" + (contents.size() + 1);
        headingIds.put(heading, id);
        contents.add(new String[] {id, text(heading)});
      }
      visitChildren(heading);
    }

    @Override
    public void visit(Image image) {
      Link link = new Link(image.getDestination(), image.getTitle());
      link.appendChild(new Text(image.getDestination()));
      image.insertBefore(link);
      image.unlink();
    }

    @Override
    public void visit(Link link) {
      // Links do not nest: citations inside link text stay text.
    }

    @Override
    public void visit(Text text) {
      CitationMarkers.replace(text, id -> new Citation(id, known.contains(id)));
    }

    private static String text(Node node) {
      StringBuilder text = new StringBuilder();
      node.accept(
          new AbstractVisitor() {
            @Override
            public void visit(Text t) {
              text.append(t.getLiteral());
            }
          });
      return text.toString();
    }
  }

  /** Writes {@link Citation}s: a link to the reference, or the id marked as unknown. */
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
        attributes.put("href", "#" + anchor(citation.id));
        attributes.put("class", "cite");
        html.tag("a", attributes);
      } else {
        attributes.put("class", "bad");
        attributes.put("title", "no source with this id is in the reference list");
        html.tag("span", attributes);
      }
      html.text(citation.id);
      html.tag(citation.known ? "/a" : "/span");
    }
  }
}
