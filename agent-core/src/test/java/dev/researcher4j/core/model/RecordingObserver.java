package dev.researcher4j.core.model;

import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.RetryAttempt;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Records what a {@link ChatObserver} is told, in order. Shared by the client tests. */
public final class RecordingObserver implements ChatObserver {

  final List<String> events = new ArrayList<>();
  final List<RetryAttempt> retries = new ArrayList<>();

  @Override
  public void onTextDelta(String delta) {
    events.add("text:" + delta);
  }

  @Override
  public void onReasoningDelta(String delta) {
    events.add("reasoning:" + delta);
  }

  @Override
  public void onToolCallDelta(int index, String id, String name, String argumentsDelta) {
    events.add("tool:" + index + ":" + id + ":" + name + ":" + argumentsDelta);
  }

  @Override
  public void onRetry(RetryAttempt retry) {
    retries.add(retry);
    events.add("retry:" + retry.attempt() + ":" + retry.errorType());
  }

  /** What it was told so far, as {@code text:…}, {@code tool:index:id:name:arguments}, … */
  public List<String> events() {
    return List.copyOf(events);
  }

  String text() {
    return joined("text:");
  }

  String reasoning() {
    return joined("reasoning:");
  }

  private String joined(String prefix) {
    return events.stream()
        .filter(e -> e.startsWith(prefix))
        .map(e -> e.substring(prefix.length()))
        .collect(Collectors.joining());
  }
}
