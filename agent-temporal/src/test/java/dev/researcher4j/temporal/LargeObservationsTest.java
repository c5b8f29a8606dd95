package dev.researcher4j.temporal;

import static dev.researcher4j.temporal.ResearchWorkflowTest.agent;
import static dev.researcher4j.temporal.ResearchWorkflowTest.searchCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.core.trajectory.TrajectoryValidator;
import dev.researcher4j.testing.ScriptedChatModel;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run of 200 steps whose every tool result is 1 MB: the history keeps references, not the results
 * (Temporal refuses payloads over about 2 MB and histories over 50 MB), while the trajectory file
 * keeps every result in full.
 */
class LargeObservationsTest {

  static final int TURNS = 100; // 100 model steps + 100 tool steps = 200 steps, plus the answer
  static final int MEGABYTE = 1 << 20;

  @TempDir Path dir;

  /** A page reader whose every page is 1 MB of text. */
  static Tool bigPages() {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    schema.putObject("properties").putObject("query").put("type", "string");
    schema.putArray("required").add("query");
    ToolSpec spec = ToolSpec.of("web_search", "Reads a page.", schema);
    return new Tool() {
      @Override
      public ToolSpec spec() {
        return spec;
      }

      @Override
      public ToolResult execute(ToolCall call, ToolContext context) {
        String query = call.parsedArguments().path("query").asText();
        Source source =
            context.registerSource(Source.web("https://example.org/" + query, query, query));
        StringBuilder page = new StringBuilder(MEGABYTE + 64);
        page.append('[').append(source.id()).append("] page ").append(query).append('\n');
        String line = "a line of a long page about " + query + ", ";
        while (page.length() < MEGABYTE) {
          page.append(line);
        }
        return ToolResult.of(page.substring(0, MEGABYTE));
      }
    };
  }

  @Test
  void twoHundredStepsOfOneMegabyteObservationsKeepTheHistorySmall() throws Exception {
    List<ChatResponse> replies = new ArrayList<>();
    for (int i = 0; i < TURNS; i++) {
      replies.add(ScriptedChatModel.toolCalls(searchCall("c" + i, "p" + i)));
    }
    replies.add(ScriptedChatModel.text("Answer: read [S1]\n\nRead [S1]."));
    ScriptedChatModel model = ScriptedChatModel.of(replies.toArray(new ChatResponse[0]));
    Budget budget = Budget.builder().maxSteps(TURNS + 5).maxToolCalls(TURNS + 5).build();
    try (TemporalFixture temporal =
        new TemporalFixture(agent(model, bigPages()).budget(budget).build(), dir)) {
      String runId = temporal.research.start(Task.of("read them all"));
      RunResult result = temporal.research.result(runId);

      assertThat(result.outcome().stopReason()).isEqualTo(StopReason.COMPLETED);
      assertThat(model.callCount()).isEqualTo(TURNS + 1);
      WorkflowExecutionHistory history = temporal.client.fetchHistory(runId);
      long largest = 0;
      long total = 0;
      for (HistoryEvent event : history.getEvents()) {
        largest = Math.max(largest, event.getSerializedSize());
        total += event.getSerializedSize();
      }
      assertThat(largest).isLessThan(ResearchDataConverter.DEFAULT_THRESHOLD + 16 * 1024L);
      assertThat(total).isLessThan(10L * MEGABYTE);
      Path file = Path.of(result.trajectory());
      assertThat(Files.size(file)).isGreaterThan((long) TURNS * MEGABYTE);
      assertThat(TrajectoryValidator.validate(file).isValid()).isTrue();
      Trajectory written = TrajectoryReader.read(file);
      // 100 model steps with tool calls, 100 tool steps, the answer, the final step, and the
      // compactions that kept the conversation within the model's context window.
      assertThat(written.steps()).hasSizeGreaterThanOrEqualTo(2 * TURNS + 2);
      assertThat(written.steps().stream().filter(s -> s.kind() == StepKind.MODEL))
          .hasSize(TURNS + 1);
      List<Step> tools = written.steps().stream().filter(s -> s.kind() == StepKind.TOOLS).toList();
      assertThat(tools).hasSize(TURNS);
      assertThat(tools.get(TURNS - 1).toolExecutions().get(0).result().content())
          // The tool wrote its provisional id S1000100; the run's id for it is S100.
          .hasSize(MEGABYTE - ("S1000100".length() - "S100".length()))
          .startsWith("[S" + TURNS + "] page p" + (TURNS - 1) + "\n");
      System.out.printf(
          "history: %d events, %d bytes, largest event %d bytes; trajectory %d bytes%n",
          history.getEvents().size(), total, largest, Files.size(file));
    }
  }
}
