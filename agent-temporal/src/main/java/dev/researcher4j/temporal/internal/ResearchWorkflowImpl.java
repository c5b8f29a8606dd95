package dev.researcher4j.temporal.internal;

import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.durable.DurableRun;
import dev.researcher4j.core.durable.RunRequest;
import dev.researcher4j.core.human.HumanQuestion;
import dev.researcher4j.core.trajectory.TrajectoryCodec;
import dev.researcher4j.temporal.HumanAnswer;
import dev.researcher4j.temporal.ResearchWorkflow;
import dev.researcher4j.temporal.RunInput;
import dev.researcher4j.temporal.RunProgress;
import dev.researcher4j.temporal.RunResult;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A research run as workflow code: the agent's own run (loop, stages, budget, record) driven
 * through a {@link TemporalEngine}, its record appended to the trajectory file by local activities,
 * its progress kept for queries. A run whose history grows long continues as new and picks up from
 * its trajectory file, as {@code ResearchAgent.resume} picks up a run whose process died.
 *
 * <p><b>Versions.</b> Workflow code must make the same decisions when a run's history is replayed,
 * so a worker with changed loop code must not pick up runs started by older code that would now
 * decide otherwise. Changes to this adapter are guarded with {@link Workflow#getVersion} under
 * {@link #CHANGE_ID} (see the README's "Scaling out"); the replay test replays recorded histories
 * of each path against the current code.
 */
public final class ResearchWorkflowImpl implements ResearchWorkflow {

  /** The change id under which this workflow's code versions are recorded. */
  public static final String CHANGE_ID = "researcher4j-research-run";

  /**
   * The current version: 1, the first. Raise it (keeping the old path behind {@code getVersion})
   * when a change to this class would make a recorded run take another path.
   */
  public static final int VERSION = 1;

  /** A history larger than this many bytes continues as new (Temporal's limit is 50 MB). */
  static final long CONTINUE_AS_NEW_AFTER_BYTES = 20L * 1024 * 1024;

  private final WorkerConfig config;
  private final Map<String, HumanQuestion> questions = new LinkedHashMap<>();
  private final Map<String, HumanAnswer> answers = new LinkedHashMap<>();
  private ProgressListener progress;
  private TemporalEngine engine;
  private DurableRun run;
  private boolean cancelRequested;

  /** A workflow instance on a worker configured with {@code config}. */
  public ResearchWorkflowImpl(WorkerConfig config) {
    this.config = config;
  }

  @Override
  public RunResult run(RunInput input) {
    String runId = input.runId().isEmpty() ? Workflow.getInfo().getWorkflowId() : input.runId();
    Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, VERSION);
    // Decided once and recorded, so that every worker writes the same file.
    String file = Workflow.sideEffect(String.class, () -> config.trajectoryFile(runId).toString());
    progress = new ProgressListener(runId, file);
    TrajectoryActivities files =
        Workflow.newLocalActivityStub(
            TrajectoryActivities.class,
            LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
                .build());
    engine =
        new TemporalEngine(config.agent(), config.timeouts(), () -> continueIfLong(input, runId));
    RunRequest request =
        RunRequest.of(runId, input.task())
            .withBudget(input.budget())
            .withParentRunId(input.parentRunId())
            .withListener(progress);
    AppendingSink sink;
    if (input.continuations() == 0) {
      sink = new AppendingSink(files, file, 0);
      run = config.agent().newRun(request.withSinks(List.of(sink)), engine);
    } else {
      TrajectoryActivities.Contents contents = files.read(file);
      TrajectoryCodec.Decoder decoder = TrajectoryCodec.newDecoder();
      contents.lines().forEach(decoder::accept);
      Trajectory recorded = decoder.trajectory();
      progress.seed(recorded);
      sink = new AppendingSink(files, file, contents.length());
      run =
          config
              .agent()
              .resumeRun(request.withSinks(List.of(sink)), recorded, decoder.resumes(), engine);
    }
    if (cancelRequested) {
      cancelRun();
    }
    Trajectory trajectory = run.execute();
    progress.onRunFinished(trajectory);
    return new RunResult(
        runId, trajectory.outcome(), trajectory.totals(), file, input.continuations());
  }

  /** Continues as new when the history is long: only at an act-loop model call, all recorded. */
  private void continueIfLong(RunInput input, String runId) {
    var info = Workflow.getInfo();
    if (info.isContinueAsNewSuggested()
        || info.getHistoryLength() > config.timeouts().continueAsNewAfter()
        || info.getHistorySize() > CONTINUE_AS_NEW_AFTER_BYTES) {
      Workflow.continueAsNew(input.withRunId(runId).continued());
    }
  }

  @Override
  public void cancel() {
    cancelRequested = true;
    if (run != null) {
      cancelRun();
    }
  }

  private void cancelRun() {
    progress.cancelling();
    run.cancel();
    engine.cancel();
  }

  @Override
  public void answer(HumanAnswer answer) {
    answers.put(answer.toolCallId(), answer);
    questions.remove(answer.toolCallId());
  }

  @Override
  public void ask(HumanQuestion question) {
    if (!answers.containsKey(question.toolCallId())) {
      questions.put(question.toolCallId(), question);
    }
  }

  @Override
  public RunProgress progress() {
    List<HumanQuestion> open = new ArrayList<>(questions.values());
    if (progress == null) {
      return new RunProgress(
          Workflow.getInfo().getWorkflowId(),
          "STARTING",
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          "",
          "",
          "",
          open,
          "");
    }
    return progress.snapshot(open);
  }

  @Override
  public HumanAnswer answerTo(String toolCallId) {
    return answers.get(toolCallId);
  }
}
