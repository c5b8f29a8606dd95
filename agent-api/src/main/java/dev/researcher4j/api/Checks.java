package dev.researcher4j.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Argument checks shared by the value types of this package; not part of the API. */
final class Checks {
  private Checks() {}

  static String text(String value) {
    return value == null ? "" : value;
  }

  static String required(String value, String name) {
    Objects.requireNonNull(value, () -> name + " is required, but was null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is required, but was blank");
    }
    return value;
  }

  static <T> List<T> list(List<T> value) {
    return value == null ? List.of() : List.copyOf(value);
  }

  static <K, V> Map<K, V> map(Map<K, V> value) {
    return value == null ? Map.of() : Map.copyOf(value);
  }

  static long nonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, but was " + value);
    }
    return value;
  }

  static long positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, but was " + value);
    }
    return value;
  }
}
