package dev.researcher4j.tools.web.search.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Cleans result URLs and computes the key under which two results count as the same page.
 *
 * <p>Cleaning keeps the address a reader would follow but drops what only identifies the click: the
 * fragment and tracking parameters ({@code utm_*}, {@code gclid}, {@code fbclid}, …). OkHttp's
 * {@link HttpUrl} already lower-cases scheme and host, drops default ports and normalises
 * percent-encoding. The dedupe key goes further and ignores a trailing slash, parameter order and
 * equivalent percent-escapes, which servers almost never distinguish.
 */
public final class Urls {
  private Urls() {}

  private static final Pattern ESCAPE = Pattern.compile("%([0-9A-Fa-f]{2})");

  /** Parameter name prefixes added by analytics and campaign tools. */
  private static final List<String> TRACKING_PREFIXES = List.of("utm_", "pk_", "mtm_", "hsa_");

  /** Parameter names added by ad networks, mail tools and search engines to follow clicks. */
  private static final Set<String> TRACKING_NAMES =
      Set.of(
          "gclid",
          "gclsrc",
          "dclid",
          "gbraid",
          "wbraid",
          "fbclid",
          "msclkid",
          "yclid",
          "twclid",
          "ttclid",
          "li_fat_id",
          "igshid",
          "mc_cid",
          "mc_eid",
          "_ga",
          "_gl",
          "_hsenc",
          "_hsmi",
          "vero_id",
          "oly_anon_id",
          "oly_enc_id",
          "wickedid",
          "srsltid");

  /**
   * The cleaned form of {@code url}, or {@code null} when it is not an absolute http(s) URL (a
   * {@code javascript:} link, a relative path, garbage).
   */
  public static String clean(String url) {
    HttpUrl parsed = parse(url);
    return parsed == null ? null : cleaned(parsed).toString();
  }

  /**
   * The key under which results count as the same page: the cleaned URL without a trailing slash
   * and with its parameters sorted; {@code null} when {@code url} is not an http(s) URL.
   */
  public static String dedupeKey(String url) {
    HttpUrl parsed = parse(url);
    if (parsed == null) {
      return null;
    }
    HttpUrl clean = cleaned(parsed);
    StringBuilder key = new StringBuilder(clean.scheme()).append("://").append(clean.host());
    if (clean.port() != HttpUrl.defaultPort(clean.scheme())) {
      key.append(':').append(clean.port());
    }
    String path = clean.encodedPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    key.append(normaliseEscapes(path));
    String query = clean.encodedQuery();
    if (query != null && !query.isEmpty()) {
      List<String> pairs = new ArrayList<>();
      for (String pair : query.split("&")) {
        pairs.add(normaliseEscapes(pair));
      }
      pairs.sort(null);
      key.append('?').append(String.join("&", pairs));
    }
    return key.toString();
  }

  /** Whether {@code name} is a tracking parameter that cleaning removes. */
  public static boolean isTrackingParameter(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (TRACKING_NAMES.contains(lower)) {
      return true;
    }
    for (String prefix : TRACKING_PREFIXES) {
      if (lower.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

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

  /**
   * Percent-escapes in the form RFC 3986 (section 6.2.2) calls equivalent: escaped unreserved
   * characters ({@code %7E}) decoded, other escapes in upper case.
   */
  private static String normaliseEscapes(String encoded) {
    if (encoded.indexOf('%') < 0) {
      return encoded;
    }
    Matcher m = ESCAPE.matcher(encoded);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      char c = (char) Integer.parseInt(m.group(1), 16);
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
      String replacement =
          unreserved ? String.valueOf(c) : "%" + m.group(1).toUpperCase(Locale.ROOT);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static HttpUrl parse(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    return HttpUrl.parse(url.strip());
  }

  private static HttpUrl cleaned(HttpUrl url) {
    HttpUrl.Builder b = url.newBuilder().fragment(null);
    boolean removed = false;
    for (String name : url.queryParameterNames()) {
      if (isTrackingParameter(name)) {
        b.removeAllQueryParameters(name);
        removed = true;
      }
    }
    HttpUrl result = b.build();
    if (removed && result.querySize() == 0) {
      result = result.newBuilder().query(null).build();
    }
    return result;
  }
}
