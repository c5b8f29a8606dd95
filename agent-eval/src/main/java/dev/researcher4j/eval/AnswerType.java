package dev.researcher4j.eval;

import java.util.Locale;
import java.util.Optional;

/**
 * How an item's reference answer is to be compared, which picks its default grader.
 *
 * <p>The JSON names ({@link #jsonName()}) are {@code exact}, {@code numeric}, {@code
 * multiple_choice} and {@code free_text}; {@link #UNSPECIFIED} is written as no field at all.
 */
public enum AnswerType {
  /** A short answer compared by normalised exact match (GAIA's rules). */
  EXACT("exact"),
  /** A number, compared with a tolerance after units and separators are stripped. */
  NUMERIC("numeric"),
  /** An option letter ({@code A}, {@code B}, …). */
  MULTIPLE_CHOICE("multiple_choice"),
  /** Free text that only a judge can compare. */
  FREE_TEXT("free_text"),
  /** The dataset did not say; the evaluation's default grader decides. */
  UNSPECIFIED("");

  private final String jsonName;

  AnswerType(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name used in dataset files; empty for {@link #UNSPECIFIED}. */
  public String jsonName() {
    return jsonName;
  }

  /**
   * The type a dataset's {@code answer_type} value names, tolerant of the spellings public
   * benchmarks use ({@code exactMatch} and {@code multipleChoice} from HLE, {@code mc}, {@code
   * number}, {@code free}, …), or empty when the value names none of them.
   */
  public static Optional<AnswerType> fromName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String key = name.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
    switch (key) {
      case "exact":
      case "exactmatch":
      case "em":
      case "short":
      case "shortanswer":
        return Optional.of(EXACT);
      case "numeric":
      case "number":
      case "numerical":
      case "float":
      case "integer":
        return Optional.of(NUMERIC);
      case "multiplechoice":
      case "mc":
      case "mcq":
      case "choice":
        return Optional.of(MULTIPLE_CHOICE);
      case "freetext":
      case "free":
      case "freeform":
      case "open":
      case "openended":
      case "text":
        return Optional.of(FREE_TEXT);
      default:
        return Optional.empty();
    }
  }
}
