package dev.researcher4j.core.http;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that may reach logs, exceptions or trajectories: the configured secret
 * values wherever they appear, and the values of credential-like URL query parameters and headers.
 */
public final class Redactor {

  /** What a removed secret is replaced with. */
  public static final String MASK = "***";

  private static final Pattern QUERY_SECRET =
      Pattern.compile(
          "(?i)([?&](?:api[_-]?key|apikey|key|token|access[_-]?token|secret|password|auth)=)[^&#\\s\"']*");
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}");

  private final List<String> secrets;

  /** A redactor for these secret values (blank ones are ignored). */
  public Redactor(List<String> secrets) {
    this.secrets =
        Objects.requireNonNull(secrets, "secrets").stream()
            .filter(s -> s != null && s.length() >= 4)
            .toList();
  }

  /** A redactor that knows no secret values, only the patterns. */
  public static Redactor patternsOnly() {
    return new Redactor(List.of());
  }

  /**
   * {@code text} with the configured secret values replaced by {@value #MASK}, and nothing else
   * changed: for research text (replies, pages), where credential-like patterns may be content.
   * Returns the same instance when no secret occurs.
   */
  public String maskValues(String text) {
    if (text == null || text.isEmpty()) {
      return text == null ? "" : text;
    }
    String result = text;
    for (String secret : secrets) {
      if (result.contains(secret)) {
        result = result.replace(secret, MASK);
      }
    }
    return result;
  }

  /** {@code text} with every secret replaced by {@value #MASK}. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text == null ? "" : text;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    result = QUERY_SECRET.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    result = BEARER.matcher(result).replaceAll("$1" + MASK);
    return result;
  }
}
