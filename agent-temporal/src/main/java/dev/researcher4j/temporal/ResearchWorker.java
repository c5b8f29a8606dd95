package dev.researcher4j.temporal;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.temporal.internal.CallActivities;
import dev.researcher4j.temporal.internal.EvalActivitiesImpl;
import dev.researcher4j.temporal.internal.EvalWorkflowImpl;
import dev.researcher4j.temporal.internal.ResearchWorkflowImpl;
import dev.researcher4j.temporal.internal.Timeouts;
import dev.researcher4j.temporal.internal.TrajectoryFiles;
import dev.researcher4j.temporal.internal.WorkerConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A Temporal worker for research runs and evaluations: it runs {@link ResearchWorkflow}s and {@link
 * EvalWorkflow}s, and their model calls, tool calls, trajectory writes and grading, with one agent
 * configuration. Start as many as you like, on as many machines, on one task queue: each call goes
 * to whichever worker is free, and a run whose worker dies goes on on another.
 *
 * <pre>{@code
 * WorkflowClient client = TemporalConnection.builder().target("localhost:7233").build().connect();
 * try (ResearchWorker worker = ResearchWorker.builder()
 *     .client(client)
 *     .agent(agent)
 *     .trajectoryDirectory(Path.of("/shared/runs"))
 *     .build()) {
 *   worker.start();
 *   ...
 * }
 * }</pre>
 *
 * <p><b>Every worker of a task queue must be configured alike</b>: the same agent (model, tools and
 * their policies, prompts, planning, verification, context policy), because a run's workflow code
 * may be replayed on any of them, and the same trajectory directory and payload store, which all of
 * them must reach (a shared file system, or a store of your own). The agent's listeners and sinks
 * are not used: the run's trajectory goes to its file in the trajectory directory, written as a
 * local run writes it, and its progress is a query ({@link TemporalResearch#progress}).
 *
 * <p>Defaults: task queue {@value #DEFAULT_TASK_QUEUE}, heartbeats every 2 s and a call counted
 * lost after 10 s of silence, 5 attempts of a call whose worker is lost, continue-as-new after
 * 10,000 history events, at most {@value #DEFAULT_MAX_CONCURRENT_CALLS} calls and {@value
 * #DEFAULT_MAX_CONCURRENT_RUNS} workflow tasks at once. {@link #close()} stops the worker (calls in
 * flight are left to be made again elsewhere). Thread-safe.
 */
public final class ResearchWorker implements AutoCloseable {

  /** The default task queue. */
  public static final String DEFAULT_TASK_QUEUE = "researcher4j";

  /** Default most activities (model, tool calls, grading) a worker runs at once. */
  public static final int DEFAULT_MAX_CONCURRENT_CALLS = 200;

  /** Default most workflow tasks a worker runs at once. */
  public static final int DEFAULT_MAX_CONCURRENT_RUNS = 200;

  private final WorkerFactory factory;
  private final String taskQueue;

  private ResearchWorker(WorkerFactory factory, String taskQueue) {
    this.factory = factory;
    this.taskQueue = taskQueue;
  }

  /** A builder; {@link Builder#agent} and, for {@link Builder#build}, {@link Builder#client}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts polling the task queue. */
  public void start() {
    factory.start();
  }

  /** The task queue. */
  public String taskQueue() {
    return taskQueue;
  }

  /** Stops the worker and waits up to 10 s for calls in flight to end. */
  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Builds a {@link ResearchWorker}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private WorkflowClient client;
    private ResearchAgent agent;
    private String taskQueue = DEFAULT_TASK_QUEUE;
    private Path trajectories = Path.of("runs");
    private Duration heartbeat = Timeouts.DEFAULTS.heartbeat();
    private Duration heartbeatTimeout = Timeouts.DEFAULTS.heartbeatTimeout();
    private int lostCallAttempts = Timeouts.DEFAULTS.lostCallAttempts();
    private long continueAsNewAfter = Timeouts.DEFAULTS.continueAsNewAfter();
    private int maxConcurrentCalls = DEFAULT_MAX_CONCURRENT_CALLS;
    private int maxConcurrentRuns = DEFAULT_MAX_CONCURRENT_RUNS;
    private ChatModel judge;
    private boolean sticky = true;

    private Builder() {}

    /**
     * Whether a run's workflow tasks stay on the worker that has the run in memory (Temporal's
     * sticky execution; default on). Turn it off only for a server that does not move a dead
     * worker's sticky tasks to another worker: Temporal's test server ({@code researcher
     * temporal-dev}) does not, a Temporal cluster does after 5 s. Off, each workflow task replays
     * the run's history.
     */
    public Builder stickyExecution(boolean sticky) {
      this.sticky = sticky;
      return this;
    }

    /**
     * The model that judges free-text answers in evaluations (grader {@code judge}); default none,
     * and evaluations grade as {@code Evaluation} does without a judge.
     */
    public Builder judge(ChatModel judge) {
      this.judge = Objects.requireNonNull(judge, "judge is required, but was null");
      return this;
    }

    /** The client (required for {@link #build}); its data converter must be the clients'. */
    public Builder client(WorkflowClient client) {
      this.client = Objects.requireNonNull(client, "client is required, but was null");
      return this;
    }

    /** The agent whose runs the worker makes (required). */
    public Builder agent(ResearchAgent agent) {
      this.agent = Objects.requireNonNull(agent, "agent is required, but was null");
      return this;
    }

    /** The task queue; default {@value ResearchWorker#DEFAULT_TASK_QUEUE}. */
    public Builder taskQueue(String taskQueue) {
      Objects.requireNonNull(taskQueue, "taskQueue is required, but was null");
      if (taskQueue.isBlank()) {
        throw new IllegalArgumentException("taskQueue must not be blank");
      }
      this.taskQueue = taskQueue;
      return this;
    }

    /** Where trajectory files go, shared by every worker; default {@code runs}. */
    public Builder trajectoryDirectory(Path directory) {
      this.trajectories =
          Objects.requireNonNull(directory, "trajectoryDirectory is required, but was null");
      return this;
    }

    /**
     * How often a running call reports its worker alive, and after how long without a report it
     * counts as lost and is made again on another worker; defaults 2 s and 10 s.
     */
    public Builder heartbeat(Duration every, Duration timeout) {
      Objects.requireNonNull(every, "every is required, but was null");
      Objects.requireNonNull(timeout, "timeout is required, but was null");
      if (every.isZero() || every.isNegative() || every.compareTo(timeout) >= 0) {
        throw new IllegalArgumentException(
            "heartbeat must be positive and shorter than its timeout, but was "
                + every
                + " with timeout "
                + timeout);
      }
      this.heartbeat = every;
      this.heartbeatTimeout = timeout;
      return this;
    }

    /** How many times a model call is made when its worker keeps dying; default 5, at least 1. */
    public Builder lostCallAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("lostCallAttempts must be >= 1, but was " + attempts);
      }
      this.lostCallAttempts = attempts;
      return this;
    }

    /**
     * The history length (events) after which a run continues as new, from its trajectory file;
     * default 10,000, at least 100. Temporal limits a history to 50,000 events.
     */
    public Builder continueAsNewAfter(long events) {
      if (events < 100) {
        throw new IllegalArgumentException(
            "continueAsNewAfter must be >= 100 events, but was " + events);
      }
      this.continueAsNewAfter = events;
      return this;
    }

    /** Most calls (activities) the worker runs at once; default 200, at least 1. */
    public Builder maxConcurrentCalls(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("maxConcurrentCalls must be >= 1, but was " + calls);
      }
      this.maxConcurrentCalls = calls;
      return this;
    }

    /** Most workflow tasks the worker runs at once; default 200, at least 1. */
    public Builder maxConcurrentRuns(int runs) {
      if (runs < 1) {
        throw new IllegalArgumentException("maxConcurrentRuns must be >= 1, but was " + runs);
      }
      this.maxConcurrentRuns = runs;
      return this;
    }

    /**
     * Builds the worker on a factory of its own (started by {@link ResearchWorker#start()}).
     *
     * @throws IllegalStateException if the client or the agent is missing
     */
    public ResearchWorker build() {
      if (client == null) {
        throw new IllegalStateException("client is required, but was not set");
      }
      WorkerFactory factory =
          sticky
              ? WorkerFactory.newInstance(client)
              : WorkerFactory.newInstance(
                  client, WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build());
      WorkerOptions.Builder options =
          WorkerOptions.newBuilder()
              .setMaxConcurrentActivityExecutionSize(maxConcurrentCalls)
              .setMaxConcurrentLocalActivityExecutionSize(maxConcurrentRuns)
              .setMaxConcurrentWorkflowTaskExecutionSize(maxConcurrentRuns);
      if (!sticky) {
        // The SDK asks the server for sticky tasks unless their schedule-to-start timeout is zero;
        // an empty cache alone still sends a run's next task to this worker's own queue.
        options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
      }
      registerOn(factory.newWorker(taskQueue, options.build()));
      return new ResearchWorker(factory, taskQueue);
    }

    /**
     * Registers the workflows and activities on a worker you manage (its task queue is the one runs
     * are started on; this builder's task queue names it for evaluations' child runs).
     *
     * @throws IllegalStateException if the agent is missing
     */
    public void registerOn(Worker worker) {
      if (agent == null) {
        throw new IllegalStateException("agent is required, but was not set");
      }
      Timeouts timeouts =
          new Timeouts(
              heartbeat,
              heartbeatTimeout,
              lostCallAttempts,
              Duration.ofHours(2),
              continueAsNewAfter);
      WorkerConfig config =
          new WorkerConfig(agent.durable(), trajectories, timeouts, worker.getTaskQueue());
      worker.registerWorkflowImplementationFactory(
          ResearchWorkflow.class, () -> new ResearchWorkflowImpl(config));
      worker.registerWorkflowImplementationFactory(
          EvalWorkflow.class, () -> new EvalWorkflowImpl(config));
      worker.registerActivitiesImplementations(
          new CallActivities(config.agent(), heartbeat),
          new TrajectoryFiles(),
          new EvalActivitiesImpl(judge));
    }
  }
}
