package dev.researcher4j.temporal;

import dev.researcher4j.core.ResearchAgent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** An in-memory Temporal service with one research worker, for tests. */
final class TemporalFixture implements AutoCloseable {

  static final String QUEUE = "research-test";

  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final TemporalResearch research;
  final Worker worker;
  final Path trajectories;

  TemporalFixture(ResearchAgent agent, Path dir) {
    this(
        agent,
        dir,
        ResearchDataConverter.create(PayloadStore.directory(dir.resolve("payloads"))),
        b -> b);
  }

  TemporalFixture(
      ResearchAgent agent,
      Path dir,
      DataConverter converter,
      UnaryOperator<ResearchWorker.Builder> configure) {
    this.trajectories = dir.resolve("runs");
    this.env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder().setDataConverter(converter).build())
                .setUseTimeskipping(false)
                .build());
    this.worker = env.newWorker(QUEUE);
    configure
        .apply(
            ResearchWorker.builder()
                .agent(agent)
                .taskQueue(QUEUE)
                .trajectoryDirectory(trajectories)
                .heartbeat(Duration.ofMillis(200), Duration.ofSeconds(2)))
        .registerOn(worker);
    env.start();
    this.client = env.getWorkflowClient();
    this.research = TemporalResearch.of(client, QUEUE);
  }

  @Override
  public void close() {
    env.close();
  }
}
