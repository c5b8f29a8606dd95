package dev.researcher4j.examples.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.StopReason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failover demo as a test: real processes (a {@code researcher temporal-dev} server and two
 * {@code researcher worker}s), one of them killed with SIGKILL while its model call is in flight.
 * Takes about 40 s (JVM starts and the 10 s heartbeat timeout); nothing in it is timed.
 */
class FailoverDemoTest {

  @TempDir Path dir;

  @Test
  void aRunWhoseWorkerIsKilledCompletesOnTheOtherWithoutMakingACompletedCallAgain()
      throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    int searches = 4;

    FailoverDemo.Result result =
        FailoverDemo.run(dir, searches, new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(log.toString(StandardCharsets.UTF_8)).contains("killed worker");
    assertThat(result.completedBeforeKill()).isGreaterThanOrEqualTo(FailoverDemo.CALLS_BEFORE_KILL);
    assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(result.repeatedCalls()).isZero();
    assertThat(result.interruptedCallMadeAgain()).isTrue();
    assertThat(result.callsAfterKill()).isPositive();
    assertThat(result.allAfterKillOnOtherWorker()).isTrue();
    assertThat(result.distinctCalls()).isEqualTo(2 * searches + 1);
    assertThat(result.trajectory()).startsWith(dir.resolve("runs"));
    assertThat(result.valid()).isTrue();
    assertThat(result.recordedModelCalls()).isEqualTo(searches + 1);
    assertThat(result.recordedToolCalls()).isEqualTo(searches);
    assertThat(result.ok(searches)).isTrue();
  }
}
