package dev.researcher4j.core.internal.run;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.core.internal.port.ModelCallResult;
import dev.researcher4j.core.internal.port.ModelCallResult.Failure;
import dev.researcher4j.core.internal.port.ModelGateway;
import dev.researcher4j.core.internal.port.RunScope;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls the run's model on its executor: stopped when the time left runs out or the run is
 * cancelled, with streamed text and retries forwarded to the run's listener, and the reply's
 * secrets masked before anyone sees it. Thread-safe.
 */
public final class LiveModelGateway implements ModelGateway {

  /** Waits longer than this count as none (and keep nanosecond arithmetic from overflowing). */
  private static final Duration FOREVER = Duration.ofDays(365);

  private final ChatModel model;
  private final RunScope run;
  private final Executor executor;

  /** A gateway calling {@code model} for the run of {@code run}, on {@code executor}. */
  public LiveModelGateway(ChatModel model, RunScope run, Executor executor) {
    this.model = model;
    this.run = run;
    this.executor = executor;
  }

  @Override
  public ModelCallResult call(
      int stepIndex, StepKind kind, ChatRequest request, Duration timeout, ChatObserver observer) {
    Instant started = run.clock().instant();
    if (run.isCancelled()) {
      return failed(
          request, Failure.CANCELLED, "the run was cancelled before the model call", null, started);
    }
    run.listener().onModelCall(run.runId(), request);
    ChatObserver forward =
        new ChatObserver() {
          @Override
          public void onTextDelta(String delta) {
            run.listener().onModelDelta(run.runId(), delta);
            observer.onTextDelta(delta);
          }

          @Override
          public void onRetry(RetryAttempt retry) {
            run.listener().onRetry(run.runId(), "model", retry);
            observer.onRetry(retry);
          }
        };
    FutureTask<ChatResponse> future = new FutureTask<>(() -> model.chat(request, forward));
    if (!run.track(future)) {
      return failed(
          request, Failure.CANCELLED, "the run was cancelled before the model call", null, started);
    }
    ChatResponse response;
    try {
      executor.execute(future);
      response =
          timeout.compareTo(FOREVER) > 0
              ? future.get()
              : future.get(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return failed(
          request,
          Failure.REJECTED,
          "the executor rejected the model call: " + e.getMessage(),
          e,
          started);
    } catch (TimeoutException e) {
      future.cancel(true);
      return failed(
          request,
          Failure.TIMEOUT,
          "the model call was stopped: the time budget ran out",
          e,
          started);
    } catch (InterruptedException e) {
      run.markInterrupted();
      run.cancel();
      future.cancel(true);
      return failed(
          request, Failure.CANCELLED, "the run was cancelled during the model call", null, started);
    } catch (CancellationException e) {
      return failed(
          request, Failure.CANCELLED, "the run was cancelled during the model call", null, started);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return run.isCancelled()
          ? failed(
              request, Failure.CANCELLED, "model call failed: " + describe(cause), cause, started)
          : failed(
              request, Failure.FAILED, "model call failed: " + describe(cause), cause, started);
    } finally {
      run.untrack(future);
    }
    return ModelCallResult.of(
        request, run.scrubber().response(response), started, run.clock().instant());
  }

  private ModelCallResult failed(
      ChatRequest request, Failure failure, String message, Throwable cause, Instant started) {
    ResearchException error = cause instanceof ResearchException research ? research : null;
    return new ModelCallResult(
        request,
        null,
        failure,
        run.scrubber().text(message),
        error,
        cause == null ? "" : cause.getClass().getName(),
        started,
        run.clock().instant(),
        false);
  }

  static String describe(Throwable error) {
    String message = error.getMessage();
    return message == null || message.isBlank()
        ? error.getClass().getSimpleName()
        : error.getClass().getSimpleName() + ": " + message;
  }
}
