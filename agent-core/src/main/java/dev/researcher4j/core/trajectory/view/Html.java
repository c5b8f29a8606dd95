package dev.researcher4j.core.trajectory.view;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/** Escaping, safe links and number formats shared by the parts of the page. Stateless. */
final class Html {
  private Html() {}

  /** The {@code rel} of every link that leaves the page. */
  static final String EXTERNAL_REL = "noopener noreferrer";

  /**
   * {@code text} escaped for HTML and XML: markup characters as entities, characters XML 1.0 does
   * not allow as U+FFFD (see {@link #xmlSafe}).
   */
  static String esc(String text) {
    String safe = xmlSafe(text);
    StringBuilder out = new StringBuilder(safe.length() + 16);
    for (int i = 0; i < safe.length(); i++) {
      char c = safe.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * {@code text} with the characters XML 1.0 does not allow (control characters other than tab and
   * line breaks, lone surrogates, U+FFFE and U+FFFF) replaced by U+FFFD, so the page stays
   * well-formed XML whatever a page or a model said.
   */
  static String xmlSafe(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      boolean bad =
          !pair
              && ((c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                  || Character.isSurrogate(c)
                  || c == '\uFFFE'
                  || c == '\uFFFF');
      if (bad && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(bad ? '\uFFFD' : c);
        if (pair) {
          out.append(text.charAt(i + 1));
        }
      }
      if (pair) {
        i++;
      }
    }
    return out == null ? text : out.toString();
  }

  /** Whether {@code address} is an absolute http or https URL with a host: the only links out. */
  static boolean isWebAddress(String address) {
    try {
      URI uri = new URI(address);
      String scheme = uri.getScheme();
      return scheme != null
          && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * A link to {@code address} showing {@code label} when it is a web address ({@link
   * #isWebAddress}), with {@code rel="noopener noreferrer"}; otherwise the address as text.
   */
  static String externalLink(String address, String label) {
    if (!isWebAddress(address)) {
      return "<span class=\"url\">" + esc(label) + "</span>";
    }
    return "<a class=\"url\" href=\""
        + esc(address)
        + "\" rel=\""
        + EXTERNAL_REL
        + "\">"
        + esc(label)
        + "</a>";
  }

  /** An element id for a source id; only letters, digits, '-' and '_'. */
  static String anchor(String sourceId) {
    return "source-" + sourceId.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  /** {@code text} on one line, whitespace collapsed, cut to {@code max} characters with "…". */
  static String cut(String text, int max) {
    String flat = text.replaceAll("\\s+", " ").strip();
    if (flat.length() <= max) {
      return flat;
    }
    int end = Character.isLowSurrogate(flat.charAt(max)) ? max - 1 : max;
    return flat.substring(0, end) + "…";
  }

  /** A duration as people read it: 850ms, 4.2s, 3m05s, 1h02m. */
  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long s = d.toSeconds();
    return s < 3600
        ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
        : String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }

  /** A token count, short: 950, 12.3k, 1.2M. */
  static String tokens(long n) {
    if (n < 1000) {
      return Long.toString(n);
    }
    return n < 1_000_000
        ? String.format(Locale.ROOT, "%.1fk", n / 1000.0)
        : String.format(Locale.ROOT, "%.1fM", n / 1_000_000.0);
  }

  /** "1 source", "2 sources". */
  static String plural(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
