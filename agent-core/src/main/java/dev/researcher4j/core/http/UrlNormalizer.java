package dev.researcher4j.core.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The one URL normaliser of researcher4j: the research loop's source registry gives one source id
 * to every spelling of a page with {@link #key}, and web search cleans result links with {@link
 * #clean} and drops repeats by {@link #key}.
 *
 * <p>{@link #clean} keeps the address a reader would follow but drops what only identifies the
 * click: the fragment and tracking parameters ({@code utm_*}, {@code gclid}, {@code fbclid}, …, see
 * {@link #isTrackingParameter}); OkHttp's {@link HttpUrl} lower-cases scheme and host, drops
 * default ports and normalises percent-encoding. {@link #key} goes further, ignoring what servers
 * almost never distinguish: {@code http} versus {@code https}, a leading {@code www.}, a trailing
 * slash, the order of parameters, equivalent percent-escapes (RFC 3986 section 6.2.2); and it
 * reduces DOI and arXiv links to their identifiers ({@code doi:10.1000/abc}, {@code
 * arxiv:2401.01234}). Paths stay case-sensitive.
 *
 * <p>Stateless and thread-safe.
 */
public final class UrlNormalizer {
  private UrlNormalizer() {}

  private static final Pattern ESCAPE = Pattern.compile("%([0-9A-Fa-f]{2})");
  private static final Pattern ARXIV_PATH =
      Pattern.compile("^/(?:abs|pdf|html)/([^/?#]+?)(?:v\\d+)?(?:\\.pdf)?/?$");

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
   * The key under which two spellings of {@code url} count as the same source. Absolute http(s)
   * URLs are normalised as the class documentation says; anything else ({@code doi:10.1/x}, an
   * arXiv id, text) is trimmed and lower-cased.
   *
   * @throws NullPointerException if {@code url} is null
   */
  public static String key(String url) {
    String trimmed = url.strip();
    HttpUrl parsed = HttpUrl.parse(trimmed);
    if (parsed == null) {
      String lower = trimmed.toLowerCase(Locale.ROOT);
      return lower.startsWith("doi:") ? "doi:" + lower.substring(4).strip() : lower;
    }
    HttpUrl clean = cleaned(parsed);
    String host = clean.host();
    if (host.startsWith("www.")) {
      host = host.substring(4);
    }
    String path = clean.encodedPath();
    if (host.equals("doi.org") || host.equals("dx.doi.org")) {
      return "doi:" + decode(path.substring(1)).toLowerCase(Locale.ROOT);
    }
    if (host.equals("arxiv.org") || host.equals("export.arxiv.org")) {
      Matcher arxiv = ARXIV_PATH.matcher(path);
      if (arxiv.matches()) {
        return "arxiv:" + arxiv.group(1).toLowerCase(Locale.ROOT);
      }
    }
    StringBuilder key = new StringBuilder("https://").append(host);
    if (clean.port() != HttpUrl.defaultPort(clean.scheme())) {
      key.append(':').append(clean.port());
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    key.append(normaliseEscapes(path));
    String query = clean.encodedQuery();
    if (query != null && !query.isEmpty()) {
      List<String> pairs = new ArrayList<>();
      for (String pair : query.split("&")) {
        if (!pair.isEmpty()) {
          pairs.add(normaliseEscapes(pair));
        }
      }
      pairs.sort(null);
      if (!pairs.isEmpty()) {
        key.append('?').append(String.join("&", pairs));
      }
    }
    return key.toString();
  }

  /** Whether {@code name} is a tracking parameter that cleaning removes (any case). */
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

  private static String decode(String path) {
    try {
      return URLDecoder.decode(path, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return path;
    }
  }
}
