package dev.researcher4j.core;

import static dev.researcher4j.core.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.internal.trajectory.RunFile;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.core.trajectory.TrajectoryLockedException;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.testing.ScriptedChatModel;
import dev.researcher4j.testing.TrajectoryAssertions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's file is locked while the run writes it; a dead run's file can always be resumed. */
class TrajectoryLockTest {

  @TempDir Path dir;

  /** Holds the lock of the file named by its argument until it is killed. */
  public static final class LockHolder {
    private LockHolder() {}

    /** Locks {@code args[0]}, says so on standard output, and waits. */
    public static void main(String[] args) throws Exception {
      RunFile file = RunFile.lock(Path.of(args[0]));
      System.out.println("locked " + file.path());
      System.out.flush();
      Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }
  }

  @Test
  void aRunStillWritingItsFileCannotBeResumedNorWrittenByAnotherRun() throws Exception {
    CountDownLatch calling = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ScriptedChatModel model =
        ScriptedChatModel.answering(
            r -> {
              calling.countDown();
              release.await();
              return ScriptedChatModel.text("Answer: 42\n\nNo sources needed.");
            });
    Path file = dir.resolve("run.jsonl");
    ResearchAgent agent = agent(model).trajectorySink(JsonlTrajectorySink.toFile(file)).build();
    CompletableFuture<Trajectory> running = agent.runAsync(Task.of("q"));
    assertThat(calling.await(30, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> agent.resume(file))
        .isInstanceOf(TrajectoryLockedException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("another run is writing it");
    Trajectory second =
        agent(ScriptedChatModel.answering(r -> ScriptedChatModel.text("x")))
            .trajectorySink(JsonlTrajectorySink.toFile(file))
            .build()
            .run(Task.of("other"));
    assertThat(second.requireOutcome().stopReason()).isEqualTo(StopReason.FAILED);
    assertThat(second.requireOutcome().error()).contains("another run is writing it");

    release.countDown();
    Trajectory first = running.get(30, TimeUnit.SECONDS);
    TrajectoryAssertions.assertThat(first).isCompleted();
    assertThat(TrajectoryReader.read(file)).isEqualTo(first);
    assertThat(agent.resume(file)).isEqualTo(first); // finished: returned as recorded
  }

  @Test
  void theLockOfAProcessThatDiedDoesNotBlockResume() throws Exception {
    ScriptedChatModel recording =
        ScriptedChatModel.builder()
            .reply(Fixtures.search("c1", "bridge"))
            .text("Answer: 1937\n\nIt opened in 1937 [S1].")
            .build();
    Path original = dir.resolve("original");
    Trajectory done =
        agent(recording, Fixtures.search())
            .trajectorySink(JsonlTrajectorySink.inDirectory(original))
            .build()
            .run(Task.of("q"));
    List<String> lines = Files.readAllLines(original.resolve(done.runId() + ".jsonl"));
    Path file = dir.resolve("crashed.jsonl");
    Files.write(file, lines.subList(0, 3)); // header, model step, tools step: no answer yet

    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolder.class.getName(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).startsWith("locked");
      ResearchAgent resumer =
          agent(
                  ScriptedChatModel.of(
                      ScriptedChatModel.text("Answer: 1937\n\nIt opened in 1937 [S1].")),
                  Fixtures.search())
              .build();
      assertThatThrownBy(() -> resumer.resume(file)).isInstanceOf(TrajectoryLockedException.class);

      holder.destroyForcibly(); // kill -9: the process dies holding the lock
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

      Trajectory resumed = resumer.resume(file);
      TrajectoryAssertions.assertThat(resumed).isCompleted().citedSources("S1");
      assertThat(TrajectoryReader.read(file)).isEqualTo(resumed);
    } finally {
      holder.destroyForcibly();
    }
  }
}
