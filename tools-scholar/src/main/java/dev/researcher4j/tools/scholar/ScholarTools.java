package dev.researcher4j.tools.scholar;

import dev.researcher4j.api.Tool;
import java.util.List;

/**
 * The scholarly tools in one list, ready to give an agent: {@code search_papers}, {@code
 * get_paper}, {@code paper_citations}, {@code paper_references} and {@code read_paper}.
 */
public final class ScholarTools {
  private ScholarTools() {}

  /**
   * All five tools over {@code search}; {@code read_paper} reads full texts with {@code reader}
   * ({@link FullTextReader#NONE} to show abstracts only).
   */
  public static List<Tool> create(ScholarSearch search, FullTextReader reader) {
    return List.of(
        new SearchPapersTool(search),
        new GetPaperTool(search),
        PaperGraphTool.citations(search),
        PaperGraphTool.references(search),
        new ReadPaperTool(search, reader));
  }
}
