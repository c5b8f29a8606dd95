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
