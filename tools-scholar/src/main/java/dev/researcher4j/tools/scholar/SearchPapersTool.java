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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code search_papers} tool: searches the scholarly sources of a {@link ScholarSearch} in
 * parallel and shows the merged, ranked papers, each registered as a run source ({@code [S3]}) with
 * its abstract snippet as excerpt and its identifiers as attributes.
 *
 * <p>Arguments: {@code query} (required), {@code year_from}, {@code year_to}, {@code count}
 * (default {@value #DEFAULT_COUNT}, at most {@value #MAX_COUNT}), {@code sources} (any of {@code
 * arxiv, semantic_scholar, openalex, crossref, pubmed}; default all configured). A failing source
 * is noted in the observation; the call fails only when every source does. Thread-safe.
 */
public final class SearchPapersTool implements Tool {

  /** The tool name. */
  public static final String NAME = "search_papers";

  /** Default number of papers shown. */
  public static final int DEFAULT_COUNT = 10;

  /** Most papers shown. */
  public static final int MAX_COUNT = 30;

  private final ScholarSearch search;

  /** A tool searching with {@code search}. */
  public SearchPapersTool(ScholarSearch search) {
    this.search = Objects.requireNonNull(search, "search is required, but was null");
  }

  @Override
  public ToolSpec spec() {
    ObjectNode schema = Args.schema();
    Args.property(
        schema,
        "query",
        "string",
        "What to look for: topic keywords, a title, or author names. arXiv-style field queries"
            + " (ti:, au:, abs:) and PubMed syntax are passed through.",
        true);
    Args.property(
        schema, "year_from", "integer", "Only papers published in or after this year.", false);
    Args.property(
        schema, "year_to", "integer", "Only papers published in or before this year.", false);
    Args.property(
        schema,
        "count",
        "integer",
        "How many papers to show (default " + DEFAULT_COUNT + ", at most " + MAX_COUNT + ").",
        false);
    ObjectNode sources =
        Args.property(
            schema,
            "sources",
            "array",
            "Which databases to search (default: all). arxiv: preprints in physics, maths, CS;"
                + " semantic_scholar and openalex: all fields; crossref: publisher metadata;"
                + " pubmed: biomedicine.",
            false);
    ObjectNode items = sources.putObject("items");
    items.put("type", "string");
    var values = items.putArray("enum");
    search.sources().forEach(s -> values.add(s.key()));
    return ToolSpec.of(
        NAME,
        "Search the scholarly literature (arXiv, Semantic Scholar, OpenAlex, Crossref, PubMed) for"
            + " papers. Returns a merged, ranked list with authors, year, venue, citation count,"
            + " identifiers and an abstract snippet; each paper gets a source id [S<n>] to cite."
            + " Use get_paper for the full record, read_paper for the full text.",
        schema);
  }

  @Override
  public ToolResult execute(ToolCall call, ToolContext context) {
    JsonNode args = call.parsedArguments();
    PaperQuery query;
    Set<PaperSource> which;
    try {
      String text = Args.requiredText(args, "query");
      int count = Args.integer(args, "count", DEFAULT_COUNT, 1, MAX_COUNT);
      PaperQuery.Builder b = PaperQuery.builder(text).limit(count);
      b.fromYear(year(args, "year_from"));
      b.toYear(year(args, "year_to"));
      query = b.build();
      which = sources(args);
    } catch (Args.BadArgument | IllegalArgumentException e) {
      return ToolResult.error(e.getMessage());
    }
    if (context.isCancelled()) {
      return ToolResult.error("the run was cancelled");
    }
    ScholarResult result = search.search(query, which);
    if (result.answered().isEmpty() && result.isDegraded()) {
      return ToolResult.error(
          "No source could be searched. "
              + result.failureNote()
              + ". Try again later, or use fewer or other sources.");
    }
    StringBuilder out = new StringBuilder();
    String asked =
        result.answered().stream().map(PaperSource::displayName).collect(Collectors.joining(", "));
    if (result.papers().isEmpty()) {
      out.append("No papers found for \"").append(query.text()).append('"');
      out.append(" (searched: ").append(asked).append(").\n");
      out.append("Try broader or different keywords, or drop the year limits.\n");
    } else {
      out.append(result.papers().size())
          .append(" papers for \"")
          .append(query.text())
          .append("\" (from ")
          .append(asked)
          .append("), best first:\n\n");
      for (Paper p : result.papers()) {
        String id =
            PaperText.register(
                context,
                p,
                dev.researcher4j.tools.scholar.internal.Texts.snippet(
                    p.abstractText(), PaperText.SNIPPET));
        out.append(PaperText.listEntry(p, id)).append('\n');
      }
    }
    if (result.isDegraded()) {
      out.append("Note: some sources failed, so results may be incomplete. ")
          .append(result.failureNote())
          .append('\n');
    }
    return ToolResult.of(out.toString().strip());
  }

  private static Integer year(JsonNode args, String name) throws Args.BadArgument {
    Integer y = Args.optionalInteger(args, name);
    if (y != null && (y < 1000 || y > 2999)) {
      throw new Args.BadArgument("argument '" + name + "' must be a four-digit year, but was " + y);
    }
    return y;
  }

  private Set<PaperSource> sources(JsonNode args) throws Args.BadArgument {
    List<String> names = Args.strings(args, "sources");
    if (names.isEmpty()) {
      return new LinkedHashSet<>(search.sources());
    }
    Set<PaperSource> out = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String name : names) {
      try {
        PaperSource s = PaperSource.fromName(name);
        if (search.sources().contains(s)) {
          out.add(s);
        } else {
          unknown.add(name + " (not configured)");
        }
      } catch (IllegalArgumentException e) {
        unknown.add(name);
      }
    }
    if (out.isEmpty()) {
      throw new Args.BadArgument(
          "no usable source in "
              + names
              + "; available: "
              + search.sources().stream().map(PaperSource::key).collect(Collectors.joining(", "))
              + (unknown.isEmpty() ? "" : "; not usable: " + String.join(", ", unknown)));
    }
    return out;
  }
}
