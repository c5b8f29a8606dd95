package dev.researcher4j.core;

import dev.researcher4j.api.Agent;
import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.Sleeper;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.context.ContextManagement;
import dev.researcher4j.core.human.HumanChannel;
import dev.researcher4j.core.internal.loop.Loop;
import dev.researcher4j.core.internal.run.DefaultExecutor;
import dev.researcher4j.core.internal.run.Resumption;
import dev.researcher4j.core.internal.run.Run;
import dev.researcher4j.core.internal.run.RunFuture;
import dev.researcher4j.core.internal.run.RunSettings;
import dev.researcher4j.core.internal.run.SafeListener;
import dev.researcher4j.core.internal.tool.BoundTool;
import dev.researcher4j.core.json.JsonSchemas;
import dev.researcher4j.core.prompt.Prompts;
import dev.researcher4j.core.structured.TypedResult;
import dev.researcher4j.core.tool.ToolFailurePolicy;
import dev.researcher4j.core.tool.ToolPolicy;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.core.trajectory.TrajectoryFormatException;
import dev.researcher4j.core.trajectory.TrajectoryLockedException;
import dev.researcher4j.core.trajectory.TrajectorySink;
import dev.researcher4j.core.verify.VerificationPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A research agent: given a {@link Task}, it plans, searches and reads with its tools (several
 * calls of a turn in parallel), checks its draft's claims against the sources they cite, and
 * returns a short answer with a cited Markdown report, all recorded as a {@link Trajectory}.
 *
 * <pre>{@code
 * ResearchAgent agent = ResearchAgent.builder()
 *     .chatModel(model)
 *     .tools(webSearch, pageReader)
 *     .budget(Budget.builder().maxSteps(30).maxCostUsd(0.50).build())
 *     .trajectorySink(JsonlTrajectorySink.inDirectory(Path.of("runs")))
 *     .build();
 * Trajectory run = agent.run(Task.of("Which Java version introduced virtual threads?"));
 * System.out.println(run.requireOutcome().report());
 * }</pre>
 *
 * <p><b>How a run goes.</b> The model drafts a plan (optional); then each turn it may call tools,
 * whose results come back with source ids ({@code [S1]}, {@code [S2]}, …) it cites; a reply without
 * tool calls is a draft, checked by the {@link VerificationPolicy} and sent back while claims are
 * unsupported; the final answer's report gets a list of the sources it cites. {@link Budget}s are
 * checked before every model call and tool batch and never exceeded: near a limit the model is told
 * to finish, and at the limit it gets one last call without tools to write its answer. Long
 * histories are compacted by the {@link ContextManagement} policy. Tool failures become error
 * observations unless the {@link ToolFailurePolicy} says otherwise.
 *
 * <p><b>Failures.</b> {@link #run} never throws because research went wrong: the trajectory's
 * outcome says {@code FAILED} (with the error, and the best draft if there was one), and the
 * trajectory is recorded all the same. Builder mistakes throw at {@link Builder#build()}.
 *
 * <p><b>Threads.</b> Immutable and thread-safe once built: one agent serves any number of
 * concurrent runs. Model calls, tool calls and {@link #runAsync} runs use the {@linkplain
 * Builder#executor executor}; the default uses virtual threads on Java 21+ and a cached daemon pool
 * on Java 17. A given executor must start new threads when all are busy (a fixed-size pool can
 * deadlock, because runs wait on their own calls).
 *
 * <p><b>Resuming.</b> {@link #resume(Path)} continues a run whose process died from its file; no
 * recorded call is made again (same id, conversation, sources, tool cache and spent budget).
 */
public final class ResearchAgent implements Agent {

  /** Default number of tool calls of one turn that run at once. */
  public static final int DEFAULT_MAX_PARALLEL_TOOL_CALLS = 8;

  /** The response-format name of planning requests, for routing fakes in tests. */
  public static final String PLAN_RESPONSE_FORMAT = Loop.PLAN_FORMAT_NAME;

  private final RunSettings settings;
  private final TrajectorySink sinks;

  private ResearchAgent(RunSettings settings) {
    this.settings = settings;
    this.sinks = TrajectorySink.allOf(settings.sinks());
  }

  /** A builder; {@link Builder#chatModel} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs {@code task} on the calling thread. Interrupting the thread cancels the run. */
  @Override
  public Trajectory run(Task task) {
    return run(task, RunOptions.defaults());
  }

  /**
   * Runs {@code task} as a sub-run of {@code parentRunId}: its header records the parent, so the
   * trajectories can be joined. Used by {@link dev.researcher4j.core.AgentTool}.
   */
  public Trajectory runAsChildOf(String parentRunId, Task task) {
    return run(task, RunOptions.builder().parentRunId(parentRunId).build());
  }

  /**
   * Runs {@code task} on the calling thread with {@code options}: a parent run, a budget of its
   * own, sources shared with other runs. Interrupting the thread cancels the run.
   */
  public Trajectory run(Task task, RunOptions options) {
    Objects.requireNonNull(task, "task is required, but was null");
    Objects.requireNonNull(options, "options is required, but was null");
    return newRun(task, options).execute();
  }

  /**
   * Runs {@code task} asking for its answer as a {@code type} (a record, say), and returns the
   * value with the sources of each of its fields; fields whose check failed are flagged, never
   * silently kept (see {@link TypedResult}). The task's own output schema is used when it has one,
   * else the schema of {@code type} ({@link JsonSchemas#forType}).
   *
   * @throws IllegalArgumentException if {@code type} has no JSON Schema, or is not an object or a
   *     list of objects
   */
  public <T> TypedResult<T> run(Task task, Class<T> type) {
    Objects.requireNonNull(task, "task is required, but was null");
    Objects.requireNonNull(type, "type is required, but was null");
    Task typed =
        task.hasOutputSchema()
            ? task
            : task.toBuilder().outputSchema(JsonSchemas.forType(type)).build();
    return TypedResult.of(run(typed), type);
  }

  /**
   * Runs {@code task} on the agent's executor. Cancelling the returned future cancels the run:
   * model and tool calls in flight are interrupted, and the run ends with {@code CANCELLED}, its
   * trajectory still recorded (to the sinks and listeners; the cancelled future itself does not
   * return it). Cancelling stages derived from the future does not cancel the run.
   */
  @Override
  public CompletableFuture<Trajectory> runAsync(Task task) {
    Objects.requireNonNull(task, "task is required, but was null");
    return start(newRun(task, RunOptions.defaults()));
  }

  private CompletableFuture<Trajectory> start(Run run) {
    return start(run, () -> {});
  }

  /** Runs {@code run} on the executor; {@code after} runs when it ended, on its thread. */
  private CompletableFuture<Trajectory> start(Run run, Runnable after) {
    RunFuture future = new RunFuture(run);
    try {
      settings
          .executor()
          .execute(
              () -> {
                try {
                  future.complete(run.execute());
                } catch (Throwable t) {
                  future.completeExceptionally(t);
                  throw t;
                } finally {
                  after.run();
                }
              });
    } catch (RejectedExecutionException e) {
      after.run();
      future.completeExceptionally(e);
    }
    return future;
  }

  /**
   * Continues the run recorded in {@code trajectoryFile} whose process died, and returns its
   * trajectory once it ends. Blocks; interrupting the thread cancels the run.
   *
   * <p>The file is read as {@link dev.researcher4j.core.trajectory.TrajectoryReader} reads it (a
   * half-written last line is ignored). A finished run (the file has a footer) is returned as it
   * is, and the file left alone. Otherwise the run is replayed from the start against its record:
   * every model call and tool batch the file holds is answered from the file, not made again, so
   * the conversation, the sources (with the same ids), the tool cache, verification rounds and the
   * budget spent (steps, tool calls, tokens, cost and time up to the last recorded step) come out
   * as they were. From the first step the file lacks, the run goes on live, with this agent's model
   * and tools, under the budget recorded in the file's header.
   *
   * <p><b>The file.</b> It stays one valid trajectory: a half-written last line is cut off, a
   * {@code resume} line marks the place, and the new steps and the footer are appended, so the
   * recorded lines keep their bytes. The agent's other sinks learn of the resume ({@link
   * TrajectorySink#onResume}); a {@link JsonlTrajectorySink} that would write this same file is
   * left out, so nothing is written twice. Listeners see {@code onRunStarted}, then only what
   * happens after the resume point. Time between the last recorded step and the resume is not
   * counted against the time budget, nor in the run's elapsed time.
   *
   * <p>Resume with an agent built like the one that recorded the run (planning, verification, tools
   * and their policies, prompts): the loop must make the same decisions to retrace the record. The
   * file is locked while the run writes it, so a run whose process is still alive is refused (the
   * lock dies with its process: a dead run's file can always be resumed).
   *
   * @throws TrajectoryFormatException if the file is not a valid trajectory (or holds only part of
   *     a header line, in which case there is nothing to resume)
   * @throws TrajectoryLockedException if another run (in this or another process) is writing the
   *     file
   * @throws IOException if the file cannot be read or written
   * @throws IllegalStateException if the agent does not retrace the record (the message names the
   *     first step where it differs); the file is then left as it was, but for a half-written last
   *     line cut off
   */
  public Trajectory resume(Path trajectoryFile) throws IOException {
    Objects.requireNonNull(trajectoryFile, "trajectoryFile is required, but was null");
    Resumption resume = Resumption.prepare(settings, trajectoryFile);
    if (resume.run() == null) {
      return resume.recorded();
    }
    try {
      return resume.run().execute();
    } finally {
      resume.file().close();
    }
  }

  /**
   * Continues the run recorded in {@code trajectoryFile} on the agent's executor; see {@link
   * #resume(Path)}. The file is read (and locked) before this returns; problems with it fail the
   * returned future. Cancelling the future cancels the run, as for {@link #runAsync}.
   */
  public CompletableFuture<Trajectory> resumeAsync(Path trajectoryFile) {
    Objects.requireNonNull(trajectoryFile, "trajectoryFile is required, but was null");
    Resumption resume;
    try {
      resume = Resumption.prepare(settings, trajectoryFile);
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (resume.run() == null) {
      return CompletableFuture.completedFuture(resume.recorded());
    }
    // The file's lock is released when the run has ended, not when a caller cancels the future.
    return start(resume.run(), resume.file()::close);
  }

  /** Where the trajectory of {@code runId} is kept, when a sink keeps it addressably (a file). */
  public Optional<String> trajectoryLocation(String runId) {
    return sinks.location(runId);
  }

  /** The specs of the agent's tools, in the order given. */
  public List<ToolSpec> toolSpecs() {
    return settings.toolSpecs();
  }

  /** The budget of each run. */
  public Budget budget() {
    return settings.budget();
  }

  /** This agent for a durable-execution engine (experimental; see package core.durable). */
  public dev.researcher4j.core.durable.DurableAgent durable() {
    return new dev.researcher4j.core.internal.durable.DurableAgentImpl(settings);
  }

  private Run newRun(Task task, RunOptions options) {
    RunSettings runSettings = options.budget().map(settings::withBudget).orElse(settings);
    return new Run(
        runSettings, UUID.randomUUID().toString(), options.parentRunId(), task, options.registry());
  }

  /**
   * Builds a {@link ResearchAgent}. Defaults: {@link Budget#defaults()}, planning on, {@link
   * VerificationPolicy#ofDefaults()}, {@link ContextManagement#defaults()}, {@link
   * Prompts#defaults()}, {@link ToolPolicy#ofDefaults()} for every tool without its own, {@link
   * ToolFailurePolicy#ofDefaults()}, {@value #DEFAULT_MAX_PARALLEL_TOOL_CALLS} parallel tool calls,
   * no listener, no sink, the default executor, the UTC system clock, {@link Sleeper#SYSTEM}. Not
   * thread-safe.
   */
  public static final class Builder {
    private ChatModel chatModel;
    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final Map<String, ToolPolicy> toolPolicies = new LinkedHashMap<>();
    private ToolPolicy toolPolicy = ToolPolicy.ofDefaults();
    private int maxParallelToolCalls = DEFAULT_MAX_PARALLEL_TOOL_CALLS;
    private ToolFailurePolicy toolFailures = ToolFailurePolicy.ofDefaults();
    private Budget budget = Budget.defaults();
    private boolean planning = true;
    private VerificationPolicy verification = VerificationPolicy.ofDefaults();
    private ContextManagement context = ContextManagement.defaults();
    private Prompts prompts = Prompts.defaults();
    private final List<AgentListener> listeners = new ArrayList<>();
    private final List<TrajectorySink> sinks = new ArrayList<>();
    private Executor executor;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private final List<String> secrets = new ArrayList<>();
    private HumanChannel humans;

    private Builder() {}

    /** The model (required). */
    public Builder chatModel(ChatModel chatModel) {
      this.chatModel = Objects.requireNonNull(chatModel, "chatModel is required, but was null");
      return this;
    }

    /** Adds tools, each under the default tool policy. */
    public Builder tools(Tool... tools) {
      for (Tool tool : tools) {
        tool(tool, null);
      }
      return this;
    }

    /** Adds tools, each under the default tool policy. */
    public Builder tools(Collection<? extends Tool> tools) {
      tools.forEach(tool -> tool(tool, null));
      return this;
    }

    /**
     * Adds a tool under its own policy ({@code null} for the default).
     *
     * @throws IllegalArgumentException if a tool of that name was already added
     */
    public Builder tool(Tool tool, ToolPolicy policy) {
      Objects.requireNonNull(tool, "tool is required, but was null");
      String name = tool.spec().name();
      if (tools.containsKey(name)) {
        throw new IllegalArgumentException("a tool named " + name + " was already added");
      }
      tools.put(name, tool);
      if (policy != null) {
        toolPolicies.put(name, policy);
      }
      return this;
    }

    /** The policy of tools added without one; default {@link ToolPolicy#ofDefaults()}. */
    public Builder toolPolicy(ToolPolicy toolPolicy) {
      this.toolPolicy = Objects.requireNonNull(toolPolicy, "toolPolicy is required, but was null");
      return this;
    }

    /** Most tool calls of one turn that run at once, at least 1. */
    public Builder maxParallelToolCalls(int maxParallelToolCalls) {
      if (maxParallelToolCalls < 1) {
        throw new IllegalArgumentException(
            "maxParallelToolCalls must be >= 1, but was " + maxParallelToolCalls);
      }
      this.maxParallelToolCalls = maxParallelToolCalls;
      return this;
    }

    /** What to do about tool failures. */
    public Builder toolFailures(ToolFailurePolicy toolFailures) {
      this.toolFailures =
          Objects.requireNonNull(toolFailures, "toolFailures is required, but was null");
      return this;
    }

    /** Each run's budget. */
    public Builder budget(Budget budget) {
      this.budget = Objects.requireNonNull(budget, "budget is required, but was null");
      return this;
    }

    /** Whether runs start by drafting a research plan; default on. */
    public Builder planning(boolean planning) {
      this.planning = planning;
      return this;
    }

    /** How drafts are verified. */
    public Builder verification(VerificationPolicy verification) {
      this.verification =
          Objects.requireNonNull(verification, "verification is required, but was null");
      return this;
    }

    /** How long histories are compacted. */
    public Builder context(ContextManagement context) {
      this.context = Objects.requireNonNull(context, "context is required, but was null");
      return this;
    }

    /** The prompts. */
    public Builder prompts(Prompts prompts) {
      this.prompts = Objects.requireNonNull(prompts, "prompts is required, but was null");
      return this;
    }

    /** Adds a listener; listeners are called in the order added. */
    public Builder listener(AgentListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener is required, but was null"));
      return this;
    }

    /** Adds a trajectory sink; sinks are called in the order added. */
    public Builder trajectorySink(TrajectorySink sink) {
      sinks.add(Objects.requireNonNull(sink, "sink is required, but was null"));
      return this;
    }

    /**
     * Runs model calls, tool calls and async runs; it must start new threads when all are busy.
     * Default: virtual threads on Java 21+, a cached daemon pool on Java 17. The agent never shuts
     * it down.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor is required, but was null");
      return this;
    }

    /** The clock for timestamps, today's date in the prompt, and the time budget. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock is required, but was null");
      return this;
    }

    /** How tool retries wait. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper is required, but was null");
      return this;
    }

    /**
     * How runs reach the person they work for: approvals of calls to tools whose policy {@linkplain
     * ToolPolicy.Builder#requiresApproval requires approval}. Required when such a tool is added;
     * default none.
     */
    public Builder humanChannel(HumanChannel humans) {
      this.humans = Objects.requireNonNull(humans, "humans is required, but was null");
      return this;
    }

    /**
     * Adds secret values (your tools' API keys, tokens) to mask in everything a run records —
     * trajectories, reports, logs — even when a model or a page echoes them. The chat model's own
     * credentials are masked without being added here ({@link ChatModel#scrubSecrets}). Values
     * shorter than 6 characters are ignored: they would match ordinary text.
     */
    public Builder secrets(String... values) {
      for (String value : values) {
        secrets.add(Objects.requireNonNull(value, "secret is required, but was null"));
      }
      return this;
    }

    /**
     * Builds the agent.
     *
     * @throws IllegalStateException if no chat model was set
     */
    public ResearchAgent build() {
      if (chatModel == null) {
        throw new IllegalStateException("chatModel is required, but was not set");
      }
      Map<String, BoundTool> bound =
          BoundTool.bindAll(tools, toolPolicies, toolPolicy, humans != null, sleeper, clock);
      List<ToolSpec> specs = bound.values().stream().map(BoundTool::spec).toList();
      return new ResearchAgent(
          new RunSettings(
              chatModel,
              bound,
              specs,
              maxParallelToolCalls,
              toolFailures,
              budget,
              planning,
              verification,
              context,
              prompts,
              new SafeListener(listeners),
              sinks,
              executor != null ? executor : DefaultExecutor.create(),
              clock,
              sdkVersion(),
              secrets,
              humans));
    }

    private static String sdkVersion() {
      String version = ResearchAgent.class.getPackage().getImplementationVersion();
      return version == null ? "dev" : version;
    }
  }
}
