package dev.researcher4j.temporal;

import dev.researcher4j.api.Task;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records the histories {@link ReplayTest} replays, into {@code src/test/resources/histories}. Run
 * it when a change to the workflow code is meant to change recorded runs (and raise the version,
 * see the README): {@code ./mvnw -pl agent-temporal -am verify -Dtest=HistoryRecorder
 * -Dsurefire.failIfNoSpecifiedTests=false -Dresearcher4j.recordHistories=true}.
 */
@EnabledIfSystemProperty(named = "researcher4j.recordHistories", matches = "true")
class HistoryRecorder {

  @TempDir Path dir;

  static final Path OUT = Path.of("src/test/resources/histories");

  @Test
  void recordEveryScenario() throws Exception {
    Files.createDirectories(OUT);
    for (String name : Scenarios.NAMES) {
      try (TemporalFixture temporal =
          new TemporalFixture(
              Scenarios.agent(name, Scenarios.model(name)),
              dir.resolve(name),
              ResearchDataConverter.create(),
              Scenarios.worker(name))) {
        Scenarios.CLIENT.set(temporal.client);
        record(name, temporal);
      }
    }
  }

  private void record(String name, TemporalFixture temporal) throws Exception {
    String id = name + "-run";
    if (name.equals("eval")) {
      Path data = dir.resolve("three.jsonl");
      Files.write(data, Files.readAllLines(new EvalWorkflowTest().datasetIn(dir)));
      temporal.research.evaluate(
          EvalInput.of(data.toString(), 1, 2, dir.resolve("eval-out").toString()).withEvalId(id));
      temporal.research.evaluation(id);
      write(name, temporal.client, id, "");
      return;
    }
    ResearchWorkflow stub =
        temporal.client.newWorkflowStub(
            ResearchWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(TemporalFixture.QUEUE)
                .build());
    String firstRun =
        WorkflowClient.start(stub::run, RunInput.of(Task.of("recorded " + name))).getRunId();
    if (name.equals("human-answer")) {
      ResearchWorkflowTest.awaitProgress(temporal, id, p -> !p.questions().isEmpty());
      temporal.research.answer(id, HumanAnswer.of("ask1", "1999"));
    }
    if (name.equals("cancelled")) {
      ResearchWorkflowTest.awaitProgress(temporal, id, p -> p.modelCalls() == 1);
      temporal.research.cancel(id);
    }
    WorkflowStub.fromTyped(stub).getResult(RunResult.class);
    Scenarios.HELD.countDown();
    if (name.equals("continued")) {
      write("continued-first", temporal.client, id, firstRun);
    }
    write(name, temporal.client, id, "");
  }

  private static void write(String name, WorkflowClient client, String id, String runId)
      throws Exception {
    var history = runId.isEmpty() ? client.fetchHistory(id) : client.fetchHistory(id, runId);
    Files.writeString(OUT.resolve(name + ".json"), history.toJson(true));
  }
}
