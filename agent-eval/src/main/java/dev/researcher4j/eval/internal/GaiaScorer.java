package dev.researcher4j.eval.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * GAIA's quasi-exact match, rule for rule as the benchmark's {@code question_scorer}.
 *
 * <ol>
 *   <li>When the reference parses as a float (Python's {@code float()} syntax: surrounding
 *       whitespace, sign, {@code _} between digits, exponent, {@code inf}, {@code nan}), the answer
 *       has {@code $ % ,} removed and is parsed the same way; they must be equal.
 *   <li>Else, when the reference contains {@code ,} or {@code ;}, both are split on {@code [,;]};
 *       the lists must have the same length and each pair must match: as numbers (rule 1) when the
 *       reference element is a float, else as strings with all whitespace removed and lowercased
 *       (punctuation kept).
 *   <li>Else both strings have all whitespace removed, are lowercased and lose ASCII punctuation,
 *       and must be equal.
 * </ol>
 *
 * <p>One deliberate difference: GAIA maps an answer that does not parse as a number to infinity, so
 * any unreadable answer "equals" a reference of {@code inf}; here it never matches. There is no
 * numeric tolerance and no article rule, as in GAIA. Consequence worth knowing (also GAIA's): a
 * reference written with a thousands separator, {@code 1,000}, is not a float, so it is compared as
 * a two-element list.
 */
public final class GaiaScorer {
  private GaiaScorer() {}

  private static final String DIGITS = "[0-9](?:_?[0-9])*";
  private static final Pattern PYTHON_FLOAT =
      Pattern.compile(
          "[+-]?(?:(?:"
              + DIGITS
              + "(?:\\."
              + "(?:"
              + DIGITS
              + ")?)?|\\."
              + DIGITS
              + ")(?:[eE][+-]?"
              + DIGITS
              + ")?|(?i:inf|infinity|nan))");
  private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s");
  private static final Pattern LIST_SEPARATOR = Pattern.compile("[,;]");
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  /** Whether {@code modelAnswer} matches {@code groundTruth} by GAIA's rules. */
  public static boolean matches(String modelAnswer, String groundTruth) {
    String answer = modelAnswer == null ? "None" : modelAnswer;
    OptionalDouble truth = pythonFloat(groundTruth);
    if (truth.isPresent()) {
      return numberEquals(answer, truth.getAsDouble());
    }
    if (groundTruth.indexOf(',') >= 0 || groundTruth.indexOf(';') >= 0) {
      List<String> truthParts = split(groundTruth);
      List<String> answerParts = split(answer);
      if (truthParts.size() != answerParts.size()) {
        return false;
      }
      for (int i = 0; i < truthParts.size(); i++) {
        OptionalDouble element = pythonFloat(truthParts.get(i));
        boolean same =
            element.isPresent()
                ? numberEquals(answerParts.get(i), element.getAsDouble())
                : normalizeString(answerParts.get(i), false)
                    .equals(normalizeString(truthParts.get(i), false));
        if (!same) {
          return false;
        }
      }
      return true;
    }
    return normalizeString(answer, true).equals(normalizeString(groundTruth, true));
  }

  /** The value of {@code text} by Python's {@code float()}, or empty when it would raise. */
  public static OptionalDouble pythonFloat(String text) {
    String s = text.strip();
    if (!PYTHON_FLOAT.matcher(s).matches()) {
      return OptionalDouble.empty();
    }
    String plain = s.replace("_", "").toLowerCase(Locale.ROOT);
    String unsigned = plain.startsWith("+") || plain.startsWith("-") ? plain.substring(1) : plain;
    boolean negative = plain.startsWith("-");
    if (unsigned.startsWith("inf")) {
      return OptionalDouble.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    if (unsigned.equals("nan")) {
      return OptionalDouble.of(Double.NaN);
    }
    return OptionalDouble.of(Double.parseDouble(plain));
  }

  /** GAIA's {@code normalize_number_str}: {@code $ % ,} removed, then parsed; empty on failure. */
  public static OptionalDouble normalizeNumber(String text) {
    return pythonFloat(text.replace("$", "").replace("%", "").replace(",", ""));
  }

  /**
   * GAIA's {@code normalize_str}: whitespace removed, lowercased, optionally punctuation removed.
   */
  public static String normalizeString(String text, boolean removePunctuation) {
    String noSpaces = WHITESPACE.matcher(text).replaceAll("").toLowerCase(Locale.ROOT);
    if (!removePunctuation) {
      return noSpaces;
    }
    StringBuilder kept = new StringBuilder(noSpaces.length());
    for (int i = 0; i < noSpaces.length(); i++) {
      char c = noSpaces.charAt(i);
      if (PUNCTUATION.indexOf(c) < 0) {
        kept.append(c);
      }
    }
    return kept.toString();
  }

  /** GAIA's {@code split_string}: on every {@code ,} and {@code ;}, empty parts kept. */
  static List<String> split(String text) {
    return new ArrayList<>(List.of(LIST_SEPARATOR.split(text, -1)));
  }

  private static boolean numberEquals(String answer, double truth) {
    OptionalDouble value = normalizeNumber(answer);
    // NaN never equals anything, as in Python.
    return value.isPresent() && value.getAsDouble() == truth;
  }
}
