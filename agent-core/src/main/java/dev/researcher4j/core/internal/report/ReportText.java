package dev.researcher4j.core.internal.report;

import dev.researcher4j.core.internal.cite.SourceIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures report text: words (prose only: headings, citation markers and flags are not counted),
 * paragraphs, and 8-word shingles, by which repetition across sections is found. Pure.
 */
public final class ReportText {
  private ReportText() {}

  /** Words per shingle. */
  public static final int SHINGLE = 8;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’.,-]*");
  private static final Pattern FLAG =
      Pattern.compile("\\*\\((?:unverified|not verified)[^)]*\\)\\*");
  private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s");

  /** The words of {@code markdown}'s prose: headings, citation markers and flags left out. */
  public static int words(String markdown) {
    int count = 0;
    for (String line : markdown.split("\n")) {
      if (HEADING.matcher(line).find()) {
        continue;
      }
      String prose = SourceIds.MARKER.matcher(FLAG.matcher(line).replaceAll(" ")).replaceAll(" ");
      Matcher word = WORD.matcher(prose);
      while (word.find()) {
        count++;
      }
    }
    return count;
  }

  /** The paragraphs of {@code markdown}: blocks between blank lines, headings left out. */
  public static List<String> paragraphs(String markdown) {
    List<String> paragraphs = new ArrayList<>();
    for (String block : markdown.strip().split("\\n\\s*\\n")) {
      String text = block.strip();
      if (!text.isEmpty() && !HEADING.matcher(text).find()) {
        paragraphs.add(text);
      }
    }
    return paragraphs;
  }

  /** Whether {@code paragraph} cites at least one source id. */
  public static boolean cites(String paragraph) {
    return SourceIds.MARKER.matcher(paragraph).find();
  }

  /** The 8-word shingles of {@code text}'s prose, lower-cased, markers and punctuation left out. */
  public static Set<String> shingles(String text) {
    String prose = SourceIds.MARKER.matcher(FLAG.matcher(text).replaceAll(" ")).replaceAll(" ");
    List<String> words = new ArrayList<>();
    Matcher word = Pattern.compile("[\\p{L}\\p{N}]+").matcher(prose.toLowerCase(Locale.ROOT));
    while (word.find()) {
      words.add(word.group());
    }
    Set<String> shingles = new HashSet<>();
    for (int i = 0; i + SHINGLE <= words.size(); i++) {
      shingles.add(String.join(" ", words.subList(i, i + SHINGLE)));
    }
    return shingles;
  }

  /**
   * The share of {@code text}'s shingles found in {@code seen}, in [0, 1]; 0 for text too short to
   * have shingles.
   */
  public static double overlap(Set<String> shingles, Set<String> seen) {
    if (shingles.isEmpty()) {
      return 0;
    }
    int shared = 0;
    for (String shingle : shingles) {
      if (seen.contains(shingle)) {
        shared++;
      }
    }
    return (double) shared / shingles.size();
  }
}
