package dev.researcher4j.core.internal.run;

import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.core.internal.port.RunScope;
import dev.researcher4j.core.internal.port.ToolBatch;
import dev.researcher4j.core.internal.port.ToolExecutor;
import dev.researcher4j.core.internal.port.ToolOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A resumed run's tool executor: a batch its record holds is answered from the record, not run
 * again. The batch's sources are registered again in id order, so they get the ids they had, and
 * its successful calls fill the tool cache as they did. From the first step the record lacks,
 * batches run live.
 */
final class ReplayToolExecutor implements ToolExecutor {

  private final Replay replay;
  private final ToolExecutor live;
  private final RunScope run;

  ReplayToolExecutor(Replay replay, ToolExecutor live, RunScope run) {
    this.replay = replay;
    this.live = live;
    this.run = run;
  }

  @Override
  public ToolBatch run(int stepIndex, List<ToolCall> calls, Duration timeLeft) {
    if (!replay.replays(stepIndex)) {
      return live.run(stepIndex, calls, timeLeft);
    }
    Step recorded = replay.expect(stepIndex, StepKind.TOOLS, false);
    Map<Integer, Source> byNumber = new TreeMap<>();
    for (Source source : Replay.sources(recorded)) {
      if (source.isRegistered()) {
        // A later snapshot of the same source has at least the excerpts of an earlier one.
        byNumber.put(Integer.parseInt(source.id().substring(1)), source);
      }
    }
    for (Source source : byNumber.values()) {
      Source registered = run.register(source).source();
      if (!registered.id().equals(source.id())) {
        throw replay.diverged(
            "source "
                + source.id()
                + " ("
                + source.url()
                + ") of step "
                + stepIndex
                + " would now get the id "
                + registered.id());
      }
    }
    List<ToolOutcome> outcomes = new ArrayList<>();
    for (ToolExecution execution : recorded.toolExecutions()) {
      outcomes.add(
          new ToolOutcome(
              execution,
              Replay.shownText(recorded, execution),
              Replay.detail(recorded, execution)));
      live.remember(execution);
    }
    List<String> ids = calls.stream().map(ToolCall::id).toList();
    List<String> recordedIds = outcomes.stream().map(o -> o.execution().call().id()).toList();
    if (!ids.equals(recordedIds)) {
      throw replay.diverged(
          "step "
              + stepIndex
              + " ran the tool calls "
              + recordedIds
              + ", but the agent now runs "
              + ids);
    }
    return new ToolBatch(outcomes, recorded.startedAt(), recorded.endedAt());
  }
}
