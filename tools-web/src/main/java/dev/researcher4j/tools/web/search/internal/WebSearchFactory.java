package dev.researcher4j.tools.web.search.internal;

import dev.researcher4j.tools.web.search.WebSearch;
import dev.researcher4j.tools.web.search.WebSearchConfig;
import java.util.Objects;

/** Makes the built-in provider a {@link WebSearchConfig} names. */
public final class WebSearchFactory {
  private WebSearchFactory() {}

  /** The provider for {@code config}. */
  public static WebSearch create(WebSearchConfig config) {
    Objects.requireNonNull(config, "config is required, but was null");
    return switch (config.provider()) {
      case TAVILY -> new TavilyWebSearch(config);
      case BRAVE -> new BraveWebSearch(config);
      case SERPER -> new SerperWebSearch(config);
      case SEARXNG -> new SearxngWebSearch(config);
      case DUCKDUCKGO -> new DuckDuckGoWebSearch(config);
    };
  }
}
