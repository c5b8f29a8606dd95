package dev.researcher4j.api;

import java.util.Map;

/**
 * The training signal of a run.
 *
 * @param value the scalar a trainer uses
 * @param components its parts (e.g. {@code correctness}, {@code format}, {@code efficiency})
 * @param source what computed it (a grader id), or empty
 */
public record Reward(double value, Map<String, Double> components, String source) {

  /** Checks the fields. */
  public Reward {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, but was " + value);
    }
    components = Checks.map(components);
    source = Checks.text(source);
  }
}
