package dev.researcher4j.examples.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of one benchmark scenario; {@link Scenario#defaults()} gives each scenario's.
 *
 * @param runs runs at once (1 for a single run)
 * @param rounds tool-calling turns per run before the final answer
 * @param toolCalls parallel tool calls per turn
 * @param modelLatency the stub model's time to answer each call
 * @param toolLatency each tool call's time
 * @param observationChars characters of each tool result
 * @param contextWindow the context window the model reports, in tokens (context management compacts
 *     at its default threshold of this)
 * @param warmup warm-up runs (or batches of concurrent runs) without latency before measuring
 * @param repeat measured runs (or batches); the result is the median one
 * @param streaming whether the client streams (the agent always asks to, so this is the client's
 *     {@code streaming} setting)
 * @param trajectories a directory for JSONL trajectories, or {@code null} for none
 * @param reference whether the loop and concurrent scenarios run the hand-written {@link
 *     ReferenceLoop} instead of the agent, to calibrate the machine and the stub
 */
public record BenchSettings(
    int runs,
    int rounds,
    int toolCalls,
    Duration modelLatency,
    Duration toolLatency,
    int observationChars,
    int contextWindow,
    double contextThreshold,
    double contextTarget,
    int warmup,
    int repeat,
    boolean streaming,
    Path trajectories,
    boolean reference) {

  /** Checks the values. */
  public BenchSettings {
    atLeast(runs, 1, "runs");
    atLeast(rounds, 0, "rounds");
    atLeast(toolCalls, 1, "toolCalls");
    notNegative(modelLatency, "modelLatency");
    notNegative(toolLatency, "toolLatency");
    atLeast(observationChars, 1, "observationChars");
    atLeast(contextWindow, 1, "contextWindow");
    if (!(contextTarget > 0 && contextTarget <= contextThreshold && contextThreshold <= 1)) {
      throw new IllegalArgumentException(
          "context target and threshold must satisfy 0 < target <= threshold <= 1, but were "
              + contextTarget
              + " and "
              + contextThreshold);
    }
    atLeast(warmup, 0, "warmup");
    atLeast(repeat, 1, "repeat");
  }

  /** These settings for the hand-written reference loop ({@code true}) or the agent. */
  public BenchSettings withReference(boolean reference) {
    return new BenchSettings(
        runs,
        rounds,
        toolCalls,
        modelLatency,
        toolLatency,
        observationChars,
        contextWindow,
        contextThreshold,
        contextTarget,
        warmup,
        repeat,
        streaming,
        trajectories,
        reference);
  }

  /** These settings with the client streaming or not. */
  public BenchSettings withStreaming(boolean streaming) {
    return new BenchSettings(
        runs,
        rounds,
        toolCalls,
        modelLatency,
        toolLatency,
        observationChars,
        contextWindow,
        contextThreshold,
        contextTarget,
        warmup,
        repeat,
        streaming,
        trajectories,
        reference);
  }

  /**
   * The run time if the loop cost nothing: every turn's model and tool latency, then the answer.
   */
  public Duration idealRunTime() {
    return modelLatency.plus(toolLatency).multipliedBy(rounds).plus(modelLatency);
  }

  /** How {@link #idealRunTime()} is computed, for the output. */
  static String idealFormula() {
    return "rounds × (model latency + slowest tool latency) + model latency of the final answer";
  }

  private static void atLeast(int value, int min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", but was " + value);
    }
  }

  private static void notNegative(Duration value, String name) {
    Objects.requireNonNull(value, () -> name + " is required, but was null");
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, but was " + value);
    }
  }
}
