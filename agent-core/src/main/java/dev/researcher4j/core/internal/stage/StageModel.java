package dev.researcher4j.core.internal.stage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.core.context.TokenEstimator;
import dev.researcher4j.core.internal.loop.BudgetTracker;
import dev.researcher4j.core.internal.loop.Event;
import dev.researcher4j.core.internal.loop.ModelUse;
import dev.researcher4j.core.internal.port.ModelCallResult;
import dev.researcher4j.core.internal.port.ModelGateway;
import dev.researcher4j.core.internal.port.Recorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link ChatModel} a stage (planning, verification, compaction) makes its calls through: each
 * call is checked against a copy of the run's budget before it is sent, made through the run's
 * gateway, and recorded as a step of the stage's kind; the stage's last call carries the stage's
 * details when the stage {@linkplain #finish finishes}. What the calls spent is handed back to the
 * loop with the stage's result.
 *
 * <p>Thread-safe: calls are made one at a time (a verifier may call from several threads).
 */
public final class StageModel implements ChatModel {

  /** Thrown out of a stage's call when the run must stop (cancelled, time budget spent). */
  public static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Event.Stop stop;

    Stopped(Event.Stop stop) {
      super(stop.message(), null, false, false);
      this.stop = stop;
    }

    /** Why the run stops. */
    public Event.Stop stop() {
      return stop;
    }
  }

  private final StepKind kind;
  private final ModelGateway gateway;
  private final Recorder recorder;
  private final BudgetTracker budget;
  private final TokenEstimator estimator;
  private final ModelInfo info;
  private final List<ModelUse> uses = new ArrayList<>();
  private Instant now;
  private ModelCallResult pending;
  private int pendingIndex;
  private Event.Stop stop;

  /**
   * A model for one stage.
   *
   * @param budget a copy of the run's budget, which this model spends from
   * @param now the run's time when the stage started
   */
  public StageModel(
      StepKind kind,
      ModelGateway gateway,
      Recorder recorder,
      BudgetTracker budget,
      Instant now,
      TokenEstimator estimator,
      ModelInfo info) {
    this.kind = kind;
    this.gateway = gateway;
    this.recorder = recorder;
    this.budget = budget;
    this.now = now;
    this.estimator = estimator;
    this.info = info;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    return chat(request, ChatObserver.NONE);
  }

  @Override
  public synchronized ChatResponse chat(ChatRequest request, ChatObserver observer) {
    if (stop != null) {
      throw new Stopped(stop);
    }
    recordPending(null, "");
    long estimate = estimator.estimate(request.messages(), request.tools());
    BudgetTracker.Gate gate = budget.beforeAuxiliaryCall(estimate, now);
    if (!gate.allowed()) {
      throw new BudgetSpentException(gate.exhausted());
    }
    ChatRequest sent = gate.capped(request);
    int index = recorder.begin(kind);
    ModelCallResult result = gateway.call(index, kind, sent, budget.remainingTime(now), observer);
    now = result.endedAt();
    Duration took = Duration.between(result.startedAt(), result.endedAt());
    if (!result.succeeded()) {
      recorder.record(Steps.callError(index, kind, result));
      ModelCallResult.Failure failure = result.failure();
      if (failure == ModelCallResult.Failure.FAILED || failure == ModelCallResult.Failure.TIMEOUT) {
        spend(ModelUse.failed(took));
      }
      switch (failure) {
        case TIMEOUT -> throw stopWith(new Event.Stop(StopReason.BUDGET_TIME, result.message()));
        case CANCELLED -> throw stopWith(Event.Stop.cancelled());
        case REJECTED -> throw stopWith(new Event.Stop(StopReason.FAILED, result.message()));
        case FAILED -> {
          if (result.error() != null) {
            throw result.error();
          }
          throw stopWith(new Event.Stop(StopReason.FAILED, result.message()));
        }
      }
    }
    ChatResponse response = result.response();
    spend(
        new ModelUse(response.usage(), estimate, ModelUse.outputTokens(estimator, response), took));
    pending = result;
    pendingIndex = index;
    return response;
  }

  private Stopped stopWith(Event.Stop why) {
    stop = why;
    return new Stopped(why);
  }

  private void spend(ModelUse use) {
    budget.record(use);
    uses.add(use);
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  /**
   * Ends the stage: its last call is recorded with {@code data}, or, when the stage made no call, a
   * step holding only the data is recorded (none when {@code data} is {@code null}).
   */
  public synchronized void finish(JsonNode data, String summary) {
    if (pending != null) {
      recordPending(data, summary);
    } else if (data != null) {
      recorder.record(Steps.data(recorder.begin(kind), kind, now, data, summary));
    }
  }

  private void recordPending(JsonNode data, String summary) {
    ModelCallResult call = pending;
    if (call == null) {
      return;
    }
    pending = null;
    String text =
        summary.isEmpty()
            ? call.response().text().isBlank()
                ? "empty reply"
                : "wrote a reply (" + call.response().text().length() + " characters)"
            : summary;
    recorder.record(Steps.model(pendingIndex, kind, call, false, data, text));
  }

  /** What the stage's calls spent, in order. */
  public synchronized List<ModelUse> uses() {
    return List.copyOf(uses);
  }

  /** Why the run must stop, when a call found it must, else {@code null}. */
  public synchronized Event.Stop stop() {
    return stop;
  }

  /** The run's time after the stage's last call. */
  public synchronized Instant now() {
    return now;
  }
}
