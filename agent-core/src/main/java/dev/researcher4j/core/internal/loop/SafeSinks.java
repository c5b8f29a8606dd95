package dev.researcher4j.core.internal.loop;

import dev.researcher4j.api.Step;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.core.trajectory.TrajectoryFooter;
import dev.researcher4j.core.trajectory.TrajectoryResume;
import dev.researcher4j.core.trajectory.TrajectorySink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's view of the agent's sinks: a sink that throws is logged once and skipped for the rest
 * of the run, so a full disk never breaks research (the returned trajectory is still complete).
 */
final class SafeSinks {

  private static final Logger LOG = LoggerFactory.getLogger(SafeSinks.class);

  private final String runId;
  private final List<TrajectorySink> sinks;
  private final List<TrajectorySink> broken = new ArrayList<>();

  SafeSinks(String runId, List<TrajectorySink> sinks) {
    this.runId = runId;
    this.sinks = sinks;
  }

  void onHeader(TrajectoryHeader header) {
    each(s -> s.onHeader(header));
  }

  void onResume(TrajectoryHeader header, List<Step> recorded, TrajectoryResume resume) {
    each(s -> s.onResume(header, recorded, resume));
  }

  void onStep(Step step) {
    each(s -> s.onStep(runId, step));
  }

  void onFooter(TrajectoryFooter footer) {
    each(s -> s.onFooter(runId, footer));
  }

  private synchronized void each(Consumer<TrajectorySink> call) {
    for (TrajectorySink sink : sinks) {
      if (broken.contains(sink)) {
        continue;
      }
      try {
        call.accept(sink);
      } catch (RuntimeException e) {
        broken.add(sink);
        LOG.error(
            "run {}: trajectory sink {} failed and is skipped for the rest of the run",
            runId,
            sink.getClass().getName(),
            e);
      }
    }
  }
}
