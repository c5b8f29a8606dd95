package dev.researcher4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.context.ContextManagement;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.core.trajectory.TrajectoryCodec;
import dev.researcher4j.core.trajectory.view.TrajectoryHtml;
import dev.researcher4j.testing.ScriptedChatModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trajectory files grow linearly with the run because requests are stored as extensions of earlier
 * ones. Measures runs of 15, 30 and 60 model calls whose tool results are about 2 KB each, against
 * the same runs with every request written in full, and writes the numbers to {@code
 * target/trajectory-sizes.txt}.
 */
class TrajectorySizeTest {

  @TempDir Path dir;

  private record Size(long calls, int steps, long delta, long full, long html) {
    long perStep() {
      return delta / steps;
    }
  }

  private Size measure(int modelCalls) throws Exception {
    AtomicInteger n = new AtomicInteger();
    ScriptedChatModel model =
        ScriptedChatModel.answering(
            r -> {
              int k = n.incrementAndGet();
              return k < modelCalls
                  ? ScriptedChatModel.toolCalls(
                      Fixtures.call("c" + k, "web_search", "{\"query\":\"q" + k + "\"}"))
                  : ScriptedChatModel.text("Answer: done\n\nDone [S1].");
            });
    String page = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(36);
    JsonlTrajectorySink sink = JsonlTrajectorySink.inDirectory(dir.resolve("n" + modelCalls));
    Trajectory run =
        Fixtures.agent(
                model,
                Fixtures.tool(
                    "web_search",
                    (call, context) ->
                        ToolResult.of(
                            page + call.arguments(),
                            List.of(
                                Source.web(
                                    "https://example.org/" + call.id(), "Page " + call.id(), "")))))
            .budget(Budget.builder().maxSteps(modelCalls + 5).build())
            // Requests that only grow, as without early compaction: the case the encoding is for.
            .context(ContextManagement.builder().staleResultTokens(0).build())
            .trajectorySink(sink)
            .build()
            .run(Task.of("q"));
    long delta = Files.size(sink.fileOf(run.runId()));
    // The same lines with every request in full: each step through an encoder that knows no
    // earlier request; header and footer as written.
    List<String> lines = Files.readAllLines(sink.fileOf(run.runId()));
    long full = bytes(lines.get(0)) + bytes(lines.get(lines.size() - 1));
    for (Step step : run.steps()) {
      TrajectoryCodec.Encoder fresh = TrajectoryCodec.newEncoder();
      fresh.header(run.header());
      full += bytes(fresh.step(step));
    }
    long calls = run.steps().stream().filter(s -> s.modelCall() != null).count();
    return new Size(calls, run.steps().size(), delta, full, bytes(TrajectoryHtml.render(run)) - 1);
  }

  private static long bytes(String line) {
    return line.getBytes(StandardCharsets.UTF_8).length + 1L;
  }

  @Test
  void filesGrowLinearlyWithTheRunWhileFullRequestsWouldGrowQuadratically() throws Exception {
    List<Size> sizes = new ArrayList<>();
    for (int calls : new int[] {15, 30, 60}) {
      sizes.add(measure(calls));
    }

    StringBuilder report = new StringBuilder();
    for (Size s : sizes) {
      report.append(
          String.format(
              Locale.ROOT,
              "%d model calls, %d steps: file %d bytes (%d per step); with full requests %d bytes"
                  + " (%d per step, %.1fx); HTML view %d bytes%n",
              s.calls(),
              s.steps(),
              s.delta(),
              s.perStep(),
              s.full(),
              s.full() / s.steps(),
              (double) s.full() / s.delta(),
              s.html()));
    }
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("trajectory-sizes.txt"), report);
    }
    Size small = sizes.get(0);
    Size large = sizes.get(2);
    assertThat(large.calls()).isEqualTo(60);
    assertThat((double) large.perStep()).isLessThan(small.perStep() * 1.2);
    assertThat(large.full()).isGreaterThan(5 * large.delta());
    assertThat((double) large.html() / large.steps()).isLessThan(2.0 * large.perStep());
  }
}
