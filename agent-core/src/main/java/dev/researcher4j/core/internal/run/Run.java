package dev.researcher4j.core.internal.run;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.RunTotals;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.core.human.ApprovalDecision;
import dev.researcher4j.core.human.ApprovalRequest;
import dev.researcher4j.core.human.HumanChannel;
import dev.researcher4j.core.internal.cite.SourceRegistry;
import dev.researcher4j.core.internal.loop.Action;
import dev.researcher4j.core.internal.loop.BudgetTracker;
import dev.researcher4j.core.internal.loop.Event;
import dev.researcher4j.core.internal.loop.Loop;
import dev.researcher4j.core.internal.loop.LoopSettings;
import dev.researcher4j.core.internal.loop.Replies;
import dev.researcher4j.core.internal.loop.Template;
import dev.researcher4j.core.internal.port.Approver;
import dev.researcher4j.core.internal.port.ModelCallResult;
import dev.researcher4j.core.internal.port.ModelGateway;
import dev.researcher4j.core.internal.port.RunScope;
import dev.researcher4j.core.internal.port.Scrubber;
import dev.researcher4j.core.internal.port.ToolBatch;
import dev.researcher4j.core.internal.port.ToolExecutor;
import dev.researcher4j.core.internal.port.ToolOutcome;
import dev.researcher4j.core.internal.stage.Compaction;
import dev.researcher4j.core.internal.stage.Finishing;
import dev.researcher4j.core.internal.stage.Planning;
import dev.researcher4j.core.internal.stage.StageModel;
import dev.researcher4j.core.internal.stage.Steps;
import dev.researcher4j.core.internal.stage.Verification;
import dev.researcher4j.core.trajectory.TrajectoryFooter;
import dev.researcher4j.core.trajectory.TrajectoryResume;
import dev.researcher4j.core.trajectory.TrajectorySink;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a task: drives the {@link Loop} — each action it decides is performed through the
 * run's ports (model gateway, tool executor, recorder) and stages, and its result fed back — until
 * the loop finishes, then assembles the outcome and ends the record. Made per task by the agent and
 * used once; {@link #execute()} runs on one thread, {@link #cancel()} may be called from any.
 *
 * <p>A run {@linkplain #resuming resumed} from its trajectory is the same loop behind replaying
 * ports: every model call and tool batch the record holds is answered from it, with its recorded
 * times, so the loop makes the decisions it made before and picks up live where the record ends.
 */
public final class Run {

  private static final Logger LOG = LoggerFactory.getLogger(Run.class);

  /** Parameter names that suggest a credential; such parameters are never recorded. */
  private static final java.util.regex.Pattern SECRET_KEY =
      java.util.regex.Pattern.compile(
          "(?i)(api[_-]?key|secret|password|passwd|authorization|bearer|access[_-]?token|credential)");

  private final RunSettings s;
  private final String parentRunId;
  private final RunScope scope;
  private final Replay replay;
  private final Budget budget;
  private final Instant startedAt;
  private final AgentListener listener;
  private final SinkRecorder recorder;
  private final ModelGateway gateway;
  private final ToolExecutor tools;
  private final ModelInfo info;

  /** A run of {@code task}, started as a sub-run of {@code parentRunId} (or empty). */
  public Run(RunSettings settings, String runId, String parentRunId, Task task) {
    this(settings, runId, parentRunId, task, new SourceRegistry());
  }

  /**
   * A run of {@code task} registering its sources in {@code sources}, which other runs may share
   * (so that an id means the same source in all of them).
   */
  public Run(
      RunSettings settings, String runId, String parentRunId, Task task, SourceRegistry sources) {
    this(settings, runId, parentRunId, task, null, settings.sinks(), sources, LivePorts.LOCAL);
  }

  /** A run of {@code task} whose model and tool calls go through {@code ports}. */
  public Run(RunSettings settings, String runId, String parentRunId, Task task, LivePorts ports) {
    this(settings, runId, parentRunId, task, null, settings.sinks(), new SourceRegistry(), ports);
  }

  /**
   * The continuation of the unfinished run {@code recorded}, whose process died: the run keeps its
   * id, header (task, budget) and recorded steps and goes on from where the record ends.
   *
   * @param earlierResumes the resume lines of the record, for time the run was down before
   * @param source names the record in error messages (its file)
   * @param sinks where the continued run is recorded; each learns of the resume when the run
   *     catches up with the record ({@link TrajectorySink#onResume})
   */
  public static Run resuming(
      RunSettings settings,
      Trajectory recorded,
      List<TrajectoryResume> earlierResumes,
      String source,
      List<TrajectorySink> sinks) {
    return resuming(settings, recorded, earlierResumes, source, sinks, LivePorts.LOCAL);
  }

  /** As {@link #resuming}, going on live through {@code ports}. */
  public static Run resuming(
      RunSettings settings,
      Trajectory recorded,
      List<TrajectoryResume> earlierResumes,
      String source,
      List<TrajectorySink> sinks,
      LivePorts ports) {
    Replay replay =
        new Replay(
            recorded,
            earlierResumes,
            source,
            settings.clock(),
            settings.listener(),
            settings.sdkVersion());
    TrajectoryHeader header = recorded.header();
    return new Run(
        settings,
        header.runId(),
        header.parentRunId(),
        header.task(),
        replay,
        sinks,
        new SourceRegistry(),
        ports);
  }

  private Run(
      RunSettings settings,
      String runId,
      String parentRunId,
      Task task,
      Replay replay,
      List<TrajectorySink> sinks,
      SourceRegistry sources,
      LivePorts ports) {
    this.s = settings;
    this.parentRunId = parentRunId;
    this.replay = replay;
    this.listener = replay != null ? replay.listener() : settings.listener();
    Scrubber scrubber = new Scrubber(settings.secrets(), settings.model()::scrubSecrets);
    this.scope = new RunScope(runId, task, listener, settings.clock(), scrubber, sources);
    this.budget = replay != null ? replay.header().budget() : settings.budget();
    this.startedAt = replay != null ? replay.header().startedAt() : settings.clock().instant();
    this.recorder = new SinkRecorder(runId, sinks, listener, scrubber, replay);
    ModelGateway live = ports.model(settings, scope);
    ToolExecutor liveTools = ports.tools(settings, scope);
    this.gateway = replay != null ? new ReplayModelGateway(replay, live) : live;
    this.tools = replay != null ? new ReplayToolExecutor(replay, liveTools, scope) : liveTools;
    this.info = modelInfo(settings);
  }

  /** The run's id. */
  public String runId() {
    return scope.runId();
  }

  /** Cancels the run: calls in flight are interrupted and the run ends as {@code CANCELLED}. */
  public void cancel() {
    scope.cancel();
  }

  /** Runs to the end and returns the trajectory; never throws for research failures. */
  public Trajectory execute() {
    TrajectoryHeader header =
        replay != null
            ? replay.header()
            : new TrajectoryHeader(
                TrajectoryHeader.SCHEMA_V1,
                scope.runId(),
                parentRunId,
                scope.task(),
                info,
                s.toolSpecs(),
                budget,
                s.sdkVersion(),
                startedAt);
    listener.onRunStarted(header);
    Loop loop =
        new Loop(
            loopSettings(header),
            new BudgetTracker(
                budget, (in, out) -> s.model().costOf(in, out).orElse(Double.NaN), startedAt));
    // The record is opened before the first model call: a sink that cannot write stops the run.
    boolean recording = replay != null || recorder.start(header);
    Action action = loop.start(startedAt);
    Action.Finish finish;
    try {
      if (!recording) {
        action = loop.next(new Event.Stopped(failedRecord(), startedAt));
      }
      while (!(action instanceof Action.Finish)) {
        Event event = step(action);
        if (replay != null) {
          Duration pause = replay.takePause();
          if (!pause.isZero()) {
            loop.pause(pause);
          }
        }
        action = loop.next(event);
      }
      finish = (Action.Finish) action;
    } finally {
      scope.closeScoped();
    }
    Outcome outcome =
        Finishing.outcome(
            finish.ending(), scope.sources(), s.verification(), scope.task().hasOutputSchema());
    recordFinal(outcome, finish.ending().verificationRounds());
    if (replay != null) {
      replay.throwIfDiverged();
      if (!replay.isLive() && recorder.size() < replay.recordedSteps().size()) {
        throw replay.diverged(
            "the agent ended the run after "
                + recorder.size()
                + " steps, but the record holds "
                + replay.recordedSteps().size());
      }
    }
    Instant endedAt = s.clock().instant();
    Duration elapsed =
        Duration.between(startedAt, endedAt)
            .minus(replay != null ? replay.downtime() : Duration.ZERO);
    List<Step> steps = recorder.steps();
    RunTotals totals =
        RunTotals.of(steps, scope.sources().size(), elapsed.isNegative() ? Duration.ZERO : elapsed);
    recorder.finish(new TrajectoryFooter(endedAt, outcome, totals, List.of(), null));
    if (!recorder.failure().isEmpty() && outcome.stopReason() != StopReason.FAILED) {
      // The record broke at the very end: the answer stands, but the run must not pass as saved.
      outcome =
          new Outcome(
              outcome.answer(),
              outcome.report(),
              outcome.sources(),
              outcome.citations(),
              StopReason.FAILED,
              recorder.failure(),
              outcome.warnings());
    }
    Trajectory trajectory = new Trajectory(header, steps, outcome, totals, List.of(), null);
    listener.onRunFinished(trajectory);
    if (scope.wasInterrupted()) {
      Thread.currentThread().interrupt();
    }
    return trajectory;
  }

  private Event.Stop failedRecord() {
    return new Event.Stop(StopReason.FAILED, recorder.failure());
  }

  /** Performs {@code action}; what can go wrong comes back as an event, never as an exception. */
  private Event step(Action action) {
    if (!recorder.failure().isEmpty()) {
      return new Event.Stopped(failedRecord(), s.clock().instant());
    }
    if (scope.isCancelled()) {
      return new Event.Stopped(Event.Stop.cancelled(), s.clock().instant());
    }
    try {
      return perform(action);
    } catch (Replay.Divergence divergence) {
      throw divergence;
    } catch (RuntimeException e) {
      String what = scope.scrubber().text(LiveModelGateway.describe(e));
      LOG.error("run {} failed unexpectedly: {}", scope.runId(), what);
      Instant now = s.clock().instant();
      int index = recorder.begin(StepKind.ERROR);
      recorder.record(
          Steps.error(index, StepKind.ERROR, now, "run failed: " + what, e.getClass().getName()));
      return new Event.Stopped(new Event.Stop(StopReason.FAILED, "internal error: " + what), now);
    }
  }

  private Event perform(Action action) {
    if (action instanceof Action.CallModel call) {
      return callModel(call);
    } else if (action instanceof Action.RunTools batch) {
      return runTools(batch);
    } else if (action instanceof Action.Verify verify) {
      return Verification.verify(
          verify,
          stageModel(StepKind.VERIFY, verify.budget(), verify.now()),
          scope.sources(),
          s.verification(),
          scope.task(),
          s.prompts().verifier());
    } else if (action instanceof Action.Plan plan) {
      return Planning.plan(plan, stageModel(StepKind.PLAN, plan.budget(), plan.now()));
    } else if (action instanceof Action.Compact compact) {
      Event.Compacted compacted =
          Compaction.compact(
              compact,
              stageModel(StepKind.COMPACTION, compact.budget(), compact.now()),
              s.context(),
              scope.sources(),
              s.toolSpecs(),
              s.prompts().summary());
      if (compacted.messages() != null) {
        listener.onCompaction(scope.runId(), compact.estimatedTokens(), compacted.tokensAfter());
      }
      return compacted;
    }
    throw new IllegalStateException("no way to perform " + action);
  }

  private StageModel stageModel(StepKind kind, BudgetTracker budget, Instant now) {
    return new StageModel(kind, gateway, recorder, budget, now, s.context().estimator(), info);
  }

  private Event callModel(Action.CallModel call) {
    for (BudgetTracker.Warning warning : call.warnings()) {
      listener.onBudgetWarning(scope.runId(), warning.kind().label(), warning.fractionUsed());
    }
    int index = recorder.begin(StepKind.MODEL);
    ModelCallResult result =
        gateway.call(index, StepKind.MODEL, call.request(), call.timeout(), ChatObserver.NONE);
    Duration took = Duration.between(result.startedAt(), result.endedAt());
    if (!result.succeeded()) {
      recorder.record(Steps.callError(index, StepKind.MODEL, result));
      return new Event.ModelFailed(result.failure(), result.message(), took, result.endedAt());
    }
    ChatResponse response = result.response();
    Replies.Normalized reply = Replies.normalize(response.message(), index, toolNames());
    recorder.record(
        Steps.model(
            index,
            StepKind.MODEL,
            result,
            call.historyRewritten(),
            null,
            Steps.modelSummary(response, reply.message(), call.finalAnswer())));
    return new Event.ModelReplied(
        result.sent(),
        response,
        reply.message(),
        reply.unreadableCalls(),
        result.replayed(),
        took,
        result.endedAt());
  }

  private Event runTools(Action.RunTools batch) {
    int index = recorder.begin(StepKind.TOOLS);
    ToolBatch ran =
        batch.calls().isEmpty() && (replay == null || !replay.replays(index))
            ? new ToolBatch(List.of(), s.clock().instant(), s.clock().instant())
            : tools.run(index, batch.calls(), batch.timeLeft());
    recorder.record(
        Steps.tools(index, ran, batch.skipped(), batch.skippedBecause(), ran.endedAt()));
    return new Event.ToolsRan(ran.outcomes(), ran.endedAt());
  }

  private void recordFinal(Outcome outcome, int verificationRounds) {
    int index = recorder.begin(StepKind.FINAL);
    recorder.record(
        Steps.fin(index, s.clock().instant(), outcome, scope.sources().size(), verificationRounds));
  }

  private java.util.Set<String> toolNames() {
    return s.tools().keySet();
  }

  private LoopSettings loopSettings(TrajectoryHeader header) {
    String system =
        Template.render(
            s.prompts().system(),
            Map.of(
                "date", today(header.startedAt()), "output_format", scope.task().outputFormat()));
    return new LoopSettings(
        scope.task(),
        system,
        s.prompts(),
        s.toolSpecs(),
        s.maxParallelToolCalls(),
        s.toolFailures(),
        s.planning(),
        s.verification(),
        s.context(),
        info.contextWindow());
  }

  private String today(Instant at) {
    LocalDate date = LocalDate.ofInstant(at, s.clock().getZone());
    String day = date.getDayOfWeek().name();
    return date + " (" + day.charAt(0) + day.substring(1).toLowerCase(Locale.ROOT) + ")";
  }

  /** Asks {@code humans} for approvals of run {@code runId}'s gated calls. */
  static Approver approver(HumanChannel humans, String runId) {
    return (call, reason, at) -> {
      CompletableFuture<ApprovalDecision> asked =
          humans
              .requestApproval(
                  new ApprovalRequest(runId, call.id(), call.name(), call.arguments(), reason, at))
              .toCompletableFuture();
      CompletableFuture<ToolOutcome.Approval> decided =
          asked.thenApply(d -> new ToolOutcome.Approval(d.approved(), d.note()));
      // Withdrawing the decision (a timeout, a cancelled run) withdraws the question.
      decided.whenComplete(
          (decision, error) -> {
            if (decided.isCancelled()) {
              asked.cancel(true);
            }
          });
      return decided;
    };
  }

  private static ModelInfo modelInfo(RunSettings settings) {
    ModelInfo info;
    try {
      info = settings.model().info();
    } catch (RuntimeException e) {
      return ModelInfo.of("unknown", settings.model().getClass().getSimpleName());
    }
    if (info.parameters().keySet().stream().noneMatch(Run::looksSecret)) {
      return info;
    }
    // ModelInfo promises no secrets; a client that breaks the promise still must not leak them.
    Map<String, Object> safe = new LinkedHashMap<>(info.parameters());
    safe.keySet().removeIf(Run::looksSecret);
    return new ModelInfo(info.provider(), info.model(), info.contextWindow(), safe);
  }

  private static boolean looksSecret(String key) {
    return SECRET_KEY.matcher(key).find();
  }
}
