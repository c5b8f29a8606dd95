package dev.researcher4j.otel.internal;

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
public final class RunState {

  /** An open span and when it started (by the listener's clock). */
  public record Open(Span span, Instant start, String runId, String name) {}

  public final String runId;
  public final ModelInfo model;
  public final Span span;
  public final Context context;
  public final Instant start;

  /** Open chat spans by step index. */
  public final Map<Integer, Open> chats = new ConcurrentHashMap<>();

  /** Open tool spans by call id. */
  public final Map<String, Open> tools = new ConcurrentHashMap<>();

  /** The step each thread started last, to pair a model call with its step. */
  public final Map<Thread, Integer> stepOnThread = new ConcurrentHashMap<>();

  public RunState(String runId, ModelInfo model, Span span, Context context, Instant start) {
    this.runId = runId;
    this.model = model;
    this.span = span;
    this.context = context;
    this.start = start;
  }

  /** The open chat span started last, for a model retry (reported on the call's own thread). */
  public Open latestChat() {
    return chats.entrySet().stream()
        .max(Map.Entry.comparingByKey())
        .map(Map.Entry::getValue)
        .orElse(null);
  }
}
