package dev.researcher4j.core.internal.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one tool batch.
 *
 * @param outcomes one per call, in call order
 * @param startedAt when the batch started
 * @param endedAt when the last call ended
 */
public record ToolBatch(List<ToolOutcome> outcomes, Instant startedAt, Instant endedAt) {

  /** Checks and copies the fields. */
  public ToolBatch {
    outcomes = List.copyOf(outcomes);
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
  }
}
