package dev.researcher4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line does before any command runs: usage, versions, help, parse errors. */
class CommandLineTest {

  @TempDir Path dir;

  @Test
  void withoutArgumentsItPrintsUsageAndExitsWithTwo() {
    CliRun run = CliRun.run(Map.of(), dir);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Usage: researcher").contains("Commands:", "ask", "eval");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void everyCommandPrintsTheVersion() {
    for (String command : List.of("ask", "eval", "papers", "export", "view")) {
      CliRun run = CliRun.run(Map.of(), dir, command, "-V");

      assertThat(run.exitCode()).as(command).isZero();
      assertThat(run.out()).as(command).startsWith("researcher4j ");
    }
  }

  @Test
  void aParseErrorIsOneLineAndAHintNotTheWholeUsage() {
    CliRun unknown = CliRun.run(Map.of(), dir, "ask", "--bogus", "q");
    CliRun missing = CliRun.run(Map.of(), dir, "view", "run.jsonl");

    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err().lines().toList())
        .containsExactly(
            "researcher ask: Unknown option: '--bogus'",
            "See 'researcher ask --help' for the options.");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().lines().toList())
        .hasSize(2)
        .first()
        .asString()
        .startsWith("researcher view: Missing required option: '--html=FILE'");
  }

  @Test
  void commandSummariesInTheHelpAreWholeSentences() {
    CliRun run = CliRun.run(Map.of(), dir, "--help");

    List<String> summaries = new ArrayList<>();
    boolean inCommands = false;
    for (String line : run.out().lines().toList()) {
      if (line.equals("Commands:")) {
        inCommands = true;
      } else if (inCommands && line.startsWith("  ") && !line.startsWith("    ")) {
        summaries.add(line.strip().replaceFirst("^\\S+\\s+", ""));
      } else if (inCommands && line.startsWith("    ")) {
        int last = summaries.size() - 1;
        summaries.set(last, summaries.get(last) + " " + line.strip());
      }
    }
    assertThat(summaries).hasSizeGreaterThanOrEqualTo(10);
    assertThat(summaries)
        .allSatisfy(s -> assertThat(s).matches("[A-Z].*[.]").doesNotContain(":  "));
  }

  @Test
  void askHelpDoesNotClaimAModelNameIsRequired() {
    CliRun run = CliRun.run(Map.of(), dir, "ask", "--help");

    assertThat(run.exitCode()).isZero();
    String help = run.out().replaceAll("\\s+", " ");
    assertThat(help)
        .contains("without it a local server's first model is used")
        .doesNotContain("and RESEARCHER_MODEL.")
        .contains("--model-timeout=DURATION");
  }
}
