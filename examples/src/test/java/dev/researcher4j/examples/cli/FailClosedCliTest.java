package dev.researcher4j.examples.cli;

import static dev.researcher4j.examples.cli.MisbehavingServer.isFinal;
import static dev.researcher4j.examples.cli.MisbehavingServer.isVerify;
import static dev.researcher4j.examples.cli.MisbehavingServer.search;
import static dev.researcher4j.examples.cli.MisbehavingServer.text;
import static dev.researcher4j.examples.cli.MisbehavingServer.toolResults;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.core.trajectory.TrajectoryValidator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop issue's nine failure paths through the command line, each against a loopback model
 * server that misbehaves that way: the exit code, the stop reason, what the report and stderr say,
 * and that the trajectory is one valid file (or, when it cannot be written, that nothing claims it
 * was).
 */
class FailClosedCliTest {

  @TempDir Path dir;

  private static final String ANSWER = "Answer: 1937\n\nThe bridge opened on May 27, 1937 [S1].";

  private MisbehavingServer server(Function<JsonNode, String> reply) throws Exception {
    return new MisbehavingServer(reply);
  }

  private static Map<String, String> env(MisbehavingServer server) {
    Map<String, String> env = new HashMap<>();
    env.put("OPENAI_BASE_URL", server.baseUrl() + "/v1");
    env.put("RESEARCHER_MODEL", "test-model");
    env.put("SEARXNG_URL", server.baseUrl());
    env.put("RESEARCHER_ALLOW_HOSTS", "127.0.0.1,localhost");
    return env;
  }

  private CliRun ask(MisbehavingServer server, String... more) {
    String[] base = {
      "ask",
      "When did the Golden Gate Bridge open?",
      "--no-plan",
      "--no-code",
      "--trajectory",
      "run.jsonl"
    };
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliRun.run(env(server), dir, args);
  }

  /** The run's file, checked to be one valid trajectory. */
  private Trajectory recorded() throws Exception {
    Path file = dir.resolve("run.jsonl");
    TrajectoryValidator.Report report = TrajectoryValidator.validate(file);
    assertThat(report.isValid()).as(report.describe()).isTrue();
    Trajectory trajectory = TrajectoryReader.read(file);
    assertThat(trajectory.isFinished()).isTrue();
    return trajectory;
  }

  /** Searches first, then answers citing [S1]; the verifier answers with {@code verifier}. */
  private static Function<JsonNode, String> searchThenAnswer(String verifier) {
    return request -> {
      if (isVerify(request)) {
        return verifier;
      }
      return toolResults(request) == 0
          ? search("call_1", "golden gate bridge")
          : text(ANSWER, "stop");
    };
  }

