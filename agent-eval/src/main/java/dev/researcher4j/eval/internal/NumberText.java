package dev.researcher4j.eval.internal;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the number in a short answer, whatever it is dressed in: thousands separators ({@code
 * 1,234,567}), currency and percent signs, units ({@code 42 km}), a Unicode minus, scientific
 * notation ({@code 3e8}, {@code 3 × 10^8}) and scale words ({@code 2.5 million}).
 */
public final class NumberText {
  private NumberText() {}

  private static final Pattern GROUPED =
      Pattern.compile("(?<=\\d)[,\u202F\u00A0'](?=\\d{3}(?!\\d))");
  private static final Pattern NUMBER =
      Pattern.compile(
          "(?<![\\w.])([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?)"
              + "(?:\\s*[x×·*]\\s*10\\s*\\^\\s*\\(?([-+]?\\d+)\\)?)?"
              + "(?:\\s*(thousand|million|billion|trillion)\\b)?",
          Pattern.CASE_INSENSITIVE);

  /** The first number in {@code text}, or empty when there is none. */
  public static OptionalDouble firstNumber(String text) {
    if (text == null) {
      return OptionalDouble.empty();
    }
    String s = text.replace('\u2212', '-').replace('\u2013', '-');
    // Thousands separators go only where they group exactly three digits, so "1,2" (a list)
    // keeps its comma while "1,234,567" becomes one number.
    String previous;
    do {
      previous = s;
      s = GROUPED.matcher(s).replaceAll("");
    } while (!s.equals(previous));
    Matcher m = NUMBER.matcher(s);
    if (!m.find()) {
      return OptionalDouble.empty();
    }
    double value;
    try {
      value = Double.parseDouble(m.group(1));
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
    if (m.group(2) != null) {
      value *= Math.pow(10, Integer.parseInt(m.group(2)));
    }
    if (m.group(3) != null) {
      switch (m.group(3).toLowerCase(Locale.ROOT)) {
        case "thousand" -> value *= 1e3;
        case "million" -> value *= 1e6;
        case "billion" -> value *= 1e9;
        default -> value *= 1e12;
      }
    }
    return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
  }
}
