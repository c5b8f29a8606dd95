package dev.researcher4j.core.internal.trajectory;

import dev.researcher4j.core.internal.port.Scrubber;
import dev.researcher4j.core.trajectory.TrajectorySink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each event of a record to its trajectory sinks in turn. A sink that throws is not ignored:
 * it is skipped from then on, and {@link #failure()} keeps what happened first, so that its owner
 * stops rather than carry on without its record. Not thread-safe: the recorder that owns it
 * serialises its calls.
 */
public final class SinkFanOut {

  private static final Logger LOG = LoggerFactory.getLogger(SinkFanOut.class);

  private final String runId;
  private final String record;
  private final List<TrajectorySink> sinks;
  private final List<TrajectorySink> broken = new ArrayList<>();
  private final Scrubber scrubber;
  private String failure = "";

  /**
   * A fan-out to {@code sinks} for run {@code runId}.
   *
   * @param record what is recorded, for messages: {@code "run"} or {@code "report"}
   */
  public SinkFanOut(String runId, String record, List<TrajectorySink> sinks, Scrubber scrubber) {
    this.runId = runId;
    this.record = record;
    this.sinks = List.copyOf(sinks);
    this.scrubber = scrubber;
  }

  /** Calls {@code call} on every sink that has not failed yet. */
  public void each(Consumer<TrajectorySink> call) {
    for (TrajectorySink sink : sinks) {
      if (broken.contains(sink)) {
        continue;
      }
      try {
        call.accept(sink);
      } catch (RuntimeException e) {
        broken.add(sink);
        String why = scrubber.text(String.valueOf(e.getMessage()));
        LOG.error(
            "{} {}: trajectory sink {} failed; the {} stops: {}",
            record,
            runId,
            sink.getClass().getName(),
            record,
            why);
        if (failure.isEmpty()) {
          failure =
              ("run".equals(record) ? "the" : "the " + record + "'s")
                  + " trajectory could not be written"
                  + sink.location(runId).map(where -> " to " + where).orElse("")
                  + ": "
                  + why;
        }
      }
    }
  }

  /** What went wrong with the first sink that failed, or an empty string if none has. */
  public String failure() {
    return failure;
  }
}
