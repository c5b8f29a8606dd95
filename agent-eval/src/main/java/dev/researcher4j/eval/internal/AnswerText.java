package dev.researcher4j.eval.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the final answer and stated confidence out of a response. */
public final class AnswerText {
  private AnswerText() {}

  // Labels in priority order: a GAIA "FINAL ANSWER:" beats BrowseComp's "Exact Answer:", which
  // beats HLE's plain "Answer:". The last occurrence of a label wins: models restate.
  private static final List<Pattern> ANSWER_LINES =
      List.of(label("final\\s+answer"), label("exact\\s+answer"), label("answer"));

  private static final Pattern CONFIDENCE =
      Pattern.compile(
          "(?im)^[\\s>*_#-]*confidence(?:\\s+score)?[*_]*\\s*[:：]\\s*[*_]*\\s*"
              + "([0-9]{1,3}(?:\\.[0-9]+)?)\\s*(%?)");

  private static Pattern label(String name) {
    return Pattern.compile("(?im)^[\\s>*_#-]*(?:" + name + ")[*_]*\\s*[:：]\\s*(.*?)\\s*$");
  }

  /**
   * The answer a response gives: the text after the last {@code FINAL ANSWER:}, else {@code Exact
   * Answer:}, else {@code Answer:} line label (Markdown emphasis removed); the whole response,
   * trimmed, when it has no such line.
   */
  public static String finalAnswer(String response) {
    if (response == null) {
      return "";
    }
    for (Pattern pattern : ANSWER_LINES) {
      Matcher m = pattern.matcher(response);
      String last = null;
      while (m.find()) {
        last = m.group(1);
      }
      if (last != null && !stripEmphasis(last).isBlank()) {
        return stripEmphasis(last);
      }
    }
    return response.strip();
  }

  /**
   * The confidence a response states on a {@code Confidence: 85%} line, in [0, 1]; {@code NaN} when
   * it states none. Values above 1 are read as percentages.
   */
  public static double confidence(String response) {
    if (response == null) {
      return Double.NaN;
    }
    Matcher m = CONFIDENCE.matcher(response);
    double found = Double.NaN;
    while (m.find()) {
      double value = Double.parseDouble(m.group(1));
      boolean percent = !m.group(2).isEmpty() || value > 1;
      double fraction = percent ? value / 100 : value;
      found = fraction >= 0 && fraction <= 1 ? fraction : Double.NaN;
    }
    return found;
  }

  /** A 0–100 or 0–1 confidence as written by a judge ("85", "85%", "0.85"), or NaN. */
  public static double parseConfidence(String text) {
    if (text == null) {
      return Double.NaN;
    }
    Matcher m = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(%?)").matcher(text);
    if (!m.find()) {
      return Double.NaN;
    }
    double value = Double.parseDouble(m.group(1));
    double fraction = !m.group(2).isEmpty() || value > 1 ? value / 100 : value;
    return fraction >= 0 && fraction <= 1 ? fraction : Double.NaN;
  }

  static String stripEmphasis(String text) {
    String s = text.strip();
    while (s.length() >= 2
        && (s.startsWith("**") && s.endsWith("**") || s.startsWith("__") && s.endsWith("__"))) {
      s = s.substring(2, s.length() - 2).strip();
    }
    if (s.startsWith("**")) {
      s = s.substring(2).strip();
    }
    if (s.endsWith("**")) {
      s = s.substring(0, s.length() - 2).strip();
    }
    return s;
  }
}
