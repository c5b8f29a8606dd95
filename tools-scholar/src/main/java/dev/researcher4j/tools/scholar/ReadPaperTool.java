package dev.researcher4j.tools.scholar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.tools.scholar.internal.Args;
import dev.researcher4j.tools.scholar.internal.PaperText;
import dev.researcher4j.tools.scholar.internal.Texts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code read_paper} tool: the open-access full text of a paper when one can be read, else its
 * abstract.
 *
 * <p>The paper is looked up by any id; then its free copies are tried in turn through the {@link
 * FullTextReader}: arXiv's HTML and PDF renderings, the open-access URL (OpenAlex, Semantic
 * Scholar), the PDF link. The first that yields at least {@value #MIN_TEXT_CHARS} characters is
 * shown, {@code max_chars} at a time from {@code offset}; the text shown becomes an excerpt of the
 * paper's run source. With {@link FullTextReader#NONE}, or when nothing can be read, the abstract
 * is shown with a note. Thread-safe.
 */
public final class ReadPaperTool implements Tool {

  /** The tool name. */
  public static final String NAME = "read_paper";

  /** Default characters shown per call. */
  public static final int DEFAULT_MAX_CHARS = 8000;

  /** Most characters shown per call. */
  public static final int MAX_CHARS = 30000;

  /** Shorter texts are taken for error pages or stubs, and the next address is tried. */
  public static final int MIN_TEXT_CHARS = 500;

  private final ScholarSearch search;
  private final FullTextReader reader;

  /** A tool looking papers up with {@code search} and reading them with {@code reader}. */
  public ReadPaperTool(ScholarSearch search, FullTextReader reader) {
    this.search = Objects.requireNonNull(search, "search is required, but was null");
    this.reader = Objects.requireNonNull(reader, "reader is required, but was null");
  }

  @Override
  public ToolSpec spec() {
    ObjectNode schema = Args.schema();
    Args.property(
        schema,
        "id",
        "string",
        "The paper's identifier: DOI, arXiv id, PMID:…, OpenAlex id, Semantic Scholar id or URL.",
        true);
    Args.property(
        schema,
        "offset",
        "integer",
        "Character position to continue reading from (from the previous answer); default 0.",
        false);
    Args.property(
        schema,
        "max_chars",
        "integer",
        "How many characters to return (default "
            + DEFAULT_MAX_CHARS
            + ", at most "
            + MAX_CHARS
            + ").",
        false);
    return ToolSpec.of(
        NAME,
        "Read a paper's open-access full text (arXiv, open-access copies found by OpenAlex and"
            + " Semantic Scholar), a part at a time; when no free full text exists, returns the"
            + " abstract. Use it to check methods, numbers and claims beyond the abstract.",
        schema);
  }

  @Override
  public ToolResult execute(ToolCall call, ToolContext context) {
    JsonNode args = call.parsedArguments();
    PaperId id;
    int offset;
    int maxChars;
    try {
      id = PaperId.parse(Args.requiredText(args, "id"));
      offset = Args.integer(args, "offset", 0, 0, Integer.MAX_VALUE);
      maxChars = Args.integer(args, "max_chars", DEFAULT_MAX_CHARS, 200, MAX_CHARS);
    } catch (Args.BadArgument | IllegalArgumentException e) {
      return ToolResult.error(e.getMessage());
    }
    ScholarResult found = search.lookup(id);
    if (found.first().isEmpty()) {
      return ToolResult.error(
          "No paper found for "
              + id
              + "."
              + (found.isDegraded() ? " " + found.failureNote() + "." : "")
              + " Check the identifier, or find the paper with search_papers.");
    }
    Paper paper = found.first().get();
    List<String> tried = new ArrayList<>();
    for (String url : candidates(paper)) {
      if (context.isCancelled()) {
        return ToolResult.error("the run was cancelled");
      }
      tried.add(url);
      Optional<FullText> text = read(url);
      if (text.isPresent() && text.get().text().strip().length() >= MIN_TEXT_CHARS) {
        return fullText(context, paper, text.get(), offset, maxChars);
      }
    }
    if (paper.abstractText().isEmpty()) {
      return ToolResult.error(
          "Found \""
              + paper.title()
              + "\" but no open-access full text"
              + (tried.isEmpty()
                  ? " is known"
                  : " could be read (tried " + String.join(", ", tried) + ")")
              + " and no source has its abstract. Try get_paper or a web search.");
    }
    String sid = PaperText.register(context, paper, paper.abstractText());
    StringBuilder out = new StringBuilder();
    out.append(sid.isEmpty() ? "" : "[" + sid + "] ").append(paper.title()).append('\n');
    out.append(
        tried.isEmpty()
            ? "No open-access full text is known for this paper; here is its abstract.\n"
            : "The open-access copies could not be read (tried "
                + String.join(", ", tried)
                + "); here is the abstract.\n");
    out.append("Abstract: ").append(paper.abstractText());
    return ToolResult.of(out.toString());
  }

  private Optional<FullText> read(String url) {
    try {
      return reader.read(url);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static ToolResult fullText(
      ToolContext context, Paper paper, FullText text, int offset, int maxChars) {
    String all = text.text();
    int start = Math.min(offset, all.length());
    int end = Math.min(all.length(), start + maxChars);
    String part = all.substring(start, end);
    Source source = PaperText.source(paper, part);
    String sid = source == null ? "" : context.registerSource(source).id();
    StringBuilder out = new StringBuilder();
    out.append(sid.isEmpty() ? "" : "[" + sid + "] ").append(paper.title()).append('\n');
    out.append("Full text from ")
        .append(text.url())
        .append(", characters ")
        .append(start)
        .append('–')
        .append(end)
        .append(" of ")
        .append(all.length())
        .append(":\n\n");
    out.append(part);
    if (end < all.length()) {
      out.append("\n\n[More: call read_paper with offset=").append(end).append(".]");
    } else if (start >= all.length()) {
      out.append("(offset is past the end of the text)");
    }
    return ToolResult.of(out.toString());
  }

  /** Where a free copy may be, most readable first. */
  static List<String> candidates(Paper paper) {
    Set<String> urls = new LinkedHashSet<>();
    if (!paper.arxivId().isEmpty()) {
      urls.add("https://arxiv.org/html/" + paper.arxivId());
      urls.add("https://arxiv.org/pdf/" + paper.arxivId());
    }
    for (String url : List.of(paper.openAccessUrl(), paper.pdfUrl())) {
      if (!url.isEmpty()) {
        urls.add(url);
      }
    }
    urls.removeIf(u -> Texts.collapse(u).isEmpty());
    return new ArrayList<>(urls);
  }
}
