package dev.researcher4j.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void backoffGrowsAndIsCapped() {
    RetryPolicy policy =
        RetryPolicy.custom()
            .initialBackoff(Duration.ofSeconds(1))
            .maxBackoff(Duration.ofSeconds(5))
            .build();

    assertThat(policy.backoff(1, 0.5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoff(2, 0.5)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.backoff(4, 0.5)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void jitterSpreadsTheWaitBothWays() {
    RetryPolicy policy =
        RetryPolicy.custom().initialBackoff(Duration.ofSeconds(1)).jitter(0.2).build();

    assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(800));
    assertThat(policy.backoff(1, 0.999))
        .isBetween(Duration.ofMillis(1199), Duration.ofMillis(1200));
  }

  @Test
  void settersNameTheBadValue() {
    assertThatThrownBy(() -> RetryPolicy.custom().maxAttempts(0))
        .hasMessage("maxAttempts must be >= 1, but was 0");
    assertThatThrownBy(() -> RetryPolicy.custom().jitter(1.0)).hasMessageContaining("but was 1.0");
    assertThatThrownBy(
            () ->
                RetryPolicy.custom()
                    .initialBackoff(Duration.ofSeconds(10))
                    .maxBackoff(Duration.ofSeconds(1))
                    .build())
        .hasMessageContaining("maxBackoff must be >= initialBackoff");
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    RetryPolicy defaults = RetryPolicy.ofDefaults();

    assertThat(defaults.maxAttempts()).isEqualTo(4);
    assertThat(defaults.initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.multiplier()).isEqualTo(2.0);
    assertThat(defaults.jitter()).isEqualTo(0.2);
    assertThat(defaults.maxRetryAfter()).isEqualTo(Duration.ofMinutes(2));
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    assertThat(RetryPolicy.custom().build().toString()).isEqualTo(defaults.toString());
  }

  @Test
  void backoffGrowsByTheMultiplierFromTheInitialWaitWithoutJitter() {
    RetryPolicy policy =
        RetryPolicy.custom()
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofSeconds(60))
            .multiplier(3)
            .jitter(0)
            .build();

    assertThat(policy.backoff(1, 0.9)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoff(2, 0.9)).isEqualTo(Duration.ofMillis(300));
    assertThat(policy.backoff(3, 0.1)).isEqualTo(Duration.ofMillis(900));
    assertThat(policy.backoff(20, 0.1)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void jitterSpreadsTheCappedWaitNotTheUncappedOne() {
    RetryPolicy policy =
        RetryPolicy.custom()
            .initialBackoff(Duration.ofSeconds(1))
            .maxBackoff(Duration.ofSeconds(2))
            .jitter(0.5)
            .build();

    assertThat(policy.backoff(5, 0.0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoff(5, 0.75)).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void attemptsCountFromOne() {
    assertThatThrownBy(() -> RetryPolicy.ofDefaults().backoff(0, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempt counts from 1, but was 0");
  }

  @Test
  void fromCopiesEverySetting() {
    RetryPolicy base =
        RetryPolicy.custom()
            .maxAttempts(7)
            .initialBackoff(Duration.ofMillis(10))
            .maxBackoff(Duration.ofMillis(20))
            .multiplier(1.5)
            .jitter(0.1)
            .maxRetryAfter(Duration.ofSeconds(9))
            .build();

    RetryPolicy copy = RetryPolicy.from(base).build();

    assertThat(copy.toString())
        .isEqualTo(base.toString())
        .isEqualTo(
            "RetryPolicy{maxAttempts=7, initialBackoff=PT0.01S, maxBackoff=PT0.02S,"
                + " multiplier=1.5, jitter=0.1, maxRetryAfter=PT9S}");
    assertThat(RetryPolicy.from(base).maxAttempts(2).build().maxAttempts()).isEqualTo(2);
  }

  @Test
  void theEdgesOfEachSettingAreAcceptedAndWhatIsBeyondIsRejectedByName() {
    RetryPolicy edges =
        RetryPolicy.custom()
            .maxAttempts(1)
            .initialBackoff(Duration.ZERO)
            .maxBackoff(Duration.ZERO)
            .multiplier(1)
            .jitter(0)
            .maxRetryAfter(Duration.ZERO)
            .build();
    assertThat(edges.backoff(3, 0.5)).isEqualTo(Duration.ZERO);
    assertThat(RetryPolicy.custom().jitter(0.999).build().jitter()).isEqualTo(0.999);

    assertThatThrownBy(() -> RetryPolicy.custom().multiplier(0.99))
        .hasMessage("multiplier must be >= 1, but was 0.99");
    assertThatThrownBy(() -> RetryPolicy.custom().multiplier(Double.NaN))
        .hasMessage("multiplier must be >= 1, but was NaN");
    assertThatThrownBy(() -> RetryPolicy.custom().jitter(-0.01))
        .hasMessage("jitter must be in [0, 1), but was -0.01");
    assertThatThrownBy(() -> RetryPolicy.custom().initialBackoff(Duration.ofMillis(-1)))
        .hasMessage("initialBackoff must not be negative, but was PT-0.001S");
    assertThatThrownBy(() -> RetryPolicy.custom().maxBackoff(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("maxBackoff is required, but was null");
    assertThatThrownBy(() -> RetryPolicy.custom().maxRetryAfter(Duration.ofSeconds(-1)))
        .hasMessage("maxRetryAfter must not be negative, but was PT-1S");
    assertThatThrownBy(
            () ->
                RetryPolicy.custom()
                    .initialBackoff(Duration.ofSeconds(2))
                    .maxBackoff(Duration.ofMillis(1999))
                    .build())
        .hasMessage("maxBackoff must be >= initialBackoff (PT2S), but was PT1.999S");
  }

  @Test
  void retryAfterParsesSecondsDatesAndIgnoresNonsense() {
    Clock clock = Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

    assertThat(RetryAfter.parseValue("120", clock)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parseValue("1.5", clock)).contains(Duration.ofMillis(1500));
    assertThat(RetryAfter.parseValue("Wed, 21 Oct 2015 07:28:30 GMT", clock))
        .contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parseValue("Wed, 21 Oct 2015 07:00:00 GMT", clock))
        .contains(Duration.ZERO);
    assertThat(RetryAfter.parseValue("soon", clock)).isEmpty();
    assertThat(RetryAfter.parseValue("-3", clock)).isEmpty();
  }

  @Test
  void providerErrorReadsCommonShapes() {
    assertThat(
            ProviderError.parse(
                "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"code\":null}}"))
        .isEqualTo(new ProviderError("invalid_request_error", "bad"));
    assertThat(ProviderError.parse("{\"error\":\"Unauthorized\",\"message\":\"Invalid token\"}"))
        .isEqualTo(new ProviderError("Unauthorized", "Invalid token"));
    assertThat(
            ProviderError.parse("{\"detail\":[{\"loc\":[\"body\"],\"msg\":\"field required\"}]}")
                .message())
        .contains("field required");
    assertThat(ProviderError.parse("Resource not found"))
        .isEqualTo(new ProviderError("", "Resource not found"));
    assertThat(ProviderError.parse("")).isEqualTo(new ProviderError("", "(empty body)"));
  }

  @Test
  void redactorMasksSecretsQueryParametersAndBearerTokens() {
    Redactor redactor = new Redactor(java.util.List.of("sk-secret-value"));

    assertThat(redactor.redact("key sk-secret-value leaked")).isEqualTo("key *** leaked");
    assertThat(redactor.redact("GET https://x.org/a?q=1&api_key=abc123&b=2"))
        .isEqualTo("GET https://x.org/a?q=1&api_key=***&b=2");
    assertThat(redactor.redact("Authorization: Bearer abcdefghijklmnop"))
        .isEqualTo("Authorization: Bearer ***");
  }
}
