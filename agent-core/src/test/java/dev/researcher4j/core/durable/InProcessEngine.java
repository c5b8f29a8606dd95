package dev.researcher4j.core.durable;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An engine for tests: makes each call at once through the agent's activity side, a batch's tool
 * calls in parallel, and keeps every output in a journal; a replaying engine answers from such a
 * journal instead, as a workflow engine does when it replays a run.
 */
final class InProcessEngine implements Engine {

  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "in-process-engine");
            t.setDaemon(true);
            return t;
          });

  private final DurableAgent agent;
  private final Clock clock;
  private final List<Object> journal;
  private final boolean replaying;
  private int next;
  final List<ModelCallInput> modelInputs = Collections.synchronizedList(new ArrayList<>());
  final List<ToolCallInput> toolInputs = Collections.synchronizedList(new ArrayList<>());

  private InProcessEngine(
      DurableAgent agent, Clock clock, List<Object> journal, boolean replaying) {
    this.agent = agent;
    this.clock = clock;
    this.journal = journal;
    this.replaying = replaying;
  }

  static InProcessEngine live(DurableAgent agent, Clock clock) {
    return new InProcessEngine(agent, clock, new ArrayList<>(), false);
  }

  static InProcessEngine replaying(List<Object> journal, Clock clock) {
    return new InProcessEngine(null, clock, journal, true);
  }

  List<Object> journal() {
    return List.copyOf(journal);
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public ModelCallOutput callModel(ModelCallInput input) {
    modelInputs.add(input);
    if (replaying) {
      return (ModelCallOutput) journal.get(next++);
    }
    ModelCallOutput output = agent.callModel(input, new Cancellation());
    journal.add(output);
    return output;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<ToolCallOutput> callTools(List<ToolCallInput> inputs) {
    toolInputs.addAll(inputs);
    if (replaying) {
      return (List<ToolCallOutput>) journal.get(next++);
    }
    List<CompletableFuture<ToolCallOutput>> futures = new ArrayList<>();
    for (ToolCallInput input : inputs) {
      futures.add(
          CompletableFuture.supplyAsync(() -> agent.callTool(input, new Cancellation()), POOL));
    }
    List<ToolCallOutput> outputs = futures.stream().map(CompletableFuture::join).toList();
    journal.add(outputs);
    return outputs;
  }
}
