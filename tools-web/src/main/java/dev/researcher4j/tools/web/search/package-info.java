/**
 * Web search for research agents: one {@link dev.researcher4j.tools.web.search.WebSearch} interface
 * over several providers (Tavily, Brave Search, Serper, a self-hosted SearXNG, and DuckDuckGo's
 * keyless HTML results), chosen in code or from the environment with {@link
 * dev.researcher4j.tools.web.search.WebSearchConfig}, and the {@code web_search} tool ({@link
 * dev.researcher4j.tools.web.search.WebSearchTool}) that runs several queries in parallel and
 * registers every result as a citable source.
 *
 * <p>Stability: experimental until 1.0.
 */
package dev.researcher4j.tools.web.search;
