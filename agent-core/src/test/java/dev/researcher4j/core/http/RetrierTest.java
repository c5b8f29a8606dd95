package dev.researcher4j.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.AuthenticationException;
import dev.researcher4j.api.CircuitOpenException;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.ServerErrorException;
import dev.researcher4j.api.Sleeper;
import dev.researcher4j.testing.RecordingSleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetrierTest {

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final List<RetryAttempt> reported = new ArrayList<>();

  /** 4 attempts, 100 ms doubling, 20% jitter, Retry-After honoured up to 5 s. */
  private final RetryPolicy policy =
      RetryPolicy.custom()
          .maxAttempts(4)
          .initialBackoff(Duration.ofMillis(100))
          .maxBackoff(Duration.ofSeconds(10))
          .multiplier(2)
          .jitter(0.2)
          .maxRetryAfter(Duration.ofSeconds(5))
          .build();

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  private Retrier retrier(double random) {
    return new Retrier("test", policy, sleeper, () -> random);
  }

  private static ServerErrorException unavailable(int n) {
    return new ServerErrorException("HTTP 503: overloaded " + n, null, "p", 503, "", null);
  }

  private static RateLimitException slowDown(Duration retryAfter) {
    return new RateLimitException("HTTP 429: slow down", null, "p", 429, "", retryAfter);
  }

  /** An action failing with {@code failures} in turn, then answering "ok". */
  private static Retrier.Action<String> failing(ResearchException... failures) {
    AtomicInteger calls = new AtomicInteger();
    return () -> {
      int n = calls.getAndIncrement();
      if (n < failures.length) {
        throw failures[n];
      }
      return "ok";
    };
  }

  @Test
  void aFirstSuccessIsReturnedWithoutRetries() {
    Retrier.Result<String> result = retrier(0.5).call(() -> "ok", reported::add);

    assertThat(result.value()).isEqualTo("ok");
    assertThat(result.retries()).isEmpty();
    assertThat(sleeper.sleeps()).isEmpty();
    assertThat(reported).isEmpty();
  }

  @Test
  void retryableFailuresAreRetriedWithGrowingWaitsAndEachRetryIsReportedBeforeItsWait() {
    List<String> events = new ArrayList<>();
    Sleeper logging =
        wait -> {
          events.add("sleep " + wait.toMillis());
          sleeper.sleep(wait);
        };
    Retrier retrier = new Retrier("test", policy, logging, () -> 0.5);

    Retrier.Result<String> result =
        retrier.call(
            failing(unavailable(1), unavailable(2), unavailable(3)),
            attempt -> {
              events.add("retry " + attempt.attempt());
              reported.add(attempt);
            });

    assertThat(result.value()).isEqualTo("ok");
    assertThat(sleeper.sleeps())
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(events)
        .containsExactly("retry 1", "sleep 100", "retry 2", "sleep 200", "retry 3", "sleep 400");
    assertThat(result.retries())
        .containsExactly(
            new RetryAttempt(
                1, "HTTP 503: overloaded 1", "ServerErrorException", 503, Duration.ofMillis(100)),
            new RetryAttempt(
                2, "HTTP 503: overloaded 2", "ServerErrorException", 503, Duration.ofMillis(200)),
            new RetryAttempt(
                3, "HTTP 503: overloaded 3", "ServerErrorException", 503, Duration.ofMillis(400)));
    assertThat(reported).isEqualTo(result.retries());
  }

  @Test
  void whenTheAttemptsRunOutTheLastFailureIsThrown() {
    ServerErrorException last = unavailable(4);

    assertThatThrownBy(
            () ->
                retrier(0.5)
                    .call(
                        failing(unavailable(1), unavailable(2), unavailable(3), last),
                        reported::add))
        .isSameAs(last);
    assertThat(sleeper.sleeps()).hasSize(3);
    assertThat(reported).extracting(RetryAttempt::attempt).containsExactly(1, 2, 3);
  }

  @Test
  void jitterSpreadsEachWaitByUpToItsFractionBothWays() {
    retrier(0.0).call(failing(unavailable(1), unavailable(2)), reported::add);
    RecordingSleeper high = new RecordingSleeper();
    new Retrier("test", policy, high, () -> 0.99).call(failing(unavailable(1)), a -> {});

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(80), Duration.ofMillis(160));
    assertThat(high.sleeps()).containsExactly(Duration.ofMillis(120));
  }

  @Test
  void aFailureThatIsNotRetryableIsThrownAtOnce() {
    AuthenticationException denied =
        new AuthenticationException("HTTP 401: invalid api key", null, "p", 401, "");

    assertThatThrownBy(() -> retrier(0.5).call(failing(denied), reported::add)).isSameAs(denied);
    assertThat(sleeper.sleeps()).isEmpty();
    assertThat(reported).isEmpty();
  }

  @Test
  void anOpenCircuitIsNotRetriedThoughItIsRetryable() {
    CircuitOpenException open = new CircuitOpenException("circuit open", null, "p");

    assertThatThrownBy(() -> retrier(0.5).call(failing(open), reported::add)).isSameAs(open);
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void theServersRetryAfterIsWaitedInsteadOfTheBackoff() {
    Retrier.Result<String> result =
        retrier(0.5).call(failing(slowDown(Duration.ofSeconds(3))), reported::add);

    assertThat(result.value()).isEqualTo("ok");
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3));
    assertThat(result.retries().get(0).statusCode()).isEqualTo(429);
    assertThat(result.retries().get(0).errorType()).isEqualTo("RateLimitException");
  }

  @Test
  void aServerAskingForNoWaitIsRetriedAtOnce() {
    Retrier.Result<String> result =
        retrier(0.5).call(failing(slowDown(Duration.ZERO)), reported::add);

    assertThat(result.value()).isEqualTo("ok");
    assertThat(sleeper.sleeps()).containsExactly(Duration.ZERO);
  }

  @Test
  void aRetryAfterUpToTheLongestHonouredIsWaitedAndALongerOneFailsAtOnce() {
    retrier(0.5).call(failing(slowDown(Duration.ofSeconds(5))), reported::add);
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));

    RateLimitException tooLong = slowDown(Duration.ofSeconds(5).plusMillis(1));
    assertThatThrownBy(() -> retrier(0.5).call(failing(tooLong), reported::add)).isSameAs(tooLong);
    assertThat(sleeper.sleeps()).hasSize(1);
  }

  @Test
  void anInterruptDuringTheWaitCancelsTheCallAndKeepsTheInterrupt() {
    ServerErrorException failure = unavailable(1);
    Retrier retrier =
        new Retrier(
            "test",
            policy,
            wait -> {
              throw new InterruptedException();
            },
            () -> 0.5);

    assertThatThrownBy(() -> retrier.call(failing(failure), reported::add))
        .isInstanceOf(CancellationException.class)
        .hasMessage("interrupted while waiting to retry")
        .hasCause(failure);
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
    assertThat(reported).hasSize(1);
  }

  @Test
  void theConstructorRejectsMissingParts() {
    assertThatThrownBy(() -> new Retrier("t", null, sleeper, () -> 0.5))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("policy");
    assertThatThrownBy(() -> new Retrier("t", policy, null, () -> 0.5)).hasMessage("sleeper");
    assertThatThrownBy(() -> new Retrier("t", policy, sleeper, null)).hasMessage("random");
  }
}
