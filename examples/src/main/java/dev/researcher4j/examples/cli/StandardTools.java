package dev.researcher4j.examples.cli;

import dev.researcher4j.api.Tool;
import dev.researcher4j.tools.scholar.FullText;
import dev.researcher4j.tools.scholar.FullTextReader;
import dev.researcher4j.tools.scholar.ScholarSearch;
import dev.researcher4j.tools.scholar.ScholarTools;
import dev.researcher4j.tools.web.guard.UrlGuard;
import dev.researcher4j.tools.web.read.FindInPageTool;
import dev.researcher4j.tools.web.read.PageReader;
import dev.researcher4j.tools.web.read.ReadPageTool;
import dev.researcher4j.tools.web.read.WebDocument;
import dev.researcher4j.tools.web.search.WebSearch;
import dev.researcher4j.tools.web.search.WebSearchConfig;
import dev.researcher4j.tools.web.search.WebSearchTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tool set of the {@code researcher} command: web search, the page reader, and the scholarly
 * tools, whose {@code read_paper} reads open-access full texts through the same page reader (and so
 * through the same URL guard). Everything is configured from the environment.
 */
final class StandardTools {
  private StandardTools() {}

  /**
   * The tools, configured from {@code env}.
   *
   * @param searchProvider a web search provider name, or {@code null} to choose from the
   *     environment (API keys present; none → keyless DuckDuckGo)
   */
  static List<Tool> create(Map<String, String> env, String searchProvider) {
    WebSearchConfig search =
        (searchProvider == null
                ? WebSearchConfig.fromEnvironment(env)
                : WebSearchConfig.forProvider(searchProvider, env))
            .build();
    PageReader reader = PageReader.builder().guard(UrlGuard.fromEnv(env)).build();
    List<Tool> tools = new ArrayList<>();
    tools.add(WebSearchTool.of(WebSearch.create(search)));
    tools.add(ReadPageTool.of(reader));
    tools.add(FindInPageTool.of(reader));
    tools.addAll(ScholarTools.create(ScholarSearch.fromEnv(env), fullTextFrom(reader)));
    return tools;
  }

  /** Open-access full texts of papers, read with the web page reader. */
  static FullTextReader fullTextFrom(PageReader reader) {
    return url -> {
      WebDocument document = reader.read(url);
      return document.text().isBlank()
          ? Optional.empty()
          : Optional.of(new FullText(document.url(), document.title(), document.text()));
    };
  }
}
