package dev.researcher4j.core.http;

import dev.researcher4j.api.CircuitOpenException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.Sleeper;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Runs an action under a {@link RetryPolicy}, with Resilience4j deciding whether and when to retry
 * and an injected {@link Sleeper} doing the waiting (Resilience4j's own sleep is a static hook,
 * which would make tests share state).
 *
 * <p>Thread-safe; one instance serves concurrent calls.
 */
public final class Retrier {

  /** An action that may fail with a {@link ResearchException}. */
  @FunctionalInterface
  public interface Action<T> {
    /** Runs one attempt. */
    T run() throws ResearchException;
  }

  /** A result and the failed attempts before it. */
  public record Result<T>(T value, List<RetryAttempt> retries) {
    /** Copies the list. */
    public Result {
      retries = List.copyOf(retries);
    }
  }

  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final Retry retry;

  /**
   * @param name names the Resilience4j retry (for its metrics)
   * @param random source of jitter in [0, 1)
   */
  public Retrier(String name, RetryPolicy policy, Sleeper sleeper, DoubleSupplier random) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
    RetryConfig config =
        RetryConfig.custom()
            .maxAttempts(policy.maxAttempts())
            .retryOnException(this::shouldRetry)
            .intervalBiFunction(
                (attempt, either) -> delayAfter(attempt, either.getLeft()).toMillis())
            .build();
    this.retry = Retry.of(name, config);
  }

  /**
   * Runs {@code action}, retrying retryable failures. Each retry is reported to {@code onRetry}
   * before the wait.
   *
   * @throws ResearchException the last failure when attempts run out or it is not retryable
   * @throws CancellationException if the thread is interrupted while waiting
   */
  public <T> Result<T> call(Action<T> action, Consumer<RetryAttempt> onRetry) {
    Retry.AsyncContext<T> context = retry.asyncContext();
    List<RetryAttempt> retries = new ArrayList<>();
    int attempt = 1;
    while (true) {
      try {
        T value = action.run();
        context.onComplete();
        return new Result<>(value, retries);
      } catch (ResearchException e) {
        long waitMillis = context.onError(e);
        if (waitMillis < 0) {
          throw e;
        }
        Duration wait = Duration.ofMillis(waitMillis);
        RetryAttempt record =
            new RetryAttempt(
                attempt, e.getMessage(), e.getClass().getSimpleName(), e.statusCode(), wait);
        retries.add(record);
        onRetry.accept(record);
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          CancellationException cancelled =
              new CancellationException("interrupted while waiting to retry");
          cancelled.initCause(e);
          throw cancelled;
        }
        attempt++;
      }
    }
  }

  private boolean shouldRetry(Throwable error) {
    if (!(error instanceof ResearchException research) || !research.isRetryable()) {
      return false;
    }
    if (error instanceof CircuitOpenException) {
      return false;
    }
    // A server asking us to wait longer than we are willing to: fail now instead of hanging.
    return research.retryAfter().map(d -> d.compareTo(policy.maxRetryAfter()) <= 0).orElse(true);
  }

  private Duration delayAfter(int attempt, Throwable error) {
    if (error instanceof ResearchException research && research.retryAfter().isPresent()) {
      return research.retryAfter().get();
    }
    return policy.backoff(attempt, random.getAsDouble());
  }
}
