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
 * The {@code get_paper} tool: looks a paper up by any identifier ({@link PaperId#parse}) in every
 * source that can, and shows the merged full record with its abstract, registered as a run source
 * whose excerpt is the abstract. Thread-safe.
 */
public final class GetPaperTool implements Tool {

  /** The tool name. */
  public static final String NAME = "get_paper";

  private final ScholarSearch search;

  /** A tool looking up with {@code search}. */
  public GetPaperTool(ScholarSearch search) {
    this.search = Objects.requireNonNull(search, "search is required, but was null");
  }

  @Override
  public ToolSpec spec() {
    ObjectNode schema = Args.schema();
    Args.property(
        schema,
        "id",
        "string",
        "The paper's identifier: a DOI (10.1038/nature14539), an arXiv id (1706.03762),"
            + " PMID:123456, PMC123456, an OpenAlex id (W2741809807), a Semantic Scholar id, or the"
            + " paper's URL.",
        true);
    return ToolSpec.of(
        NAME,
        "Get the full record of one paper by DOI, arXiv id, PMID or other id: title, all authors"
            + " with affiliations, venue, date, identifiers, citation count, open-access links and"
            + " the whole abstract, merged from every scholarly source that has it.",
        schema);
  }

  @Override
  public ToolResult execute(ToolCall call, ToolContext context) {
    JsonNode args = call.parsedArguments();
    PaperId id;
    try {
      id = PaperId.parse(Args.requiredText(args, "id"));
    } catch (Args.BadArgument | IllegalArgumentException e) {
      return ToolResult.error(e.getMessage());
    }
    ScholarResult result = search.lookup(id);
    if (result.first().isEmpty()) {
      String why = result.isDegraded() ? " " + result.failureNote() + "." : "";
      return ToolResult.error(
          "No paper found for "
              + id
              + "."
              + why
              + " Check the identifier, or find the paper with search_papers.");
    }
    Paper paper = result.first().get();
    String sourceId =
        PaperText.register(
            context,
            paper,
            paper.abstractText().isEmpty() ? "" : Texts.snippet(paper.abstractText(), 4000));
    StringBuilder out = new StringBuilder(PaperText.full(paper, sourceId));
    if (result.isDegraded()) {
      out.append("Note: ").append(result.failureNote()).append('\n');
    }
    return ToolResult.of(out.toString().strip());
  }
}
