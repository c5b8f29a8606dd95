package dev.researcher4j.api;

import java.time.Duration;
import java.util.Objects;

/**
 * One failed attempt that was retried: which attempt, what went wrong, how long the caller waited.
 *
 * @param attempt the number of the attempt that failed, from 1
 * @param error what went wrong (an exception's message; never secrets)
 * @param errorType the simple name of the exception class
 * @param statusCode the HTTP status, or 0 when there was none
 * @param delay how long the caller waited before the next attempt
 */
public record RetryAttempt(
    int attempt, String error, String errorType, int statusCode, Duration delay) {

  /** Checks the fields. */
  public RetryAttempt {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt counts from 1, but was " + attempt);
    }
    error = Checks.text(error);
    errorType = Checks.text(errorType);
    Objects.requireNonNull(delay, "delay is required, but was null");
  }
}
