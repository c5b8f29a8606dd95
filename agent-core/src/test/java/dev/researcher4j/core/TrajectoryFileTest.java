package dev.researcher4j.core;

import static dev.researcher4j.core.Fixtures.agent;
import static dev.researcher4j.core.Fixtures.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.testing.ScriptedChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrajectoryFileTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aRunWrittenToJsonlReadsBackEqualToTheReturnedTrajectory(@TempDir Path dir) throws Exception {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .when(
                Fixtures.isPlan(),
                r ->
                    ScriptedChatModel.text(
                        "{\"subQuestions\":[\"a?\"],\"evidenceNeeded\":[],\"firstSearches\":[\"a\"]}"))
            .when(
                Fixtures.isVerify(),
                r ->
                    ScriptedChatModel.text(
                        "{\"verdicts\":[{\"claim\":1,\"verdict\":\"SUPPORTED\"}]}"))
            .reply(Fixtures.search("c1", "a"))
            .text("Answer: a\n\nA is a [S1].")
            .build();
    JsonlTrajectorySink sink = JsonlTrajectorySink.inDirectory(dir);
    ResearchAgent researcher =
        agent(model, Fixtures.search())
            .planning(true)
            .verification(VerificationPolicy.ofDefaults())
            .trajectorySink(sink)
            .build();

    Trajectory trajectory = researcher.run(Task.of("What is a?"));

    Path file = sink.fileOf(trajectory.runId());
    assertThat(researcher.trajectoryLocation(trajectory.runId())).contains(file.toString());
    assertThat(TrajectoryReader.read(file)).isEqualTo(trajectory);
  }

  @Test
  void theFileGrowsLinearlyBecauseRequestsStoreOnlyNewMessages(@TempDir Path dir) throws Exception {
    AtomicInteger n = new AtomicInteger();
    ScriptedChatModel model =
        ScriptedChatModel.answering(
            r -> {
              int k = n.incrementAndGet();
              return k <= 30
                  ? ScriptedChatModel.toolCalls(
                      call("c" + k, "web_search", "{\"query\":\"q" + k + "\"}"))
                  : ScriptedChatModel.text("Answer: done\n\nDone [S1].");
            });
    JsonlTrajectorySink sink = JsonlTrajectorySink.inDirectory(dir);

    Trajectory trajectory =
        agent(model, Fixtures.search())
            .budget(Budget.builder().maxSteps(40).build())
            .trajectorySink(sink)
            .build()
            .run(Task.of("q"));

    List<String> lines = Files.readAllLines(sink.fileOf(trajectory.runId()));
    int modelSteps = 0;
    for (String line : lines) {
      JsonNode request = JSON.readTree(line).path("model_call").path("request");
      if (request.isMissingNode()) {
        continue;
      }
      modelSteps++;
      if (modelSteps > 1) {
        assertThat(request.path("messages_base").isInt()).isTrue();
        assertThat(request.path("messages").size()).isEqualTo(2);
      }
    }
    assertThat(modelSteps).isEqualTo(31);
    assertThat(TrajectoryReader.read(sink.fileOf(trajectory.runId()))).isEqualTo(trajectory);
  }
}
