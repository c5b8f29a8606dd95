package dev.researcher4j.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.researcher4j.core.trajectory.TrajectoryValidator;
import dev.researcher4j.examples.scaling.LocalCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code researcher worker}, {@code ask --temporal}, {@code attach} and {@code eval --temporal} end
 * to end on loopback: Temporal's test server in a process of its own (as {@code researcher
 * temporal-dev} runs it), a worker command in this process, and WireMock playing the
 * OpenAI-compatible model.
 */
// A run that never ends must fail this class, not stall the build until CI gives up.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TemporalCliTest {

  @RegisterExtension
  static WireMockExtension model =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private LocalCluster server;
  private WorkerCommand worker;
  private Thread workerThread;
  private String target;
  private final ByteArrayOutputStream workerErr = new ByteArrayOutputStream();

  static String completion(String content) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-t").put("object", "chat.completion").put("created", 1764410400);
    body.put("model", "test-model");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", content);
    choice.put("finish_reason", "stop");
    body.putObject("usage")
        .put("prompt_tokens", 300)
        .put("completion_tokens", 20)
        .put("total_tokens", 320);
    return body.toString();
  }

  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("OPENAI_BASE_URL", model.baseUrl() + "/v1");
    env.put("RESEARCHER_MODEL", "test-model");
    env.put("SEARXNG_URL", model.baseUrl());
    return env;
  }

  @BeforeEach
  void startServerAndWorker() throws Exception {
    // The server runs in a process of its own, as `researcher temporal-dev` does for users: in this
    // JVM beside the worker and the client, on JDK 25 its child workflows were never dispatched.
    server = LocalCluster.start(dir);
    target = server.target();
    model.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(completion("Answer: 4\n\nTwo and two make 4."))));
    CliContext context =
        new CliContext(
            env(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(workerErr, true, StandardCharsets.UTF_8),
            false,
            dir,
            CliRun.CLOCK);
    worker = new WorkerCommand(context);
    CommandLine cli = new CommandLine(worker);
    workerThread =
        new Thread(
            () ->
                cli.execute(
                    "--temporal",
                    target,
                    "--payloads",
                    "payloads",
                    "--trajectories",
                    "runs",
                    "--no-plan",
                    "--no-verify"),
            "test-worker");
    workerThread.start();
  }

  @AfterEach
  void stop() throws Exception {
    worker.stop.countDown();
    workerThread.join(TimeUnit.SECONDS.toMillis(30));
    server.close();
  }

  @Test
  void askOnTemporalPrintsTheReportAndWritesTheTrajectoryWhereTheWorkerKeepsThem()
      throws Exception {
    CliRun run =
        CliRun.run(
            env(), dir, "ask", "--temporal", target, "--payloads", "payloads", "What is 2+2?");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("**Answer:** 4").contains("Two and two make 4.");
    Matcher started = Pattern.compile("run (\\S+) started on " + target).matcher(run.err());
    assertThat(started.find()).as(run.err()).isTrue();
    String runId = started.group(1);
    Path file = dir.resolve("runs").resolve(runId + ".jsonl");
    assertThat(run.err()).contains("trajectory: " + file.toAbsolutePath());
    assertThat(TrajectoryValidator.validate(file).isValid()).isTrue();
    assertThat(workerErr.toString(StandardCharsets.UTF_8)).contains("worker serving " + target);

    CliRun again = CliRun.run(env(), dir, "attach", "--temporal", target, runId);
    assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
    assertThat(again.out()).contains("**Answer:** 4");
    model.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void evalOnTemporalPrintsTheSummaryAndWritesTheResults() throws Exception {
    Path data = dir.resolve("sums.jsonl");
    Files.write(
        data,
        List.of(
            "{\"id\":\"a\",\"question\":\"What is 2+2?\",\"answer\":\"4\",\"answer_type\":\"exact\"}",
            "{\"id\":\"b\",\"question\":\"What is 3+3?\",\"answer\":\"6\",\"answer_type\":\"exact\"}"));

    CliRun run =
        CliRun.run(
            env(),
            dir,
            "eval",
            "sums.jsonl",
            "--temporal",
            target,
            "--payloads",
            "payloads",
            "--k",
            "2",
            "--out",
            "results");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("pass@1");
    assertThat(dir.resolve("results").resolve("results.jsonl")).exists();
    assertThat(Files.readAllLines(dir.resolve("results").resolve("results.jsonl"))).hasSize(4);
    model.verify(4, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void aWorkerWithoutATemporalAddressSaysWhatIsMissing() {
    CliRun run = CliRun.run(env(), dir, "worker");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--temporal HOST:PORT is required");
  }
}
