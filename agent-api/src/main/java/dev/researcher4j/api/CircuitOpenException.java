package dev.researcher4j.api;

/**
 * A call was not made because the target's circuit breaker is open: it failed too often recently.
 * Retrying at once is pointless, so clients do not retry this; trying again after the breaker's
 * wait may work.
 */
public class CircuitOpenException extends RetryableException {

  private static final long serialVersionUID = 1L;

  /** With a message naming the target. */
  public CircuitOpenException(String message, Throwable cause, String provider) {
    super(message, cause, provider, 0, "", null);
  }
}
