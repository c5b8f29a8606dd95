package dev.researcher4j.otel;

import dev.researcher4j.api.ModelInfo;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open spans of one run. Events of a run arrive on several threads (the run's, the model
 * call's, each tool's), so everything here is thread-safe.
 */
final class RunState {

  /** An open span and when it started (by the listener's clock). */
  record Open(Span span, Instant start, String runId, String name) {}

  final String runId;
  final ModelInfo model;
  final Span span;
  final Context context;
  final Instant start;

  /** Open chat spans by step index. */
  final Map<Integer, Open> chats = new ConcurrentHashMap<>();

  /** Open tool spans by call id. */
  final Map<String, Open> tools = new ConcurrentHashMap<>();

  /** The step each thread started last, to pair a model call with its step. */
  final Map<Thread, Integer> stepOnThread = new ConcurrentHashMap<>();

  RunState(String runId, ModelInfo model, Span span, Context context, Instant start) {
    this.runId = runId;
    this.model = model;
    this.span = span;
    this.context = context;
    this.start = start;
  }

  /** The open chat span started last, for a model retry (reported on the call's own thread). */
  Open latestChat() {
    return chats.entrySet().stream()
        .max(Map.Entry.comparingByKey())
        .map(Map.Entry::getValue)
        .orElse(null);
  }
}
