package dev.researcher4j.core.trajectory.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data and secrets from text before it leaves for training: e-mail addresses,
 * API-key-like strings, bearer tokens, and any patterns you add. Exports apply it to every string
 * of every row (messages, tool calls' arguments, tool results, reasoning, answers), never to field
 * names or numbers.
 *
 * <p>{@link #defaults()} replaces
 *
 * <ul>
 *   <li>bearer tokens ({@code Authorization: Bearer …}) with {@value #TOKEN};
 *   <li>API keys shaped like OpenAI's ({@code sk-…}, {@code sk-proj-…}), Anthropic's ({@code
 *       sk-ant-…}), GitHub's ({@code ghp_…}, {@code github_pat_…}), AWS access key ids ({@code
 *       AKIA…}), Google's ({@code AIza…}) and Slack's ({@code xoxb-…}) with {@value #KEY};
 *   <li>e-mail addresses with {@value #EMAIL}.
 * </ul>
 *
 * <p>Patterns are applied in that order, then custom ones in the order added. Immutable and
 * thread-safe.
 */
public final class Redaction {

  /** What a bearer token becomes. */
  public static final String TOKEN = "[REDACTED_TOKEN]";

  /** What an API key becomes. */
  public static final String KEY = "[REDACTED_KEY]";

  /** What an e-mail address becomes. */
  public static final String EMAIL = "[REDACTED_EMAIL]";

  /** What a custom pattern's match becomes unless told otherwise. */
  public static final String DEFAULT_REPLACEMENT = "[REDACTED]";

  private static final Pattern BEARER =
      Pattern.compile("(?i)\\b(bearer)\\s+[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern API_KEY =
      Pattern.compile(
          "\\b(?:sk-(?:proj-|ant-(?:api\\d\\d-)?)?[A-Za-z0-9_-]{16,}"
              + "|gh[pousr]_[A-Za-z0-9]{20,}"
              + "|github_pat_[A-Za-z0-9_]{20,}"
              + "|AKIA[0-9A-Z]{16}"
              + "|AIza[0-9A-Za-z_-]{35}"
              + "|xox[abposr]-[A-Za-z0-9-]{10,})");
  private static final Pattern EMAIL_ADDRESS =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  private record Rule(Pattern pattern, String replacement) {}

  private static final Redaction NONE = new Redaction(List.of());
  private static final Redaction DEFAULTS = builder().build();

  private final List<Rule> rules;

  private Redaction(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Nothing is redacted. */
  public static Redaction none() {
    return NONE;
  }

  /** Bearer tokens, API keys and e-mail addresses are redacted. */
  public static Redaction defaults() {
    return DEFAULTS;
  }

  /** A builder with the defaults on and no custom patterns. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code text} with every match replaced. */
  public String apply(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (Rule rule : rules) {
      Matcher m = rule.pattern().matcher(result);
      if (m.find()) {
        result = m.replaceAll(rule.replacement());
      }
    }
    return result;
  }

  /** Redacts every string value inside {@code node}, in place; returns it. */
  public JsonNode applyTo(JsonNode node) {
    if (rules.isEmpty()) {
      return node;
    }
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.properties().forEach(e -> names.add(e.getKey()));
      for (String name : names) {
        JsonNode value = object.get(name);
        if (value.isTextual()) {
          object.set(name, TextNode.valueOf(apply(value.asText())));
        } else {
          applyTo(value);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode element = array.get(i);
        if (element.isTextual()) {
          array.set(i, TextNode.valueOf(apply(element.asText())));
        } else {
          applyTo(element);
        }
      }
    }
    return node;
  }

  /** Builds a {@link Redaction}; not thread-safe. */
  public static final class Builder {
    private boolean bearerTokens = true;
    private boolean apiKeys = true;
    private boolean emails = true;
    private final List<Rule> custom = new ArrayList<>();

    private Builder() {}

    /** Whether bearer tokens are redacted; default true. */
    public Builder bearerTokens(boolean on) {
      this.bearerTokens = on;
      return this;
    }

    /** Whether API-key-like strings are redacted; default true. */
    public Builder apiKeys(boolean on) {
      this.apiKeys = on;
      return this;
    }

    /** Whether e-mail addresses are redacted; default true. */
    public Builder emails(boolean on) {
      this.emails = on;
      return this;
    }

    /** Replaces matches of {@code regex} with {@value #DEFAULT_REPLACEMENT}. */
    public Builder pattern(String regex) {
      return pattern(regex, DEFAULT_REPLACEMENT);
    }

    /**
     * Replaces matches of {@code regex} with {@code replacement} (taken literally).
     *
     * @throws IllegalArgumentException if {@code regex} is not a valid pattern or matches the empty
     *     string
     */
    public Builder pattern(String regex, String replacement) {
      Objects.requireNonNull(regex, "regex is required, but was null");
      Objects.requireNonNull(replacement, "replacement is required, but was null");
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex);
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "regex must be a valid pattern, but was '" + regex + "': " + e.getDescription(), e);
      }
      if (pattern.matcher("").matches()) {
        throw new IllegalArgumentException(
            "regex must not match the empty string, but '" + regex + "' does");
      }
      custom.add(new Rule(pattern, Matcher.quoteReplacement(replacement)));
      return this;
    }

    /** Builds the redaction. */
    public Redaction build() {
      List<Rule> rules = new ArrayList<>();
      if (bearerTokens) {
        rules.add(new Rule(BEARER, "$1 " + Matcher.quoteReplacement(TOKEN)));
      }
      if (apiKeys) {
        rules.add(new Rule(API_KEY, Matcher.quoteReplacement(KEY)));
      }
      if (emails) {
        rules.add(new Rule(EMAIL_ADDRESS, Matcher.quoteReplacement(EMAIL)));
      }
      rules.addAll(custom);
      return new Redaction(rules);
    }
  }
}
