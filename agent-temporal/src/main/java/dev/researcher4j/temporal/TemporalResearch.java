package dev.researcher4j.temporal;

import dev.researcher4j.api.Task;
import dev.researcher4j.eval.EvalSummary;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The client side of research on Temporal: starts runs and evaluations on a task queue served by
 * {@link ResearchWorker}s, and follows, answers and cancels them by id. A run's id is its workflow
 * id, so any process connected to the same namespace can attach to it. Immutable and thread-safe.
 *
 * <pre>{@code
 * TemporalResearch research = TemporalResearch.of(client, ResearchWorker.DEFAULT_TASK_QUEUE);
 * String runId = research.start(Task.of("Which Java version introduced virtual threads?"));
 * RunProgress progress = research.progress(runId);   // steps, tokens, cost, draft, questions
 * RunResult result = research.result(runId);         // blocks until the run ends
 * }</pre>
 */
public final class TemporalResearch {

  private final WorkflowClient client;
  private final String taskQueue;

  private TemporalResearch(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /** Research through {@code client} on {@code taskQueue}. */
  public static TemporalResearch of(WorkflowClient client, String taskQueue) {
    Objects.requireNonNull(client, "client is required, but was null");
    Objects.requireNonNull(taskQueue, "taskQueue is required, but was null");
    return new TemporalResearch(client, taskQueue);
  }

  /** Starts a run of {@code task} with the workers' budget and returns its id. */
  public String start(Task task) {
    return start(RunInput.of(task));
  }

  /** Starts a run and returns its id (a new UUID). */
  public String start(RunInput input) {
    return start(UUID.randomUUID().toString(), input);
  }

  /**
   * Starts a run with id {@code runId}.
   *
   * @throws io.temporal.client.WorkflowExecutionAlreadyStarted if a run with that id is running
   */
  public String start(String runId, RunInput input) {
    Objects.requireNonNull(runId, "runId is required, but was null");
    Objects.requireNonNull(input, "input is required, but was null");
    ResearchWorkflow workflow =
        client.newWorkflowStub(
            ResearchWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId(runId).setTaskQueue(taskQueue).build());
    WorkflowClient.start(workflow::run, input.withRunId(runId));
    return runId;
  }

  /** Waits for run {@code runId} to end and returns how it ended. */
  public RunResult result(String runId) {
    return untyped(runId).getResult(RunResult.class);
  }

  /** How run {@code runId} ends, when it does. */
  public CompletableFuture<RunResult> resultAsync(String runId) {
    return untyped(runId).getResultAsync(RunResult.class);
  }

  /** Where run {@code runId} is now. */
  public RunProgress progress(String runId) {
    return run(runId).progress();
  }

  /** Cancels run {@code runId}: it ends as {@code CANCELLED}, its trajectory written. */
  public void cancel(String runId) {
    run(runId).cancel();
  }

  /** Sends the person's answer to a question run {@code runId} asked. */
  public void answer(String runId, HumanAnswer answer) {
    Objects.requireNonNull(answer, "answer is required, but was null");
    run(runId).answer(answer);
  }

  /** Starts an evaluation and returns its id (the input's, or a new UUID when it has none). */
  public String evaluate(EvalInput input) {
    Objects.requireNonNull(input, "input is required, but was null");
    String evalId = input.evalId().isEmpty() ? UUID.randomUUID().toString() : input.evalId();
    EvalWorkflow workflow =
        client.newWorkflowStub(
            EvalWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId(evalId).setTaskQueue(taskQueue).build());
    WorkflowClient.start(workflow::evaluate, input.withEvalId(evalId));
    return evalId;
  }

  /** Waits for evaluation {@code evalId} to end and returns its summary. */
  public EvalSummary evaluation(String evalId) {
    return client.newUntypedWorkflowStub(evalId).getResult(EvalSummary.class);
  }

  /** How far evaluation {@code evalId} is. */
  public EvalWorkflow.Progress evaluationProgress(String evalId) {
    return client.newWorkflowStub(EvalWorkflow.class, evalId).progress();
  }

  private ResearchWorkflow run(String runId) {
    Objects.requireNonNull(runId, "runId is required, but was null");
    return client.newWorkflowStub(ResearchWorkflow.class, runId);
  }

  private WorkflowStub untyped(String runId) {
    Objects.requireNonNull(runId, "runId is required, but was null");
    return client.newUntypedWorkflowStub(runId);
  }
}
