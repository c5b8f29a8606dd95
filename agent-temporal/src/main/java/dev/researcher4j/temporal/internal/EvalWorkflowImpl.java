package dev.researcher4j.temporal.internal;

import dev.researcher4j.eval.AttemptResult;
import dev.researcher4j.eval.AttemptStatus;
import dev.researcher4j.eval.EvalSummary;
import dev.researcher4j.eval.ExternalAttempts;
import dev.researcher4j.temporal.EvalInput;
import dev.researcher4j.temporal.EvalWorkflow;
import dev.researcher4j.temporal.ResearchWorkflow;
import dev.researcher4j.temporal.RunInput;
import dev.researcher4j.temporal.RunResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An evaluation as workflow code: the attempts not yet recorded, each a child research run (at most
 * {@code concurrency} at once), each graded and recorded by an activity as its run ends, then the
 * summary. Child run ids are {@code <evalId>/<item>/a<attempt>}.
 */
public final class EvalWorkflowImpl implements EvalWorkflow {

  private final WorkerConfig config;
  private int expected;
  private int recorded;
  private int running;
  private int correct;

  /** A workflow instance on a worker configured with {@code config}. */
  public EvalWorkflowImpl(WorkerConfig config) {
    this.config = config;
  }

  @Override
  public EvalSummary evaluate(EvalInput input) {
    EvalActivities activities =
        Workflow.newActivityStub(
            EvalActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(10))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
                .build());
    ExternalAttempts.Plan plan = activities.plan(input);
    expected = plan.attemptsExpected();
    recorded = plan.attemptsRecorded();
    String evalId = input.evalId().isEmpty() ? Workflow.getInfo().getWorkflowId() : input.evalId();
    List<Promise<Void>> inFlight = new ArrayList<>();
    for (ExternalAttempts.Attempt attempt : plan.pending()) {
      while (inFlight.size() >= input.concurrency()) {
        Promise.anyOf(inFlight).get();
        inFlight.removeIf(Promise::isCompleted);
      }
      running++;
      inFlight.add(Async.procedure(() -> runAttempt(evalId, input, activities, attempt)));
    }
    Promise.allOf(inFlight).get();
    return activities.summarize(input);
  }

  private void runAttempt(
      String evalId, EvalInput input, EvalActivities activities, ExternalAttempts.Attempt attempt) {
    long started = Workflow.currentTimeMillis();
    String runId = evalId + "/" + attempt.item().id() + "/a" + attempt.attempt();
    ResearchWorkflow child =
        Workflow.newChildWorkflowStub(
            ResearchWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(runId)
                .setTaskQueue(config.taskQueue())
                .setWorkflowExecutionTimeout(input.attemptTimeout())
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE)
                .build());
    AttemptResult result;
    try {
      RunResult run = child.run(new RunInput(runId, attempt.task(), input.budget(), evalId, 0));
      result = activities.recordFinished(input, attempt, run.trajectory(), started);
    } catch (ChildWorkflowFailure failure) {
      boolean timedOut = failure.getCause() instanceof TimeoutFailure;
      String error =
          timedOut
              ? "timed out after " + input.attemptTimeout() + " and was cancelled"
              : "the run failed: "
                  + (failure.getCause() != null
                      ? failure.getCause().getMessage()
                      : failure.getMessage());
      result =
          activities.recordFailed(
              input,
              attempt,
              timedOut ? AttemptStatus.TIMED_OUT : AttemptStatus.CRASHED,
              error,
              started);
    }
    running--;
    recorded++;
    if (result.correct()) {
      correct++;
    }
  }

  @Override
  public Progress progress() {
    return new Progress(expected, recorded, running, correct);
  }
}
