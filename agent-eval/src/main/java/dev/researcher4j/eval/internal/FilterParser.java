package dev.researcher4j.eval.internal;

import dev.researcher4j.eval.HardCaseFilter;
import dev.researcher4j.eval.ItemStats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the hard-case filter language: {@code or} of {@code and} of (possibly {@code not})
 * keywords, comparisons and parenthesised expressions.
 */
public final class FilterParser {

  private static final Pattern TOKEN =
      Pattern.compile(
          "\\s*(<=|>=|==|!=|<|>|=|\\(|\\)|-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)|[A-Za-z_][A-Za-z0-9_@-]*)");
  private static final Pattern PASS_AT = Pattern.compile("pass@(\\d+)");

  private final String text;
  private final List<String> tokens = new ArrayList<>();
  private final List<Integer> positions = new ArrayList<>();
  private int next;

  private FilterParser(String text) {
    this.text = text;
    Matcher m = TOKEN.matcher(text);
    int at = 0;
    while (at < text.length()) {
      if (text.substring(at).isBlank()) {
        break;
      }
      if (!m.find(at) || m.start() != at) {
        throw error(at, "unexpected character '" + text.charAt(skipSpace(at)) + "'");
      }
      tokens.add(m.group(1));
      positions.add(m.start(1));
      at = m.end();
    }
  }

  private int skipSpace(int at) {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    return Math.min(at, text.length() - 1);
  }

