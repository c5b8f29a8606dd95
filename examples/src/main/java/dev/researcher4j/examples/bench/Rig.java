package dev.researcher4j.examples.bench;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.context.ContextManagement;
import dev.researcher4j.core.model.OpenAiChatModel;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.core.verify.VerificationPolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A stub server, a tool and an agent set up for one scenario. */
final class Rig implements AutoCloseable {
  final BenchSettings settings;
  final ChatScript script;
  final StubChatServer server;
  final SimulatedTool tool;
  final ResearchAgent agent;
  final ReferenceLoop reference;
  final ExecutorService referenceThreads;

  Rig(BenchSettings s, boolean trackFullHistory) {
    this.settings = s;
    this.script = new ChatScript(s.rounds(), s.toolCalls(), SimulatedTool.NAME, s.modelLatency());
    this.server = StubChatServer.start(script, trackFullHistory);
    this.tool = new SimulatedTool(s.observationChars(), s.toolLatency().toNanos());
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(server.baseUrl())
            .model("bench-model")
            .contextWindow(s.contextWindow())
            .streaming(s.streaming())
            .build();
    long steps = Math.max(Budget.DEFAULT_MAX_STEPS, 2L * s.rounds() + 10);
    long toolCalls =
        Math.max(Budget.DEFAULT_MAX_TOOL_CALLS, (long) s.rounds() * s.toolCalls() + 10);
    ResearchAgent.Builder builder =
        ResearchAgent.builder()
            .chatModel(model)
            .tools(tool)
            .planning(false)
            .verification(VerificationPolicy.disabled())
            .context(
                ContextManagement.builder()
                    .threshold(s.contextThreshold())
                    .target(s.contextTarget())
                    .build())
            .budget(Budget.defaults().toBuilder().maxSteps(steps).maxToolCalls(toolCalls).build());
    if (s.trajectories() != null) {
      builder.trajectorySink(JsonlTrajectorySink.inDirectory(s.trajectories()));
    }
    if (trackFullHistory) {
      builder.listener(
          new AgentListener() {
            @Override
            public void onToolCallFinished(String runId, ToolExecution execution) {
              // Observations here are far below the default maxResultChars, so the model is
              // shown the whole result text.
              server.toolResult(execution.call().id(), execution.result().content());
            }
          });
    }
    this.agent = builder.build();
    if (s.reference()) {
      AtomicInteger count = new AtomicInteger();
      this.referenceThreads =
          Executors.newCachedThreadPool(
              task -> {
                Thread thread = new Thread(task, "reference-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
      this.reference = new ReferenceLoop(server.baseUrl(), tool, referenceThreads);
    } else {
      this.referenceThreads = null;
      this.reference = null;
    }
  }

  /** Runs conversation {@code n} here: the agent's trajectory, or the reference's model calls. */
  Object runOne(int n) {
    if (reference == null) {
      return agent.run(Benchmark.task(n));
    }
    try {
      return reference.run(Benchmark.task(n).question());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException("the reference loop failed: " + e, e);
    }
  }

  /** Runs conversation {@code n} on another thread. */
  CompletableFuture<Object> runAsync(int n) {
    if (reference == null) {
      return agent.runAsync(Benchmark.task(n)).thenApply(t -> t);
    }
    return CompletableFuture.supplyAsync(() -> runOne(n), referenceThreads);
  }

  void latencies(boolean on) {
    server.modelLatency(on ? settings.modelLatency() : Duration.ZERO);
    tool.latencyNanos(on ? settings.toolLatency().toNanos() : 0);
  }

  @Override
  public void close() {
    server.close();
    if (referenceThreads != null) {
      referenceThreads.shutdownNow();
    }
  }
}
