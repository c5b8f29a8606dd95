package dev.researcher4j.examples.bench;

import dev.researcher4j.core.context.ContextManagement;
import java.time.Duration;
import java.util.Locale;

/** The benchmark scenarios of {@code researcher bench}. */
public enum Scenario {
  /**
   * One run of 10 turns × 4 parallel tool calls; model 50 ms, tools 100 ms: loop overhead. The
   * median of 5 such runs is reported.
   */
  LOOP(
      new BenchSettings(
          1,
          10,
          4,
          ms(50),
          ms(100),
          1024,
          32_768,
          ContextManagement.DEFAULT_THRESHOLD,
          ContextManagement.DEFAULT_TARGET,
          50,
          5,
          true,
          null,
          false)),

  /**
   * 200 runs at once of 5 turns × 2 tool calls; model 20 ms, tools 20 ms: throughput. The median of
   * 3 such batches is reported.
   */
  CONCURRENT(
      new BenchSettings(
          200,
          5,
          2,
          ms(20),
          ms(20),
          1024,
          32_768,
          ContextManagement.DEFAULT_THRESHOLD,
          ContextManagement.DEFAULT_TARGET,
          10,
          3,
          true,
          null,
          false)),

  /** One run of 30 turns with 4 KB observations: bytes sent with and without compaction. */
  CONTEXT(
      new BenchSettings(
          1,
          30,
          1,
          ms(0),
          ms(0),
          4096,
          32_768,
          ContextManagement.DEFAULT_THRESHOLD,
          ContextManagement.DEFAULT_TARGET,
          0,
          1,
          true,
          null,
          false)),

  /**
   * The loop and concurrent scenarios for researcher4j and for the hand-written reference loop in
   * one process, interleaved run by run: the overhead per model call beside the reference's, the
   * throughput as a share of the reference's, and the CPU time per run of both.
   */
  COMPARE(CONCURRENT.defaults);

  private final BenchSettings defaults;

  Scenario(BenchSettings defaults) {
    this.defaults = defaults;
  }

  /** This scenario's settings. */
  public BenchSettings defaults() {
    return defaults;
  }

  /** The name on the command line and in the output. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