  /** The filter {@code expression} describes. */
  public static HardCaseFilter parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("filter is required, but was blank");
    }
    FilterParser parser = new FilterParser(expression);
    HardCaseFilter filter = parser.or();
    if (parser.next < parser.tokens.size()) {
      throw parser.error(
          parser.position(), "expected 'and', 'or' or the end, found '" + parser.peek() + "'");
    }
    return filter;
  }

  private HardCaseFilter or() {
    HardCaseFilter filter = and();
    while (accept("or")) {
      filter = filter.or(and());
    }
    return filter;
  }

  private HardCaseFilter and() {
    HardCaseFilter filter = unary();
    while (accept("and")) {
      filter = filter.and(unary());
    }
    return filter;
  }

  private HardCaseFilter unary() {
    int at = position();
    if (accept("not")) {
      HardCaseFilter inner = unary();
      String shown = text.substring(at).strip();
      return stats -> inner.select(stats).isPresent() ? Optional.empty() : Optional.of(shown);
    }
    return primary();
  }

  private HardCaseFilter primary() {
    String token = peek();
    if (token == null) {
      throw error(text.length(), "expected a filter, found the end");
    }
    if (token.equals("(")) {
      next++;
      HardCaseFilter inner = or();
      expect(")");
      return inner;
    }
    String lower = token.toLowerCase(Locale.ROOT);
    if (isNumber(token)) {
      return chainedComparison();
    }
    if (!isOperator(peek(1)) && !"between".equalsIgnoreCase(peek(1))) {
      switch (lower) {
        case "never_solved", "never-solved", "unsolved" -> {
          next++;
          return HardCaseFilter.neverSolved();
        }
        case "never" -> {
          next++;
          expect("solved");
          return HardCaseFilter.neverSolved();
        }
        case "grader_error", "grader_errors", "grader-error" -> {
          next++;
          return HardCaseFilter.hasGraderError();
        }
        case "always_solved", "always-solved" -> {
          next++;
          return stats ->
              stats.n() > 0 && stats.correct() == stats.n()
                  ? Optional.of("always solved (" + stats.n() + " of " + stats.n() + ")")
                  : Optional.empty();
        }
        default -> throw error(position(), "unknown filter '" + token + "'");
      }
    }
    Metric metric = metric();
    if (accept("between")) {
      double low = number();
      expect("and");
      double high = number();
      return compare(metric, ">=", low).and(compare(metric, "<=", high));
    }
    String op = operator();
    double value = number();
    HardCaseFilter filter = compare(metric, op, value);
    if (isOperator(peek())) {
      String op2 = operator();
      double value2 = number();
      filter = filter.and(compare(metric, op2, value2));
    }
    return filter;
  }

  private HardCaseFilter chainedComparison() {
    double low = number();
    String op1 = operator();
    Metric metric = metric();
    String op2 = operator();
    double high = number();
    return compare(metric, flip(op1), low).and(compare(metric, op2, high));
  }

  private record Metric(String name, ToDoubleFunction<ItemStats> value) {}

  private Metric metric() {
    String token = peek();
    if (token == null) {
      throw error(text.length(), "expected a figure (pass@K, avg, n, c), found the end");
    }
    String lower = token.toLowerCase(Locale.ROOT);
    Matcher passAt = PASS_AT.matcher(lower);
    Metric metric;
    if (passAt.matches()) {
      int k = Integer.parseInt(passAt.group(1));
      if (k < 1) {
        throw error(position(), "pass@K needs K >= 1");
      }
      metric = new Metric("pass@" + k, s -> s.n() >= k ? s.passAtK(k) : Double.NaN);
    } else {
      metric =
          switch (lower) {
            case "avg", "avg@n", "mean" -> new Metric("avg", ItemStats::avg);
            case "n" -> new Metric("n", s -> s.n());
            case "c", "correct" -> new Metric("c", s -> s.correct());
            case "attempts" -> new Metric("attempts", s -> s.attempts());
            case "grader_errors", "grader_error" ->
                new Metric("grader_errors", s -> s.graderErrors());
            default ->
                throw error(
                    position(),
                    "unknown figure '"
                        + token
                        + "' (use pass@K, avg, n, c, attempts, grader_errors)");
          };
    }
    next++;
    return metric;
  }

  private static HardCaseFilter compare(Metric metric, String op, double bound) {
    String shownBound = BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
    return stats -> {
      double value = metric.value().applyAsDouble(stats);
      if (Double.isNaN(value)) {
        return Optional.empty();
      }
      boolean holds =
          switch (op) {
            case "<" -> value < bound;
            case "<=" -> value <= bound;
            case ">" -> value > bound;
            case ">=" -> value >= bound;
            case "!=" -> value != bound;
            default -> value == bound;
          };
      return holds
          ? Optional.of(
              String.format(
                  Locale.ROOT, "%s = %s %s %s", metric.name(), show(value), op, shownBound))
          : Optional.empty();
    };
  }

  private static String show(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.3f", value);
  }

  private static String flip(String op) {
    return switch (op) {
      case "<" -> ">";
      case "<=" -> ">=";
      case ">" -> "<";
      case ">=" -> "<=";
      default -> op;
    };
  }

  private String operator() {
    String token = peek();
    if (!isOperator(token)) {
      throw error(position(), "expected a comparison (< <= > >= = !=), found " + describe(token));
    }
    next++;
    return token.equals("==") ? "=" : token;
  }

  private double number() {
    String token = peek();
    if (!isNumber(token)) {
      throw error(position(), "expected a number, found " + describe(token));
    }
    next++;
    return Double.parseDouble(token);
  }

  private void expect(String word) {
    if (!accept(word)) {
      throw error(position(), "expected '" + word + "', found " + describe(peek()));
    }
  }

  private boolean accept(String word) {
    String token = peek();
    if (token != null && token.equalsIgnoreCase(word)) {
      next++;
      return true;
    }
    return false;
  }

  private String peek() {
    return peek(0);
  }

  private String peek(int ahead) {
    int i = next + ahead;
    return i < tokens.size() ? tokens.get(i) : null;
  }

  private int position() {
    return next < positions.size() ? positions.get(next) : text.length();
  }

  private static boolean isOperator(String token) {
    return token != null && token.matches("<=|>=|==|!=|<|>|=");
  }

  private static boolean isNumber(String token) {
    return token != null && token.matches("-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)");
  }

  private static String describe(String token) {
    return token == null ? "the end" : "'" + token + "'";
  }

  private IllegalArgumentException error(int at, String what) {
    return new IllegalArgumentException(
        "cannot parse filter '" + text + "' at position " + at + ": " + what);
  }
}
