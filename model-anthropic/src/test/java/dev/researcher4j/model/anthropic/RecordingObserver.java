package dev.researcher4j.model.anthropic;

import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.RetryAttempt;
import java.util.ArrayList;
import java.util.List;

/** Records what a {@link ChatObserver} is told, in order. */
final class RecordingObserver implements ChatObserver {

  final List<String> events = new ArrayList<>();

  @Override
  public void onTextDelta(String delta) {
    events.add("text:" + delta);
  }

  @Override
  public void onReasoningDelta(String delta) {
    events.add("thinking:" + delta);
  }

  @Override
  public void onToolCallDelta(int index, String id, String name, String argumentsDelta) {
    events.add("tool:" + index + ":" + id + ":" + name + ":" + argumentsDelta);
  }

  @Override
  public void onRetry(RetryAttempt retry) {
    events.add("retry:" + retry.attempt() + ":" + retry.errorType() + ":" + retry.statusCode());
  }
}
