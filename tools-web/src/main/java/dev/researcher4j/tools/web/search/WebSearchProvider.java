package dev.researcher4j.tools.web.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The web search services researcher4j can use, with the environment variable that configures each
 * and its default address.
 */
public enum WebSearchProvider {
  /** Tavily's search API, made for agents; needs {@code TAVILY_API_KEY}. */
  TAVILY("tavily", "TAVILY_API_KEY", "https://api.tavily.com"),
  /** Brave Search's web search API; needs {@code BRAVE_API_KEY}. */
  BRAVE("brave", "BRAVE_API_KEY", "https://api.search.brave.com"),
  /** Serper's Google results API; needs {@code SERPER_API_KEY}. */
  SERPER("serper", "SERPER_API_KEY", "https://google.serper.dev"),
  /**
   * A SearXNG metasearch instance (usually self-hosted) with its JSON format enabled; {@code
   * SEARXNG_URL} is its address. No key.
   */
  SEARXNG("searxng", "SEARXNG_URL", null),
  /** DuckDuckGo's HTML results page; no key, the default when nothing is configured. */
  DUCKDUCKGO("duckduckgo", null, "https://html.duckduckgo.com");

  private final String id;
  private final String environmentVariable;
  private final String defaultBaseUrl;

  WebSearchProvider(String id, String environmentVariable, String defaultBaseUrl) {
    this.id = id;
    this.environmentVariable = environmentVariable;
    this.defaultBaseUrl = defaultBaseUrl;
  }

  /** The short name used on the command line and in results: {@code tavily}, {@code brave}, …. */
  public String id() {
    return id;
  }

  /**
   * The environment variable that configures this provider: its API key, or for SearXNG its
   * address; empty for DuckDuckGo, which needs nothing.
   */
  public Optional<String> environmentVariable() {
    return Optional.ofNullable(environmentVariable);
  }

  /** Whether calls need an API key. */
  public boolean requiresApiKey() {
    return this == TAVILY || this == BRAVE || this == SERPER;
  }

  /** The public service's address; empty for SearXNG, which has none. */
  public Optional<String> defaultBaseUrl() {
    return Optional.ofNullable(defaultBaseUrl);
  }

  /**
   * The provider called {@code name} (its {@link #id()}, any case; {@code ddg} also means
   * DuckDuckGo).
   *
   * @throws IllegalArgumentException naming the known providers when there is no such provider
   */
  public static WebSearchProvider fromId(String name) {
    String value = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    if (value.equals("ddg")) {
      return DUCKDUCKGO;
    }
    for (WebSearchProvider provider : values()) {
      if (provider.id.equals(value)) {
        return provider;
      }
    }
    throw new IllegalArgumentException(
        "unknown search provider '"
            + name
            + "'; choose one of "
            + Arrays.stream(values()).map(WebSearchProvider::id).collect(Collectors.joining(", ")));
  }
}
