package dev.researcher4j.core.internal.openai;

import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.RetryAttempt;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * A {@link ChatObserver} that shields the call from its delegate: an observer that throws is logged
 * and ignored, as the {@link ChatObserver} contract promises.
 */
public final class SafeObserver implements ChatObserver {

  private final ChatObserver delegate;
  private final Logger log;

  /** Wraps {@code delegate}; exceptions it throws are logged to {@code log} at debug level. */
  public SafeObserver(ChatObserver delegate, Logger log) {
    this.delegate = Objects.requireNonNull(delegate, "observer");
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public void onTextDelta(String delta) {
    try {
      delegate.onTextDelta(delta);
    } catch (RuntimeException e) {
      ignored(e);
    }
  }

  @Override
  public void onReasoningDelta(String delta) {
    try {
      delegate.onReasoningDelta(delta);
    } catch (RuntimeException e) {
      ignored(e);
    }
  }

  @Override
  public void onToolCallDelta(int index, String id, String name, String argumentsDelta) {
    try {
      delegate.onToolCallDelta(index, id, name, argumentsDelta);
    } catch (RuntimeException e) {
      ignored(e);
    }
  }

  @Override
  public void onRetry(RetryAttempt retry) {
    try {
      delegate.onRetry(retry);
    } catch (RuntimeException e) {
      ignored(e);
    }
  }

  private void ignored(RuntimeException e) {
    log.debug("a ChatObserver threw {}; ignored", e.getClass().getSimpleName(), e);
  }
}
