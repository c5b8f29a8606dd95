package dev.researcher4j.core.internal.loop;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the prompt templates: {@code {{name}}} is replaced by its value (empty when absent), and
 * a section {@code {{#name}}…{{/name}}} is kept only when {@code name} has a non-blank value.
 * Deliberately tiny: prompts are text, not programs.
 */
public final class Template {
  private Template() {}

  private static final Pattern SECTION = Pattern.compile("(?s)\\{\\{#(\\w+)}}(.*?)\\{\\{/\\1}}");
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{(\\w+)}}");

  /** {@code template} with its sections resolved and its variables replaced. */
  public static String render(String template, Map<String, String> values) {
    Matcher sections = SECTION.matcher(template);
    String withSections =
        sections.replaceAll(
            m -> {
              String value = values.get(m.group(1));
              return value == null || value.isBlank() ? "" : Matcher.quoteReplacement(m.group(2));
            });
    Matcher variables = VARIABLE.matcher(withSections);
    return variables
        .replaceAll(m -> Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")))
        .strip();
  }
}
