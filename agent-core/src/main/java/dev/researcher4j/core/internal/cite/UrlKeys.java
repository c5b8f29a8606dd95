package dev.researcher4j.core.internal.cite;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises URLs so the same source found twice gets one id: scheme and host lower-cased, {@code
 * http} and {@code https} and a leading {@code www.} treated alike, default ports, fragments,
 * trailing slashes and tracking parameters dropped; DOIs and arXiv ids reduced to their identifier.
 */
public final class UrlKeys {
  private UrlKeys() {}

  private static final Pattern ARXIV_PATH =
      Pattern.compile("^/(?:abs|pdf|html)/([^/?#]+?)(?:v\\d+)?(?:\\.pdf)?/?$");

  /** The key identifying {@code url}'s source. */
  public static String key(String url) {
    String trimmed = url.strip();
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      return trimmed.toLowerCase(Locale.ROOT);
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      String lower = trimmed.toLowerCase(Locale.ROOT);
      return lower.startsWith("doi:") ? "doi:" + lower.substring(4).strip() : lower;
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.startsWith("www.")) {
      host = host.substring(4);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (host.equals("doi.org") || host.equals("dx.doi.org")) {
      return "doi:"
          + decode(path.startsWith("/") ? path.substring(1) : path).toLowerCase(Locale.ROOT);
    }
    if (host.equals("arxiv.org") || host.equals("export.arxiv.org")) {
      Matcher arxiv = ARXIV_PATH.matcher(path);
      if (arxiv.matches()) {
        return "arxiv:" + arxiv.group(1).toLowerCase(Locale.ROOT);
      }
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http")) {
      scheme = "https";
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || port == 80 || port == 443;
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.equals("/")) {
      path = "";
    }
    String query = cleanQuery(uri.getRawQuery());
    return scheme
        + "://"
        + host
        + (defaultPort ? "" : ":" + port)
        + path
        + (query.isEmpty() ? "" : "?" + query);
  }

  private static String cleanQuery(String query) {
    if (query == null || query.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String pair : query.split("&")) {
      String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
      if (name.isEmpty()
          || name.startsWith("utm_")
          || name.equals("fbclid")
          || name.equals("gclid")
          || name.equals("mc_cid")
          || name.equals("mc_eid")) {
        continue;
      }
      kept.add(pair);
    }
    return String.join("&", kept);
  }

  private static String decode(String path) {
    try {
      return java.net.URLDecoder.decode(path, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return path;
    }
  }
}