  @Test
  void aVerifierAnsweringInProseLeavesClaimsFlaggedNotVerified() throws Exception {
    try (MisbehavingServer server =
        server(searchThenAnswer(text("The claim looks fine to me.", "stop")))) {
      CliRun run = ask(server);

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.err())
          .contains("warning: 1 of 1 claims not verified (the checker's reply could not be read).")
          .doesNotContain("0 of 1 claims with problems");
      assertThat(run.out())
          .contains("> **Warning:** 1 of 1 claims not verified")
          .contains("*(not verified: the checker's reply could not be read)*");
      assertThat(recorded().requireOutcome().stopReason()).isEqualTo(StopReason.COMPLETED);
    }
  }

  @Test
  void aModelCallingToolsAfterToolChoiceNoneGetsAnAnswerComposedFromItsSources() throws Exception {
    try (MisbehavingServer server =
        server(
            request ->
                search(
                    "call_" + request.path("messages").size(),
                    "bridge " + request.path("messages").size()))) {
      CliRun run = ask(server, "--max-steps", "3", "--no-verify");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.err())
          .contains(
              "warning: The model wrote no answer before the step budget of 3 model calls ran out")
          .contains("warning: Stopped by the step budget of 3 model calls");
      assertThat(run.out()).contains("## Sources gathered").contains("Golden Gate Bridge history");
      assertThat(server.requests()).hasSize(3);
      assertThat(isFinal(server.requests().get(2))).isTrue();
      assertThat(recorded().requireOutcome().stopReason()).isEqualTo(StopReason.BUDGET_STEPS);
    }
  }

  @Test
  void anAnswerCutOffAtTheOutputLimitIsContinuedThenMarkedTruncated() throws Exception {
    try (MisbehavingServer server =
        server(
            request ->
                toolResults(request) == 0
                    ? search("call_1", "golden gate bridge")
                    : text("Answer: 1937\n\nIt w", "length"))) {
      CliRun run = ask(server, "--no-verify");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.err()).contains("warning: The answer was cut off at the model's output limit");
      assertThat(run.out())
          .contains("> **Warning:** The answer was cut off")
          .contains("*[cut off here: the model's output limit was reached]*");
      assertThat(server.requests()).hasSize(4); // search, answer, two continuations
      assertThat(recorded().requireOutcome().warnings()).isNotEmpty();
    }
  }

  @Test
  void aContentFilterEndsTheRunWithItsOwnReasonWithoutResending() throws Exception {
    try (MisbehavingServer server =
        server(
            request ->
                toolResults(request) == 0
                    ? search("call_1", "golden gate bridge")
                    : text("", "content_filter"))) {
      CliRun run = ask(server);

      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED);
      assertThat(run.err())
          .contains("CONTENT_FILTERED")
          .contains("content filter")
          .doesNotContain("empty reply");
      assertThat(server.requests()).hasSize(2);
      assertThat(recorded().requireOutcome().stopReason()).isEqualTo(StopReason.CONTENT_FILTERED);
    }
  }

  @Test
  void aCallThatWouldOverspendTheCostBudgetIsNeverSent() throws Exception {
    try (MisbehavingServer server = server(searchThenAnswer(text("{}", "stop")))) {
      CliRun run = ask(server, "--max-cost", "0.0001", "--price", "1,1");

      assertThat(server.requests()).isEmpty();
      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED);
      assertThat(run.err()).contains("BUDGET_COST").contains("cost budget ran out");
      Trajectory trajectory = recorded();
      assertThat(trajectory.totals().usage().costUsd()).isZero();
    }
  }

  @Test
  void zeroOrNegativeBudgetsAreUsageErrors() throws Exception {
    try (MisbehavingServer server = server(searchThenAnswer(text("{}", "stop")))) {
      CliRun tokens = ask(server, "--max-tokens", "0");
      CliRun cost = ask(server, "--max-cost", "-1", "--price", "1,1");

      assertThat(tokens.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(tokens.err()).contains("--max-tokens must be at least 1, but was 0");
      assertThat(cost.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(cost.err()).contains("--max-cost must be more than 0, but was -1.0");
      assertThat(server.requests()).isEmpty();
    }
  }

  @Test
  void aTrajectoryPathUnderARegularFileIsRefusedBeforeTheRun() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "a file");
    try (MisbehavingServer server = server(searchThenAnswer(text("{}", "stop")))) {
      CliRun run =
          CliRun.run(
              env(server),
              dir,
              "ask",
              "q",
              "--no-plan",
              "--no-code",
              "--trajectory",
              "notes.txt/run.jsonl");

      assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err()).contains("notes.txt").contains("is a file, not a directory");
      assertThat(run.err()).doesNotContain("trajectory: ").doesNotContain("Exception");
      assertThat(server.requests()).isEmpty();
    }
  }

  @Test
  void aTrajectoryThatCannotBeWrittenStopsTheRunAndIsNotClaimed() throws Exception {
    Path full = Path.of("/dev/full");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full here");
    try (MisbehavingServer server = server(searchThenAnswer(text("{}", "stop")))) {
      CliRun run =
          CliRun.run(
              env(server), dir, "ask", "q", "--no-plan", "--no-code", "--trajectory", "/dev/full");

      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED);
      assertThat(run.err())
          .contains("trajectory: not written")
          .contains("/dev/full")
          .doesNotContain("trajectory: /dev/full")
          .doesNotContain("Exception");
      assertThat(server.requests()).isEmpty();
    }
  }

  @Test
  void aRunStillWritingItsFileCannotBeResumedOrOverwritten() throws Exception {
    try (MisbehavingServer server = server(searchThenAnswer(text("{}", "stop")))) {
      CliRun first = ask(server, "--no-verify");
      assertThat(first.exitCode()).as(first.err()).isZero();
      Path file = dir.resolve("run.jsonl");
      // A run that has searched but not answered yet, whose process is still alive: another JVM
      // holds the file's lock.
      Files.write(file, Files.readAllLines(file).subList(0, 3));
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
        int requests = server.requests().size();

        CliRun resume = CliRun.run(env(server), dir, "resume", "run.jsonl");
        CliRun again = ask(server);

        assertThat(resume.exitCode()).as(resume.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(resume.err()).contains("another run is writing it");
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("another run is writing it");
        assertThat(server.requests()).hasSize(requests);

        holder.destroyForcibly(); // its process dies: the lock goes with it
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        CliRun later = CliRun.run(env(server), dir, "resume", "run.jsonl", "--no-verify");
        assertThat(later.exitCode()).as(later.err()).isZero();
        assertThat(later.err()).contains("resuming run");
        assertThat(later.out()).contains("1937");
      } finally {
        holder.destroyForcibly();
      }
      recorded();
    }
  }

  @Test
  void aKeyEchoedByTheModelIsMaskedInTheRecordTheReportAndTheView() throws Exception {
    String key = "sk-proj-SECRETKEY0123456789";
    try (MisbehavingServer server =
        server(
            request ->
                isVerify(request)
                    ? text("{\"verdicts\":[{\"claim\":1,\"verdict\":\"SUPPORTED\"}]}", "stop")
                    : toolResults(request) == 0
                        ? search("call_1", "golden gate bridge " + key)
                        : text(
                            "Answer: 1937 (my key is "
                                + key
                                + ")\n\nThe bridge opened on May 27,"
                                + " 1937 [S1]. Debug: Bearer "
                                + key,
                            "stop"))) {
      Map<String, String> env = env(server);
      env.put("OPENAI_API_KEY", key);
      CliRun run =
          CliRun.run(
              env,
              dir,
              "ask",
              "When did the Golden Gate Bridge open?",
              "--no-plan",
              "--no-code",
              "--trajectory",
              "run.jsonl",
              "--html",
              "run.html");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(server.authorizations()).allMatch(a -> a.equals("Bearer " + key));
      assertThat(run.out()).doesNotContain(key).contains("***");
      assertThat(run.err()).doesNotContain(key);
      assertThat(Files.readString(dir.resolve("run.jsonl"))).doesNotContain(key);
      assertThat(Files.readString(dir.resolve("run.html"))).doesNotContain(key);
      recorded();
    }
  }

  @Test
  void toolCallsWrittenAsTextAreRunAndNeverPresentedAsTheAnswer() throws Exception {
    try (MisbehavingServer server =
        server(
            request ->
                toolResults(request) == 0
                    ? text(
                        "<tool_call>\n{\"name\": \"web_search\", \"arguments\": {\"query\":"
                            + " \"golden gate bridge\"}}\n</tool_call>",
                        "stop")
                    : text(ANSWER, "stop"))) {
      CliRun run = ask(server, "--no-verify");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).doesNotContain("<tool_call>").contains("[S1]").contains("1937");
      Trajectory trajectory = recorded();
      assertThat(trajectory.requireOutcome().sources()).hasSize(1);
      assertThat(trajectory.steps().stream().flatMap(s -> s.toolExecutions().stream()))
          .singleElement()
          .satisfies(e -> assertThat(e.call().name()).isEqualTo("web_search"));
    }
  }

  /** Holds the lock of a trajectory file, as a live run's process does, until it is killed. */
  public static final class LockHolder {
    private LockHolder() {}

    /** Locks {@code args[0]}, says so on standard output, and waits. */
    public static void main(String[] args) throws Exception {
      java.nio.channels.FileChannel channel =
          java.nio.channels.FileChannel.open(
              Path.of(args[0]), java.nio.file.StandardOpenOption.WRITE);
      java.nio.channels.FileLock lock = channel.lock();
      System.out.println("locked " + lock.isValid());
      System.out.flush();
      Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }
  }
}
