package dev.researcher4j.core.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import okhttp3.Headers;

/** Reads how long a server asks the client to wait before retrying. */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * The wait from {@code retry-after-ms} (milliseconds, sent by OpenAI), else {@code Retry-After}
   * as delta-seconds (decimals tolerated) or as an HTTP date relative to {@code clock}. A date in
   * the past means no wait. Unreadable values are ignored.
   */
  public static Optional<Duration> parse(Headers headers, Clock clock) {
    String millis = headers.get("retry-after-ms");
    if (millis != null) {
      try {
        double value = Double.parseDouble(millis.trim());
        if (value >= 0 && Double.isFinite(value)) {
          return Optional.of(Duration.ofMillis(Math.round(value)));
        }
      } catch (NumberFormatException ignored) {
        // fall through to Retry-After
      }
    }
    return parseValue(headers.get("Retry-After"), clock);
  }

  /** Parses one {@code Retry-After} value (seconds or HTTP date). */
  public static Optional<Duration> parseValue(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String trimmed = value.trim();
    try {
      double seconds = Double.parseDouble(trimmed);
      if (seconds >= 0 && Double.isFinite(seconds)) {
        return Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
      }
      return Optional.empty();
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
