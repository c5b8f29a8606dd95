package dev.researcher4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Library log lines come out in the command line's format, at the level RESEARCHER_LOG asks. */
class CliLoggingTest {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private void configure(Map<String, String> env) {
    CliLogging.configure(
        new CliContext(
            env,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false,
            Path.of("."),
            CliRun.CLOCK));
  }

  @AfterEach
  void reset() {
    CliLogging.reset();
  }

  @Test
  void warningsAreOneLineInTheCommandLinesFormat() {
    configure(Map.of());
    Logger log = LoggerFactory.getLogger("dev.researcher4j.core.SomeClass");

    log.info("not shown at the default level");
    log.warn("source {} answered {}", "crossref", 503, new IllegalStateException("busy"));
    log.error("gave up");

    assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
        .containsExactly("warning: source crossref answered 503: busy", "error: gave up");
  }

  @Test
  void debugShowsMoreWithTheLoggersName() {
    configure(Map.of(CliLogging.LEVEL_ENV, "debug"));
    Logger log = LoggerFactory.getLogger("dev.researcher4j.core.SomeClass");

    log.debug("step {}", 3);
    log.info("plain");

    assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
        .containsExactly(
            "debug: step 3 (dev.researcher4j.core.SomeClass)",
            "plain (dev.researcher4j.core.SomeClass)");
  }

  @Test
  void anUnknownLevelIsNotedAndWarnIsUsed() {
    configure(Map.of(CliLogging.LEVEL_ENV, "loud"));
    LoggerFactory.getLogger("x").info("hidden");
    LoggerFactory.getLogger("x").warn("shown");

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("RESEARCHER_LOG=LOUD is not a level; using warn")
        .contains("warning: shown")
        .doesNotContain("hidden");
  }
}
