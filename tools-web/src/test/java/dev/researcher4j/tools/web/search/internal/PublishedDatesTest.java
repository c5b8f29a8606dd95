package dev.researcher4j.tools.web.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PublishedDatesTest {

  /** 2026-03-10 at 01:30 UTC, so that "2 hours ago" falls on the day before. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-10T01:30:00Z"), ZoneOffset.UTC);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-01-15                         | 2024-01-15",
        "2024-01-15T10:30:00                | 2024-01-15",
        "2025-08-14T00:00:00.0000000        | 2025-08-14",
        "2021-06-03T14:20:11+00:00          | 2021-06-03",
        "'\u00a0 \u00a0 2025-08-14T00:00:00' | 2025-08-14",
        "'Tue, 12 Jul 2022 14:30:00 GMT'    | 2022-07-12",
        "'Mar 4, 2024'                      | 2024-03-04",
        "'March 4, 2024'                    | 2024-03-04",
        "'Sep 30, 2023'                     | 2023-09-30",
        "'4 Mar 2024'                       | 2024-03-04",
        "'4 March 2024'                     | 2024-03-04",
        "'3 days ago'                       | 2026-03-07",
        "'1 day ago'                        | 2026-03-09",
        "'2 hours ago'                      | 2026-03-09",
        "'an hour ago'                      | 2026-03-10",
        "'2 weeks ago'                      | 2026-02-24",
        "'1 month ago'                      | 2026-02-10",
        "'1 year ago'                       | 2025-03-10",
        "yesterday                          | 2026-03-09",
        "Today                              | 2026-03-10"
      })
  void readsTheFormsProvidersSend(String text, LocalDate expected) {
    assertThat(PublishedDates.parse(text, CLOCK)).contains(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "2024-13-45", "sometime last spring", "Q3 2024", "12/03/2024"})
  void treatsWhatItCannotReadAsUnknown(String text) {
    assertThat(PublishedDates.parse(text, CLOCK)).isEmpty();
  }
}
