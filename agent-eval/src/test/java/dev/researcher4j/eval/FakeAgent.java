package dev.researcher4j.eval;

import dev.researcher4j.api.Agent;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.Usage;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * An agent that answers from a script keyed by (item id, attempt): an answer, a FAILED outcome, a
 * run that hangs until cancelled, or a crash. Every call is logged.
 */
final class FakeAgent implements Agent {

  sealed interface Behavior permits Answer, Fail, Hang, Crash, Throw {}

  record Answer(String text) implements Behavior {}

  record Fail(String error) implements Behavior {}

  record Hang() implements Behavior {}

  /** The run's future fails. */
  record Crash(String message) implements Behavior {}

  /** {@code runAsync} itself throws. */
  record Throw(String message) implements Behavior {}

  static final Usage USAGE_PER_STEP = new Usage(100, 50, 0, 0, 0.01);

  private final Map<String, Behavior> script = new ConcurrentHashMap<>();
  private final Behavior fallback;
  final Queue<String> calls = new ConcurrentLinkedQueue<>();
  final Queue<String> cancelled = new ConcurrentLinkedQueue<>();
  final CountDownLatch hangsCancelled;
  private volatile Consumer<Task> onCall = t -> {};
  private final java.util.concurrent.atomic.AtomicInteger callCount =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile int hangAfter = Integer.MAX_VALUE;

  FakeAgent(Behavior fallback, int expectedHangs) {
    this.fallback = fallback;
    this.hangsCancelled = new CountDownLatch(expectedHangs);
  }

  static String key(String itemId, int attempt) {
    return itemId + "#" + attempt;
  }

  FakeAgent on(String itemId, int attempt, Behavior behavior) {
    script.put(key(itemId, attempt), behavior);
    return this;
  }

  FakeAgent onCall(Consumer<Task> hook) {
    this.onCall = hook;
    return this;
  }

  /** Every call after the first {@code calls} hangs until cancelled. */
  FakeAgent hangAfter(int calls) {
    this.hangAfter = calls;
    return this;
  }

  @Override
  public Trajectory run(Task task) {
    return runAsync(task).join();
  }

  @Override
  public CompletableFuture<Trajectory> runAsync(Task task) {
    String key = key(task.groupId(), task.attempt());
    calls.add(key);
    onCall.accept(task);
    Behavior behavior =
        callCount.incrementAndGet() > hangAfter ? new Hang() : script.getOrDefault(key, fallback);
    if (behavior instanceof Answer a) {
      return CompletableFuture.completedFuture(
          TestTrajectories.answered(task, a.text(), StopReason.COMPLETED, 3, 1, USAGE_PER_STEP));
    }
    if (behavior instanceof Fail f) {
      return CompletableFuture.completedFuture(
          TestTrajectories.answered(task, "", StopReason.FAILED, 1, 0, USAGE_PER_STEP));
    }
    if (behavior instanceof Crash c) {
      return CompletableFuture.failedFuture(new IllegalStateException(c.message()));
    }
    if (behavior instanceof Throw t) {
      throw new IllegalStateException(t.message());
    }
    CompletableFuture<Trajectory> never = new CompletableFuture<>();
    never.whenComplete(
        (t, e) -> {
          if (never.isCancelled()) {
            cancelled.add(key);
            hangsCancelled.countDown();
          }
        });
    return never;
  }

  List<String> callList() {
    return List.copyOf(calls);
  }
}
