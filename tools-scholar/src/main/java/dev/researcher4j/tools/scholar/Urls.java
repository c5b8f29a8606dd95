package dev.researcher4j.tools.scholar;

import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;

/** Checks shared by the client builders. */
final class Urls {
  private Urls() {}

  static HttpUrl parse(String url, String name) {
    Objects.requireNonNull(url, () -> name + " is required, but was null");
    HttpUrl parsed = HttpUrl.parse(url.strip());
    if (parsed == null) {
      throw new IllegalArgumentException(name + " must be an http(s) URL, but was '" + url + "'");
    }
    return parsed;
  }

  static Duration notNegative(Duration value, String name) {
    Objects.requireNonNull(value, () -> name + " is required, but was null");
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, but was " + value);
    }
    return value;
  }

  static String optional(String value) {
    return value == null ? "" : value.strip();
  }
}
