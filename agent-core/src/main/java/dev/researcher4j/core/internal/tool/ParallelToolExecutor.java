package dev.researcher4j.core.internal.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolExecution.Status;
import dev.researcher4j.core.internal.port.Approver;
import dev.researcher4j.core.internal.port.RunScope;
import dev.researcher4j.core.internal.port.ToolBatch;
import dev.researcher4j.core.internal.port.ToolExecutor;
import dev.researcher4j.core.internal.port.ToolOutcome;
import dev.researcher4j.core.tool.ToolFailurePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Runs one run's tool batches: checks each call (known tool, valid arguments, repeated), has the
 * rest run by its {@link CallRunner} — in parallel under a cap, each under its tool's timeout,
 * retries and circuit breaker ({@link LocalCalls}) — and turns every outcome, failures included,
 * into an observation for the model (secrets masked). Nothing a tool does escapes as an exception.
 * The same executor serves a run whose calls a durable-execution engine makes (another {@link
 * CallRunner}). One per run; {@link #run} is called from the run's thread.
 */
public final class ParallelToolExecutor implements ToolExecutor {

  /** What a call's observation says when its run was cancelled before it ended. */
  public static final String CANCELLED = Observations.CANCELLED;

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private final RunScope run;
  private final Map<String, BoundTool> tools;
  private final CallRunner runner;
  private final Map<String, ToolExecution> cache = new ConcurrentHashMap<>();

  /**
   * An executor for the run of {@code run} that runs its calls in this process.
   *
   * @param approver asks for approvals of calls whose tool needs them, or {@code null} when no tool
   *     does
   */
  public ParallelToolExecutor(
      RunScope run,
      Map<String, BoundTool> tools,
      int maxParallel,
      ToolFailurePolicy failures,
      Executor executor,
      Approver approver) {
    this(run, tools, new LocalCalls(run, maxParallel, failures, executor, approver));
  }

  /** An executor for the run of {@code run} whose admitted calls {@code runner} runs. */
  public ParallelToolExecutor(RunScope run, Map<String, BoundTool> tools, CallRunner runner) {
    this.run = run;
    this.tools = tools;
    this.runner = runner;
  }

  @Override
  public ToolBatch run(int stepIndex, List<ToolCall> calls, Duration timeLeft) {
    Instant startedAt = run.clock().instant();
    ToolOutcome[] outcomes = new ToolOutcome[calls.size()];
    Map<Integer, Integer> duplicateOf = new HashMap<>();
    Map<String, Integer> firstByKey = new HashMap<>();
    String[] keys = new String[calls.size()];
    List<CallRunner.Admitted> admitted = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      ToolCall call = calls.get(i);
      Instant now = run.clock().instant();
      BoundTool bound = tools.get(call.name());
      if (bound == null) {
        outcomes[i] =
            Observations.rejected(
                call, Status.UNKNOWN_TOOL, Observations.unknownTool(call, tools.keySet()), now);
        continue;
      }
      String invalid = invalidArguments(call, bound);
      if (!invalid.isEmpty()) {
        outcomes[i] = Observations.rejected(call, Status.INVALID_ARGUMENTS, invalid, now);
        continue;
      }
      String key = bound.policy.cacheRepeatedCalls() ? cacheKey(call) : "";
      keys[i] = key;
      if (!key.isEmpty()) {
        ToolExecution earlier = cache.get(key);
        if (earlier != null) {
          outcomes[i] = Observations.cached(call, earlier, now, bound.policy.maxResultChars());
          continue;
        }
        Integer first = firstByKey.putIfAbsent(key, i);
        if (first != null) {
          duplicateOf.put(i, first);
          continue;
        }
      }
      admitted.add(new CallRunner.Admitted(i, call, bound));
    }
    boolean[] announced = new boolean[outcomes.length];
    List<CallRunner.Ran> ran =
        admitted.isEmpty() ? List.of() : runner.run(stepIndex, admitted, timeLeft);
    for (int j = 0; j < admitted.size(); j++) {
      CallRunner.Admitted a = admitted.get(j);
      ToolOutcome outcome = ran.get(j).outcome();
      outcomes[a.index()] = outcome;
      announced[a.index()] = ran.get(j).announced();
      if (outcome.execution().status() == Status.OK && a.tool().policy.cacheRepeatedCalls()) {
        cache.putIfAbsent(keys[a.index()], outcome.execution());
      }
    }
    for (Map.Entry<Integer, Integer> duplicate : duplicateOf.entrySet()) {
      ToolCall call = calls.get(duplicate.getKey());
      ToolOutcome original = outcomes[duplicate.getValue()];
      Instant now = run.clock().instant();
      outcomes[duplicate.getKey()] =
          original.execution().status() == Status.OK
              ? Observations.cached(
                  call, original.execution(), now, tools.get(call.name()).policy.maxResultChars())
              : Observations.rejected(
                  call,
                  original.execution().status(),
                  "Same call as "
                      + original.execution().call().id()
                      + " in this turn: "
                      + original.modelText(),
                  now);
    }
    List<ToolOutcome> ordered = new ArrayList<>();
    for (int i = 0; i < outcomes.length; i++) {
      ToolOutcome outcome = run.scrubber().toolOutcome(outcomes[i]);
      ordered.add(outcome);
      if (!announced[i]) {
        // Calls answered without running still get a start event, so listeners see pairs.
        run.listener().onToolCallStarted(run.runId(), outcome.execution().call());
      }
      run.listener().onToolCallFinished(run.runId(), outcome.execution());
    }
    return new ToolBatch(ordered, startedAt, run.clock().instant());
  }

  /**
   * Remembers a recorded execution, as a resumed run replays it: a successful call of a tool that
   * caches repeated calls answers its repeats again.
   */
  public void remember(ToolExecution execution) {
    BoundTool bound = tools.get(execution.call().name());
    if (execution.status() == Status.OK && bound != null && bound.policy.cacheRepeatedCalls()) {
      cache.putIfAbsent(cacheKey(execution.call()), execution);
    }
  }

  private static String invalidArguments(ToolCall call, BoundTool bound) {
    String error;
    try {
      List<String> problems = bound.argumentProblems(call.parsedArguments());
      if (problems.isEmpty()) {
        return "";
      }
      error = String.join("; ", problems);
    } catch (InvalidRequestException notAnObject) {
      error = call.argumentsError();
    }
    return Observations.invalidArguments(call.name(), error, bound);
  }

  static String cacheKey(ToolCall call) {
    try {
      JsonNode arguments = call.parsedArguments();
      Object canonical = CANONICAL.treeToValue(arguments, Object.class);
      return call.name() + "\u0000" + CANONICAL.writeValueAsString(canonical);
    } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
      return call.name() + "\u0000" + call.arguments();
    }
  }
}
