package dev.researcher4j.core.internal.json;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Separates reasoning that a model wrote inline ({@code <think>…</think>}, {@code
 * <thinking>…</thinking>}, {@code <reasoning>…</reasoning>}) from its answer text.
 *
 * <p>Handles the shapes servers produce: well-formed blocks anywhere, a closing tag without an
 * opening one (some chat templates put the opening tag in the prompt), and an opening tag never
 * closed (the answer was cut off while thinking: everything after it is reasoning).
 */
public final class ReasoningText {
  private ReasoningText() {}

  /** The answer without reasoning, and the reasoning (blocks joined by blank lines). */
  public record Split(String answer, String reasoning) {}

  private static final Pattern BLOCK =
      Pattern.compile("(?is)<(think|thinking|reasoning)>(.*?)</\\1>");
  private static final Pattern OPEN = Pattern.compile("(?is)<(think|thinking|reasoning)>");
  private static final Pattern CLOSE = Pattern.compile("(?is)</(think|thinking|reasoning)>");

  /** Splits {@code text}; {@code null} counts as empty. */
  public static Split split(String text) {
    if (text == null || text.isEmpty()) {
      return new Split("", "");
    }
    StringBuilder reasoning = new StringBuilder();
    String rest = text;

    // A closing tag before any opening tag: everything before it was reasoning.
    Matcher close = CLOSE.matcher(rest);
    Matcher open = OPEN.matcher(rest);
    if (close.find() && (!open.find() || open.start() > close.start())) {
      append(reasoning, rest.substring(0, close.start()));
      rest = rest.substring(close.end());
    }

    Matcher block = BLOCK.matcher(rest);
    StringBuilder answer = new StringBuilder();
    int last = 0;
    while (block.find()) {
      answer.append(rest, last, block.start());
      append(reasoning, block.group(2));
      last = block.end();
    }
    answer.append(rest.substring(last));

    // An opening tag never closed: the rest is unfinished reasoning.
    String remaining = answer.toString();
    Matcher unclosed = OPEN.matcher(remaining);
    if (unclosed.find()) {
      append(reasoning, remaining.substring(unclosed.end()));
      remaining = remaining.substring(0, unclosed.start());
    }
    return new Split(remaining.strip(), reasoning.toString());
  }

  private static void append(StringBuilder reasoning, String part) {
    String trimmed = part.strip();
    if (trimmed.isEmpty()) {
      return;
    }
    if (reasoning.length() > 0) {
      reasoning.append("\n\n");
    }
    reasoning.append(trimmed);
  }
}
