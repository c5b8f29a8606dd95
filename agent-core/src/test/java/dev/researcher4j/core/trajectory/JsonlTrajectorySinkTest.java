package dev.researcher4j.core.trajectory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.RunTotals;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.TrajectoryHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlTrajectorySinkTest {

  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

  private static TrajectoryHeader header(String runId, String parent) {
    return new TrajectoryHeader(
        TrajectoryHeader.SCHEMA_V1,
        runId,
        parent,
        Task.builder("q?").id("q").build(),
        ModelInfo.of("test", "m"),
        List.of(),
        Budget.defaults(),
        "dev",
        T0);
  }

  private static void finish(JsonlTrajectorySink sink, String runId) {
    sink.onFooter(
        runId,
        new TrajectoryFooter(
            T0.plusSeconds(1),
            Outcome.failed("stopped"),
            new RunTotals(dev.researcher4j.api.Usage.ZERO, 0, 0, 0, 0, 0, Duration.ofSeconds(1)),
            List.of(),
            null));
  }

  @Test
  void aFileSinkWritesTheFirstRunToTheFileAndLaterRunsBesideIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("out/run.jsonl");
    JsonlTrajectorySink sink = JsonlTrajectorySink.toFile(file);

    sink.onHeader(header("parent", ""));
    sink.onHeader(header("child", "parent"));
    finish(sink, "child");
    finish(sink, "parent");

    assertThat(sink.fileOf("parent")).isEqualTo(file.toAbsolutePath());
    assertThat(TrajectoryReader.read(file).runId()).isEqualTo("parent");
    assertThat(TrajectoryReader.read(dir.resolve("out/child.jsonl")).header().parentRunId())
        .isEqualTo("parent");
    assertThat(Files.list(dir.resolve("out"))).hasSize(2);
  }
}
