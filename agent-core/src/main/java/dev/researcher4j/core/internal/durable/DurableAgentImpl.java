package dev.researcher4j.core.internal.durable;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.durable.Cancellation;
import dev.researcher4j.core.durable.DurableAgent;
import dev.researcher4j.core.durable.DurableRun;
import dev.researcher4j.core.durable.Engine;
import dev.researcher4j.core.durable.ModelCallInput;
import dev.researcher4j.core.durable.ModelCallOutput;
import dev.researcher4j.core.durable.RunRequest;
import dev.researcher4j.core.durable.ToolCallInput;
import dev.researcher4j.core.durable.ToolCallOutput;
import dev.researcher4j.core.internal.cite.SourceRegistry;
import dev.researcher4j.core.internal.port.ModelGateway;
import dev.researcher4j.core.internal.port.RunScope;
import dev.researcher4j.core.internal.port.Scrubber;
import dev.researcher4j.core.internal.port.ToolBatch;
import dev.researcher4j.core.internal.port.ToolExecutor;
import dev.researcher4j.core.internal.port.ToolOutcome;
import dev.researcher4j.core.internal.run.LiveModelGateway;
import dev.researcher4j.core.internal.run.LivePorts;
import dev.researcher4j.core.internal.run.Run;
import dev.researcher4j.core.internal.run.RunSettings;
import dev.researcher4j.core.internal.run.SafeListener;
import dev.researcher4j.core.internal.tool.BoundTool;
import dev.researcher4j.core.internal.tool.ParallelToolExecutor;
import dev.researcher4j.core.tool.ToolPolicy;
import dev.researcher4j.core.trajectory.TrajectoryResume;
import java.util.List;
import java.util.Objects;

/**
 * The {@link DurableAgent} of a {@code ResearchAgent}: runs built from the agent's settings with
 * ports that go through an {@link Engine}, and the calls those ports hand to the engine, made here
 * with the agent's model and tools.
 */
public final class DurableAgentImpl implements DurableAgent {

  private static final AgentListener SILENT = new AgentListener() {};

  private final RunSettings settings;
  private final Scrubber scrubber;
  private final RunStates states = new RunStates(RunStates.DEFAULT_RUNS);

  /** The durable side of the agent with {@code settings}. */
  public DurableAgentImpl(RunSettings settings) {
    this.settings = settings;
    this.scrubber = new Scrubber(settings.secrets(), settings.model()::scrubSecrets);
  }

  @Override
  public DurableRun newRun(RunRequest request, Engine engine) {
    Objects.requireNonNull(request, "request is required, but was null");
    Objects.requireNonNull(engine, "engine is required, but was null");
    Run run =
        new Run(
            settingsFor(request, engine),
            request.runId(),
            request.parentRunId(),
            request.task(),
            ports(engine));
    return new Driven(run);
  }

  @Override
  public DurableRun resumeRun(
      RunRequest request, Trajectory recorded, List<TrajectoryResume> resumes, Engine engine) {
    Objects.requireNonNull(request, "request is required, but was null");
    Objects.requireNonNull(recorded, "recorded is required, but was null");
    Objects.requireNonNull(engine, "engine is required, but was null");
    if (!recorded.runId().equals(request.runId())) {
      throw new IllegalArgumentException(
          "the record is of run " + recorded.runId() + ", not of run " + request.runId());
    }
    Run run =
        Run.resuming(
            settingsFor(request, engine),
            recorded,
            resumes,
            "the record of run " + recorded.runId(),
            request.sinks(),
            ports(engine));
    return new Driven(run);
  }

  @Override
  public ModelCallOutput callModel(ModelCallInput input, Cancellation cancellation) {
    RunScope scope =
        new RunScope(
            input.runId(), placeholderTask(input.runId()), SILENT, settings.clock(), scrubber);
    cancellation.onCancel(scope::cancel);
    ModelGateway gateway = new LiveModelGateway(settings.model(), scope, settings.executor());
    return ModelCalls.output(
        gateway.call(
            input.stepIndex(), input.kind(), input.request(), input.timeout(), ChatObserver.NONE),
        scrubber);
  }

  @Override
  public ToolCallOutput callTool(ToolCallInput input, Cancellation cancellation) {
    RunScope scope =
        new RunScope(
            input.runId(),
            input.task(),
            SILENT,
            settings.clock(),
            scrubber,
            new SourceRegistry(input.knownSources(), ProvisionalIds.FIRST),
            states.of(input.runId()));
    cancellation.onCancel(scope::cancel);
    ParallelToolExecutor executor =
        // No approver: a call whose tool needs a person's go-ahead is refused on a worker (approval
        // gates are not yet wired through the engine).
        new ParallelToolExecutor(
            scope, settings.tools(), 1, settings.toolFailures(), settings.executor(), null);
    ToolBatch batch = executor.run(input.stepIndex(), List.of(input.call()), input.timeLeft());
    ToolOutcome outcome = batch.outcomes().get(0);
    return new ToolCallOutput(outcome.execution(), outcome.modelText(), outcome.detail());
  }

  @Override
  public ToolPolicy toolPolicy(String toolName) {
    BoundTool tool = settings.tools().get(toolName);
    return tool != null ? tool.policy() : ToolPolicy.ofDefaults();
  }

  private RunSettings settingsFor(RunRequest request, Engine engine) {
    RunSettings s = settings;
    return new RunSettings(
        s.model(),
        s.tools(),
        s.toolSpecs(),
        s.maxParallelToolCalls(),
        s.toolFailures(),
        request.budget() != null ? request.budget() : s.budget(),
        s.planning(),
        s.verification(),
        s.context(),
        s.prompts(),
        new SafeListener(List.of(request.listener())),
        request.sinks(),
        s.executor(),
        engine.clock(),
        s.sdkVersion(),
        s.secrets(),
        s.humans());
  }

  private static LivePorts ports(Engine engine) {
    return new LivePorts() {
      @Override
      public ModelGateway model(RunSettings settings, RunScope scope) {
        return new EngineModelGateway(engine, scope);
      }

      @Override
      public ToolExecutor tools(RunSettings settings, RunScope scope) {
        return new ParallelToolExecutor(scope, settings.tools(), new EngineCalls(engine, scope));
      }
    };
  }

  /** The scope of a model call needs a task; the call never reads it. */
  private static Task placeholderTask(String runId) {
    return Task.of("model call of run " + runId);
  }

  /** A run driven through an engine. */
  private static final class Driven implements DurableRun {
    private final Run run;

    Driven(Run run) {
      this.run = run;
    }

    @Override
    public String runId() {
      return run.runId();
    }

    @Override
    public Trajectory execute() {
      return run.execute();
    }

    @Override
    public void cancel() {
      run.cancel();
    }
  }
}
