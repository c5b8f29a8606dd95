package dev.researcher4j.core.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.core.trajectory.TrajectoryResume;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The record a resumed run retraces: the loop runs from the start, and each model call and tool
 * batch the record holds is answered from it ({@link ReplayModelGateway}, {@link
 * ReplayToolExecutor}) and its steps kept as recorded ({@link SinkRecorder}), so the loop, fed the
 * same results with their recorded times, makes the same decisions. A gate keeps replayed steps
 * from listeners. Once the loop passes the last recorded step the run goes live: the time the
 * process was down is left out of the time budget, and sinks learn of the resume.
 *
 * <p>Used by one run: the run's thread and, for listener events, tool threads (the gate is
 * volatile).
 */
final class Replay {

  /** Thrown when the loop does something other than what the record shows at that point. */
  static final class Divergence extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Divergence(String message) {
      super(message);
    }
  }

  private final Trajectory recorded;
  private final List<TrajectoryResume> earlierResumes;
  private final String source;
  private final Clock clock;
  private final String sdkVersion;
  private final Gate listener;
  private volatile boolean live;
  private Instant cursor;
  private Divergence divergence;
  private Duration downtime = Duration.ZERO;
  private Duration pendingPause = Duration.ZERO;

  Replay(
      Trajectory recorded,
      List<TrajectoryResume> earlierResumes,
      String source,
      Clock clock,
      AgentListener listener,
      String sdkVersion) {
    this.recorded = recorded;
    this.earlierResumes = List.copyOf(earlierResumes);
    this.source = source;
    this.clock = clock;
    this.sdkVersion = sdkVersion;
    this.listener = new Gate(listener);
    this.cursor = recorded.header().startedAt();
  }

  /** The listener of the resumed run: events reach it only once the run is live. */
  AgentListener listener() {
    return listener;
  }

  TrajectoryHeader header() {
    return recorded.header();
  }

  List<Step> recordedSteps() {
    return recorded.steps();
  }

  /** Whether the step at {@code index} is replayed from the record. */
  boolean replays(int index) {
    return !live && index < recorded.steps().size();
  }

  boolean isLive() {
    return live;
  }

  /**
   * The replayed step at {@code index} starts: time the process was down before it (when an earlier
   * resume continued from there) is left out of the time budget.
   */
  void stepStarts(int index) {
    pause(downtimeBefore(index));
    cursor = recorded.steps().get(index).startedAt();
  }

  /** The replayed step {@code step} ended. */
  void stepEnds(Step step) {
    cursor = step.endedAt();
  }

  /**
   * The run caught up with its record and goes on live: the time between the last recorded moment
   * and now is downtime, left out of the time budget. Returns the resume for the record.
   */
  TrajectoryResume goLive() {
    int kept = recorded.steps().size();
    Instant now = clock.instant();
    Duration gap = Duration.between(cursor, now);
    if (gap.isNegative()) {
      gap = Duration.ZERO;
    }
    pause(gap.plus(downtimeBefore(kept)));
    live = true;
    listener.open();
    return new TrajectoryResume(now, kept, gap, sdkVersion);
  }

  private void pause(Duration pause) {
    if (!pause.isZero() && !pause.isNegative()) {
      pendingPause = pendingPause.plus(pause);
      downtime = downtime.plus(pause);
    }
  }

  /** Downtime found since the last call, to be left out of the time budget; resets it. */
  Duration takePause() {
    Duration pause = pendingPause;
    pendingPause = Duration.ZERO;
    return pause;
  }

  /** Downtime from earlier resumes that ends before step {@code index}. */
  Duration downtimeBefore(int index) {
    Duration total = Duration.ZERO;
    for (TrajectoryResume resume : earlierResumes) {
      if (resume.stepsKept() == index) {
        total = total.plus(resume.downtime());
      }
    }
    return total;
  }

  /** All downtime left out of the run's elapsed time so far. */
  Duration downtime() {
    return downtime;
  }

  /**
   * The recorded step at {@code index}, checked to be of {@code kind} (or an error recorded in its
   * place when {@code errorAllowed}).
   */
  Step expect(int index, StepKind kind, boolean errorAllowed) {
    throwIfDiverged();
    Step step = recorded.steps().get(index);
    if (step.kind() != kind && !(errorAllowed && step.kind() == StepKind.ERROR)) {
      throw diverged(
          "step "
              + index
              + " was recorded as "
              + step.kind()
              + ", but the agent now makes a "
              + kind
              + " step there");
    }
    return step;
  }

  Divergence diverged(String what) {
    if (divergence == null) {
      divergence =
          new Divergence(
              "cannot resume run "
                  + recorded.runId()
                  + " from "
                  + source
                  + ": "
                  + what
                  + ". Resume with an agent built like the one that recorded it (same planning,"
                  + " verification, tools, tool policies and prompts).");
    }
    return divergence;
  }

  void throwIfDiverged() {
    if (divergence != null) {
      throw divergence;
    }
  }

  /** The text the model was shown for a recorded tool call (the full result unless cut). */
  static String shownText(Step tools, ToolExecution execution) {
    JsonNode shown = tools.data().path("shown").path(execution.call().id());
    return shown.isTextual() ? shown.asText() : execution.result().content();
  }

  /** The recorded detail of a tool call's failure, or empty. */
  static String detail(Step tools, ToolExecution execution) {
    return tools.data().path("errors").path(execution.call().id()).asText("");
  }

  /** The sources a recorded tools step registered, each with its id. */
  static List<Source> sources(Step tools) {
    return tools.toolExecutions().stream().flatMap(e -> e.result().sources().stream()).toList();
  }

  /**
   * Forwards run start and end always, everything else only once the run is live, so listeners see
   * the resumed run from where it picks up.
   */
  static final class Gate implements AgentListener {
    private final AgentListener delegate;
    private volatile boolean open;

    Gate(AgentListener delegate) {
      this.delegate = delegate;
    }

    void open() {
      open = true;
    }

    @Override
    public void onRunStarted(TrajectoryHeader header) {
      delegate.onRunStarted(header);
    }

    @Override
    public void onRunFinished(Trajectory trajectory) {
      delegate.onRunFinished(trajectory);
    }

    @Override
    public void onStepStarted(String runId, int index, StepKind kind) {
      if (open) {
        delegate.onStepStarted(runId, index, kind);
      }
    }

    @Override
    public void onStepFinished(String runId, Step step) {
      if (open) {
        delegate.onStepFinished(runId, step);
      }
    }

    @Override
    public void onModelCall(String runId, ChatRequest request) {
      if (open) {
        delegate.onModelCall(runId, request);
      }
    }

    @Override
    public void onModelDelta(String runId, String textDelta) {
      if (open) {
        delegate.onModelDelta(runId, textDelta);
      }
    }

    @Override
    public void onToolCallStarted(String runId, ToolCall call) {
      if (open) {
        delegate.onToolCallStarted(runId, call);
      }
    }

    @Override
    public void onToolCallFinished(String runId, ToolExecution execution) {
      if (open) {
        delegate.onToolCallFinished(runId, execution);
      }
    }

    @Override
    public void onRetry(String runId, String target, RetryAttempt retry) {
      if (open) {
        delegate.onRetry(runId, target, retry);
      }
    }

    @Override
    public void onSourceAdded(String runId, Source source) {
      if (open) {
        delegate.onSourceAdded(runId, source);
      }
    }

    @Override
    public void onBudgetWarning(String runId, String budget, double fractionUsed) {
      if (open) {
        delegate.onBudgetWarning(runId, budget, fractionUsed);
      }
    }

    @Override
    public void onCompaction(String runId, long tokensBefore, long tokensAfter) {
      if (open) {
        delegate.onCompaction(runId, tokensBefore, tokensAfter);
      }
    }
  }
}
