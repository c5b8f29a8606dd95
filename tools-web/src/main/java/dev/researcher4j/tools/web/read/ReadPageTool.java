package dev.researcher4j.tools.web.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.NonRetryableException;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.tools.web.extract.PageLink;
import dev.researcher4j.tools.web.read.internal.Paginator;
import dev.researcher4j.tools.web.read.internal.ToolSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code read_page} tool: reads a web page, PDF or text document and shows one page of its text
 * at a time ({@code page 2 of 7}), registering the document as a source so the observation starts
 * with its {@code [S<n>]} id. Documents are cached for the run, so reading on does not fetch again.
 * Optional {@code links: true} appends the document's links.
 *
 * <p>Thread-safe. Failures the model can act on (refused URL, 404, not text) come back as error
 * results; temporary ones (timeouts, 5xx, 429) are thrown as {@link
 * dev.researcher4j.api.RetryableException} so the run's retry policy can try again.
 */
public final class ReadPageTool implements Tool {

  /** The tool's name. */
  public static final String NAME = "read_page";

  /** Most links listed when the model asks for them. */
  public static final int MAX_LINKS = 50;

  private final PageReader reader;

  private ReadPageTool(PageReader reader) {
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  /** The tool reading with {@code reader}. */
  public static ReadPageTool of(PageReader reader) {
    return new ReadPageTool(reader);
  }

  @Override
  public ToolSpec spec() {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    ObjectNode props = schema.putObject("properties");
    props
        .putObject("url")
        .put("type", "string")
        .put("description", "The http(s) URL of the page, PDF or text document to read.");
    props
        .putObject("page")
        .put("type", "integer")
        .put("minimum", 1)
        .put("description", "Which page of a long document to show, from 1 (default 1).");
    props
        .putObject("links")
        .put("type", "boolean")
        .put("description", "Also list the links found in the document (default false).");
    schema.putArray("required").add("url");
    return ToolSpec.of(
        NAME,
        "Read a web page, PDF, or plain-text/JSON/XML document. Returns the main text (navigation,"
            + " ads and comments removed) with title, author and date, one page of about "
            + reader.pageSize()
            + " characters at a time; long documents say 'page 1 of N' and can be read on with"
            + " the page argument. Use find_in_page to jump to a passage.",
        schema);
  }

  @Override
  public ToolResult execute(ToolCall call, ToolContext context) {
    JsonNode args = call.parsedArguments();
    String url = ToolSupport.text(args, "url");
    if (url == null) {
      return ToolResult.error("read_page needs a 'url' argument: the http(s) address to read.");
    }
    int page = 1;
    JsonNode p = args.get("page");
    if (p != null && !p.isNull()) {
      if (!p.canConvertToInt() || p.asInt() < 1) {
        return ToolResult.error("'page' must be a whole number from 1, but was " + p + ".");
      }
      page = p.asInt();
    }
    boolean withLinks = args.path("links").asBoolean(false);
    WebDocument doc;
    try {
      doc = ToolSupport.document(reader, context, url);
    } catch (NonRetryableException e) {
      return ToolResult.error(e.getMessage());
    }
    if (doc.text().isBlank()) {
      return ToolResult.error(
          doc.url()
              + " has no readable text (it may need JavaScript to show its content); try"
              + " another source.");
    }
    List<Paginator.Span> pages = Paginator.split(doc.text(), reader.pageSize());
    if (page > pages.size()) {
      return ToolResult.error(
          "Page "
              + page
              + " does not exist: "
              + doc.url()
              + " has "
              + pages.size()
              + (pages.size() == 1 ? " page." : " pages."));
    }
    Paginator.Span span = pages.get(page - 1);
    String pageText = doc.text().substring(span.start(), span.end()).strip();
    Source source = ToolSupport.register(context, doc, List.of(pageText));
    StringBuilder out = new StringBuilder(ToolSupport.header(source, doc));
    out.append("Page ").append(page).append(" of ").append(pages.size());
    if (doc.kind() == DocumentKind.PDF) {
      int first = doc.pdfPageAt(span.start());
      int last = doc.pdfPageAt(Math.max(span.start(), span.end() - 1));
      out.append(" (PDF page")
          .append(first == last ? " " + first : "s " + first + "-" + last)
          .append(')');
    }
    if (page < pages.size()) {
      out.append(" - call read_page with page ").append(page + 1).append(" to read on.");
    }
    out.append('\n');
    if (doc.truncated()) {
      out.append("(The document was longer than the size limit; only its beginning was read.)\n");
    }
    if (!doc.textNote().isEmpty()) {
      out.append("(Note: ").append(doc.textNote()).append(".)\n");
    }
    out.append('\n').append(pageText).append('\n');
    if (withLinks) {
      appendLinks(out, doc.links());
    }
    return ToolResult.of(out.toString());
  }

  private static void appendLinks(StringBuilder out, List<PageLink> links) {
    List<PageLink> ordered = new ArrayList<>();
    links.stream().filter(PageLink::inMainContent).forEach(ordered::add);
    links.stream().filter(l -> !l.inMainContent()).forEach(ordered::add);
    out.append("\nLinks (")
        .append(links.size())
        .append(
            links.size() > MAX_LINKS ? ", first " + MAX_LINKS + " shown, article links first" : "")
        .append("):\n");
    int n = 0;
    for (PageLink link : ordered) {
      if (++n > MAX_LINKS) {
        break;
      }
      out.append(n).append(". ");
      if (!link.text().isEmpty()) {
        out.append(link.text()).append(" - ");
      }
      out.append(link.url()).append('\n');
    }
  }
}
