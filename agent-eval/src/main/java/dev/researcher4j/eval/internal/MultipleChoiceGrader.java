package dev.researcher4j.eval.internal;

import dev.researcher4j.api.Grade;
import dev.researcher4j.eval.EvalItem;
import dev.researcher4j.eval.Grader;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The option letter of a multiple-choice answer compared with the reference letter. Reads "Answer:
 * C", "the answer is (C)", "**C**", "C. Paris", "(C)" and a bare "C". Stateless and thread-safe.
 */
public final class MultipleChoiceGrader implements Grader {

  /** This grader's id and version. */
  public static final String ID = "multiple-choice/1";

  private static final Pattern REFERENCE =
      Pattern.compile("^\\s*[(\\[]?([A-Za-z])[)\\].:]?(?:\\s.*)?$", Pattern.DOTALL);

  // Tried in order; within one pattern the last match wins, because models restate the choice
  // at the end. The letter after "answer is" must be upper case so that "the answer is a …" is
  // not read as option A.
  private static final List<Pattern> LABELLED =
      List.of(
          Pattern.compile(
              "(?i:final\\s+answer|exact\\s+answer|answer)[*_]*\\s*[:：]\\s*[*_]*\\s*"
                  + "[(\\[]?([A-Za-z])[)\\]]?(?![A-Za-z0-9'’])"),
          Pattern.compile(
              "(?i:answer\\s+is|correct\\s+(?:option|choice)\\s+is|i\\s+choose)\\s*[:：]?\\s*"
                  + "[*_]*\\s*(?:option\\s+)?[(\\[]?([A-Z])[)\\]]?(?![A-Za-z0-9'’])"));
  private static final Pattern BARE =
      Pattern.compile("^[*_\\s]*[(\\[]?([A-Za-z])[)\\]]?[.:]?[*_\\s]*$");
  private static final Pattern LEADING = Pattern.compile("^[*_\\s]*[(\\[]?([A-Z])[)\\].:]\\s");
  private static final Pattern PARENTHESISED = Pattern.compile("\\(([A-Z])\\)");
  private static final Pattern BOLD = Pattern.compile("\\*\\*\\(?([A-Z])\\)?\\*\\*");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Grade grade(EvalItem item, String response) {
    Matcher reference = REFERENCE.matcher(item.answer());
    if (!reference.matches()) {
      return Grades.error(ID, "", "the reference answer is not an option letter: " + item.answer());
    }
    if (response == null || response.isBlank()) {
      return Grades.notAttempted(ID, "");
    }
    String expected = reference.group(1).toUpperCase(Locale.ROOT);
    double confidence = AnswerText.confidence(response);
    Optional<String> letter = letter(response);
    if (letter.isEmpty()) {
      return Grades.decided(ID, "", false, "", "no option letter found in the answer", confidence);
    }
    boolean correct = letter.get().equals(expected);
    return Grades.decided(
        ID,
        "",
        correct,
        letter.get(),
        correct ? "chose " + expected : "chose " + letter.get() + ", the reference is " + expected,
        confidence);
  }

  /** The option letter chosen in {@code response}, upper case. */
  static Optional<String> letter(String response) {
    for (Pattern pattern : LABELLED) {
      Matcher m = pattern.matcher(response);
      String last = null;
      while (m.find()) {
        last = m.group(1);
      }
      if (last != null) {
        return Optional.of(last.toUpperCase(Locale.ROOT));
      }
    }
    String trimmed = response.strip();
    Matcher bare = BARE.matcher(trimmed);
    if (bare.matches()) {
      return Optional.of(bare.group(1).toUpperCase(Locale.ROOT));
    }
    Matcher leading = LEADING.matcher(trimmed);
    if (leading.find()) {
      return Optional.of(leading.group(1));
    }
    for (Pattern pattern : List.of(BOLD, PARENTHESISED)) {
      Set<String> letters = new LinkedHashSet<>();
      Matcher m = pattern.matcher(response);
      while (m.find()) {
        letters.add(m.group(1));
      }
      // Only one distinct letter is a choice; "(A) … (B) … (C)" is the options listed again.
      if (letters.size() == 1) {
        return Optional.of(letters.iterator().next());
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return ID;
  }
}
