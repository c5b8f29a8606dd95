package dev.researcher4j.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs the CLI in-process with a given environment and captures its output. */
record CliRun(int exitCode, String out, String err) {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T09:00:00Z"), ZoneOffset.UTC);

  static CliRun run(Map<String, String> env, Path workingDir, String... args) {
    return runWithInput(env, workingDir, "", args);
  }

  /** Runs with {@code input} as standard input. */
  static CliRun runWithInput(
      Map<String, String> env, Path workingDir, String input, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext context =
        new CliContext(
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false,
            workingDir,
            CLOCK,
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    int code = ResearcherCli.run(args, context);
    return new CliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
