package dev.researcher4j.tools.web.search.internal;

import okhttp3.HttpUrl;

/**
 * Search-result links: unwrapping DuckDuckGo's redirect links. Cleaning and deduplicating URLs is
 * {@link dev.researcher4j.core.http.UrlNormalizer}'s job, shared with the research loop.
 */
public final class Urls {
  private Urls() {}

  /**
   * The target of a DuckDuckGo result link: {@code //duckduckgo.com/l/?uddg=<encoded target>&rut=…}
   * is unwrapped, a direct link is returned as it is, and an ad link ({@code /y.js}) or anything
   * unreadable gives {@code null}.
   *
   * @param href the link as written in the page (may be protocol-relative or relative)
   * @param page the address of the page the link is on
   */
  public static String unwrapDuckDuckGo(String href, HttpUrl page) {
    if (href == null || href.isBlank()) {
      return null;
    }
    HttpUrl link = page.resolve(href.strip());
    if (link == null) {
      return null;
    }
    String host = link.host();
    boolean duck = host.equals("duckduckgo.com") || host.endsWith(".duckduckgo.com");
    if (!duck && !host.equals(page.host())) {
      return link.toString();
    }
    if (link.encodedPath().equals("/y.js")) {
      return null; // an ad
    }
    String target = link.queryParameter("uddg");
    if (target == null || target.isBlank()) {
      return null;
    }
    return parse(target) == null ? null : target;
  }

  private static HttpUrl parse(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    return HttpUrl.parse(url.strip());
  }
}
