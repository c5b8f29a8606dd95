package dev.researcher4j.tools.scholar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.tools.scholar.internal.Args;
import dev.researcher4j.tools.scholar.internal.PaperText;
import dev.researcher4j.tools.scholar.internal.Texts;
import java.util.Objects;

/**
 * The {@code paper_citations} and {@code paper_references} tools: one hop of the citation graph
 * from a paper, from Semantic Scholar and OpenAlex in parallel, merged and most-cited first, each
 * paper registered as a run source. Make them with {@link #citations(ScholarSearch)} and {@link
 * #references(ScholarSearch)}. Thread-safe.
 */
public final class PaperGraphTool implements Tool {

  /** Name of the tool listing citing papers. */
  public static final String CITATIONS = "paper_citations";

  /** Name of the tool listing cited papers. */
  public static final String REFERENCES = "paper_references";

  /** Default number of papers shown. */
  public static final int DEFAULT_COUNT = 10;

  /** Most papers shown. */
  public static final int MAX_COUNT = 50;

  private final ScholarSearch search;
  private final boolean citations;

  private PaperGraphTool(ScholarSearch search, boolean citations) {
    this.search = Objects.requireNonNull(search, "search is required, but was null");
    this.citations = citations;
  }

  /** The {@value #CITATIONS} tool: papers that cite a paper. */
  public static PaperGraphTool citations(ScholarSearch search) {
    return new PaperGraphTool(search, true);
  }

  /** The {@value #REFERENCES} tool: papers a paper cites. */
  public static PaperGraphTool references(ScholarSearch search) {
    return new PaperGraphTool(search, false);
  }

  @Override
  public ToolSpec spec() {
    ObjectNode schema = Args.schema();
    Args.property(
        schema,
        "id",
        "string",
        "The paper's identifier: DOI, arXiv id, PMID:…, OpenAlex id (W…), Semantic Scholar id or"
            + " URL.",
        true);
    Args.property(
        schema,
        "count",
        "integer",
        "How many papers to show (default " + DEFAULT_COUNT + ", at most " + MAX_COUNT + ").",
        false);
    String description =
        citations
            ? "List papers that cite a given paper (its citations), most cited first: follow how a"
                + " result was used, confirmed or disputed later."
            : "List the papers a given paper cites (its references), most cited first: find the work"
                + " it builds on.";
    return ToolSpec.of(citations ? CITATIONS : REFERENCES, description, schema);
  }

  @Override
  public ToolResult execute(ToolCall call, ToolContext context) {
    JsonNode args = call.parsedArguments();
    PaperId id;
    int count;
    try {
      id = PaperId.parse(Args.requiredText(args, "id"));
      count = Args.integer(args, "count", DEFAULT_COUNT, 1, MAX_COUNT);
    } catch (Args.BadArgument | IllegalArgumentException e) {
      return ToolResult.error(e.getMessage());
    }
    ScholarResult result = citations ? search.citations(id, count) : search.references(id, count);
    if (result.answered().isEmpty() && result.isDegraded()) {
      return ToolResult.error(
          "The citation graph could not be read: " + result.failureNote() + ". Try again later.");
    }
    if (result.answered().isEmpty()) {
      return ToolResult.error(
          "No citation source can use "
              + id
              + "; try the paper's DOI or arXiv id (get_paper shows them).");
    }
    StringBuilder out = new StringBuilder();
    String what = citations ? "papers citing " : "papers cited by ";
    if (result.papers().isEmpty()) {
      out.append("No ").append(what).append(id).append(" found.\n");
    } else {
      out.append(result.papers().size())
          .append(' ')
          .append(what)
          .append(id)
          .append(", most cited first:\n\n");
      for (Paper p : result.papers()) {
        String sid =
            PaperText.register(context, p, Texts.snippet(p.abstractText(), PaperText.SNIPPET));
        out.append(PaperText.listEntry(p, sid)).append('\n');
      }
    }
    if (result.isDegraded()) {
      out.append("Note: results may be incomplete. ").append(result.failureNote()).append('\n');
    }
    return ToolResult.of(out.toString().strip());
  }
}
