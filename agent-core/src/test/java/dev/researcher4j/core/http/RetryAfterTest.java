package dev.researcher4j.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private final Clock clock = Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

  @Test
  void openAisMillisecondsComeFirst() {
    Headers headers = Headers.of("retry-after-ms", "1500", "Retry-After", "7");

    assertThat(RetryAfter.parse(headers, clock)).contains(Duration.ofMillis(1500));
  }

  @Test
  void fractionalMillisecondsAreRounded() {
    assertThat(RetryAfter.parse(Headers.of("retry-after-ms", " 1499.6 "), clock))
        .contains(Duration.ofMillis(1500));
    assertThat(RetryAfter.parse(Headers.of("retry-after-ms", "0"), clock)).contains(Duration.ZERO);
  }

  @Test
  void unusableMillisecondsFallBackToRetryAfter() {
    for (String millis : new String[] {"-1", "soon", "Infinity", "NaN"}) {
      Headers headers = Headers.of("retry-after-ms", millis, "Retry-After", "7");

      assertThat(RetryAfter.parse(headers, clock)).as(millis).contains(Duration.ofSeconds(7));
    }
  }

  @Test
  void withoutEitherHeaderThereIsNoWait() {
    assertThat(RetryAfter.parse(Headers.of(), clock)).isEmpty();
    assertThat(RetryAfter.parse(Headers.of("retry-after-ms", "x"), clock)).isEmpty();
  }

  @Test
  void secondsMayBeZeroFractionalOrPadded() {
    assertThat(RetryAfter.parseValue("0", clock)).contains(Duration.ZERO);
    assertThat(RetryAfter.parseValue(" 5 ", clock)).contains(Duration.ofSeconds(5));
    assertThat(RetryAfter.parseValue("0.0625", clock)).contains(Duration.ofMillis(63));
    assertThat(RetryAfter.parseValue("1.5", clock)).contains(Duration.ofMillis(1500));
  }

  @Test
  void negativeInfiniteBlankOrMissingSecondsAreIgnored() {
    for (String value : new String[] {"-0.5", "Infinity", "NaN", "", "   ", null}) {
      assertThat(RetryAfter.parseValue(value, clock)).as(String.valueOf(value)).isEmpty();
    }
  }

  @Test
  void anHttpDateIsTheWaitUntilThenAndADateInThePastIsNoWait() {
    assertThat(RetryAfter.parseValue("Wed, 21 Oct 2015 07:28:30 GMT", clock))
        .contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parseValue("Wed, 21 Oct 2015 07:28:00 GMT", clock))
        .contains(Duration.ZERO);
    assertThat(RetryAfter.parseValue("Wed, 21 Oct 2015 07:27:59 GMT", clock))
        .contains(Duration.ZERO);
    assertThat(RetryAfter.parse(Headers.of("Retry-After", "Wed, 21 Oct 2015 07:29:00 GMT"), clock))
        .contains(Duration.ofMinutes(1));
  }
}
