package dev.researcher4j.tools.web.search.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the publication dates providers send, in whatever form they send them: ISO dates and times
 * ({@code 2024-01-15T10:30:00}, Brave, SearXNG, DuckDuckGo), RFC 1123 ({@code Wed, 15 Jan 2025
 * 10:00:00 GMT}, Tavily news), English dates ({@code Jan 5, 2024}, {@code 5 Jan 2024}, Serper,
 * Brave) and relative ages ({@code 3 days ago}, counted back from the clock's date in UTC).
 * Anything else is treated as unknown rather than guessed.
 */
public final class PublishedDates {
  private PublishedDates() {}

  private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern RELATIVE =
      Pattern.compile(
          "(an?|\\d+)\\s+(minute|min|hour|hr|day|week|month|year)s?\\s+ago",
          Pattern.CASE_INSENSITIVE);
  private static final List<DateTimeFormatter> ENGLISH =
      List.of(
          formatter("MMM d, uuuu"),
          formatter("MMMM d, uuuu"),
          formatter("d MMM uuuu"),
          formatter("d MMMM uuuu"),
          formatter("MMM d uuuu"),
          formatter("MMMM d uuuu"));

  private static DateTimeFormatter formatter(String pattern) {
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(pattern)
        .toFormatter(Locale.ENGLISH);
  }

  /** The date {@code text} names, or empty when it is blank or not understood. */
  public static Optional<LocalDate> parse(String text, Clock clock) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String value = text.replace('\u00a0', ' ').strip();
    Matcher iso = ISO_DATE.matcher(value);
    if (iso.lookingAt()) {
      return date(iso.group(1), iso.group(2), iso.group(3));
    }
    try {
      return Optional.of(
          ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate());
    } catch (DateTimeParseException notRfc1123) {
      // try the next form
    }
    Matcher relative = RELATIVE.matcher(value);
    if (relative.find()) {
      return Optional.of(relative(relative.group(1), relative.group(2), clock));
    }
    String lower = value.toLowerCase(Locale.ROOT);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (lower.equals("today") || lower.equals("just now")) {
      return Optional.of(today);
    }
    if (lower.equals("yesterday")) {
      return Optional.of(today.minusDays(1));
    }
    String cleaned = value.replace(".", "").replaceAll("\\s+", " ");
    for (DateTimeFormatter formatter : ENGLISH) {
      try {
        return Optional.of(LocalDate.parse(cleaned, formatter));
      } catch (DateTimeParseException next) {
        // try the next pattern
      }
    }
    return Optional.empty();
  }

  private static Optional<LocalDate> date(String year, String month, String day) {
    try {
      return Optional.of(
          LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
    } catch (java.time.DateTimeException invalid) {
      return Optional.empty();
    }
  }

  private static LocalDate relative(String amountText, String unit, Clock clock) {
    long amount =
        amountText.equalsIgnoreCase("a") || amountText.equalsIgnoreCase("an")
            ? 1
            : Long.parseLong(amountText);
    ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
    ZonedDateTime then =
        switch (unit.toLowerCase(Locale.ROOT)) {
          case "minute", "min" -> now.minusMinutes(amount);
          case "hour", "hr" -> now.minusHours(amount);
          case "day" -> now.minusDays(amount);
          case "week" -> now.minusWeeks(amount);
          case "month" -> now.minusMonths(amount);
          default -> now.minusYears(amount);
        };
    return then.toLocalDate();
  }
}
