package dev.researcher4j.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trajectory commands on a run recorded by {@code ask} on loopback. The stub model answers by
 * what the conversation holds so far (not by call order), so the same stubs serve a run and its
 * resumption.
 */
class TrajectoryCommandsTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT = "/v1/chat/completions";
  private static final String QUESTION = "Does moss grow faster in cities?";

  private String page() {
    return server.baseUrl() + "/articles/moss";
  }

  private static String completion(ObjectNode message) {
    ObjectNode body =
        JSON.createObjectNode().put("id", "chatcmpl-x").put("object", "chat.completion");
    body.put("created", 1764410400).put("model", "test-model");
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
    choice.set("message", message);
    choice.put("finish_reason", message.has("tool_calls") ? "tool_calls" : "stop");
    body.putObject("usage")
        .put("prompt_tokens", 300)
        .put("completion_tokens", 40)
        .put("total_tokens", 340);
    return body.toString();
  }

  private static ObjectNode text(String content) {
    return JSON.createObjectNode().put("role", "assistant").put("content", content);
  }

  private static ObjectNode call(String id, String tool, ObjectNode arguments) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    message.putNull("content");
    ObjectNode call =
        message.putArray("tool_calls").addObject().put("id", id).put("type", "function");
    call.putObject("function").put("name", tool).put("arguments", arguments.toString());
    return message;
  }

  private void answer(int priority, String whenBodyContains, ObjectNode message) {
    server.stubFor(
        post(urlEqualTo(CHAT))
            .atPriority(priority)
            .withRequestBody(containing(whenBodyContains))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(completion(message))));
  }

  @BeforeEach
  void world() {
    server.stubFor(
        get(urlPathEqualTo("/search"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"query\":\"moss\",\"number_of_results\":0,\"results\":[{\"url\":\""
                            + page()
                            + "\",\"title\":\"Moss grows faster in cities\",\"content\":\"A rooftop study.\","
                            + "\"engine\":\"duckduckgo\",\"score\":1.0}],\"answers\":[],\"suggestions\":[]}")));
    server.stubFor(
        get(urlEqualTo("/articles/moss"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html; charset=utf-8")
                    .withBody(
                        "<html><head><title>Moss grows faster in cities</title></head><body><article>"
                            + "<h1>Moss grows faster in cities</h1><p>A three-year rooftop study found that moss"
                            + " grew 40 percent faster where nitrogen in the air was higher.</p></article></body></html>")));
    // Most specific first: the verifier, then the turn after reading, after searching, the plan,
    // and the first act turn.
    answer(
        1,
        "claim_verdicts",
        text(
            "{\"verdicts\":[{\"claim\":1,\"verdict\":\"SUPPORTED\"},{\"claim\":2,\"verdict\":\"SUPPORTED\"}]}"));
    answer(
        2,
        "grew 40 percent faster",
        text(
            "Answer: yes, about 40% faster\\n\\nA rooftop study found moss grew 40 percent faster where nitrogen was higher [S1]."));
    answer(
        3,
        "\"tool_call_id\":\"call_search\"",
        call("call_read", "read_page", JSON.createObjectNode().put("url", page())));
    answer(
        4,
        "research_plan",
        text(
            "{\"subQuestions\":[\"q\"],\"evidenceNeeded\":[\"a study\"],\"firstSearches\":[\"moss cities\"]}"));
    answer(
        5,
        "moss",
        call(
            "call_search",
            "web_search",
            JSON.createObjectNode().put("query", "moss growth cities")));
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("OPENAI_BASE_URL", server.baseUrl() + "/v1");
    env.put("RESEARCHER_MODEL", "test-model");
    env.put("SEARXNG_URL", server.baseUrl());
    env.put("RESEARCHER_ALLOW_HOSTS", "127.0.0.1,localhost");
    return env;
  }

  private Trajectory ask(String file) throws Exception {
    CliRun run =
        CliRun.run(env(), dir, "ask", QUESTION, "--trajectory", file, "--html", "view.html");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return TrajectoryReader.read(dir.resolve(file));
  }

  @Test
  void askWritesAnHtmlViewAndViewWritesOneFromAFile() throws Exception {
    ask("run.jsonl");
    assertThat(Files.readString(dir.resolve("view.html")))
        .contains(QUESTION)
        .contains("[S1]")
        .doesNotContain("<script");

    CliRun view = CliRun.run(env(), dir, "view", "run.jsonl", "--html", "again.html");

    assertThat(view.exitCode()).isZero();
    assertThat(Files.readString(dir.resolve("again.html"))).contains(QUESTION);
    assertThat(CliRun.run(env(), dir, "view", "missing.jsonl", "--html", "x.html").exitCode())
        .isEqualTo(2);
  }

  @Test
  void resumeFinishesARunCutOffByACrashWithoutRedoingItsSteps() throws Exception {
    Trajectory original = ask("run.jsonl");
    List<String> lines = Files.readAllLines(dir.resolve("run.jsonl"));
    int readPageTools = indexOfToolsStep(original, "read_page");
    // Keep the header and the steps up to the read_page batch, and half of the next line.
    List<String> kept = lines.subList(0, readPageTools + 2);
    String halfLine = lines.get(readPageTools + 2).substring(0, 40);
    Files.writeString(dir.resolve("crashed.jsonl"), String.join("\n", kept) + "\n" + halfLine);
    server.resetRequests();

    CliRun resumed = CliRun.run(env(), dir, "resume", "crashed.jsonl");

    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("**Answer:** yes, about 40% faster");
    Trajectory finished = TrajectoryReader.read(dir.resolve("crashed.jsonl"));
    assertThat(finished.requireOutcome().stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(finished.steps().subList(0, readPageTools + 1))
        .isEqualTo(original.steps().subList(0, readPageTools + 1));
    // Only the final answer and the verification were asked again; nothing was searched or read.
    server.verify(2, postRequestedFor(urlEqualTo(CHAT)));
    assertThat(
            server.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                    urlPathEqualTo("/search"))))
        .isEmpty();

    // The counters continue from the record: the sources it had already found are counted.
    assertThat(resumed.err().lines().filter(l -> l.startsWith("[step ")))
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l).contains(" · 1 sources · ").endsWith("cost unknown"))
        .first()
        .asString()
        .startsWith("[step " + (readPageTools + 2) + "]");

    CliRun again = CliRun.run(env(), dir, "resume", "crashed.jsonl");
    assertThat(again.exitCode()).isZero();
    assertThat(again.err()).contains("already finished");
  }

  @Test
  void replayRetracesTheRecordOfflineAndReportsWhereAChangedRunDeparts() throws Exception {
    ask("run.jsonl");
    server.resetAll(); // replay must not need the network

    CliRun replay = CliRun.run(env(), dir, "replay", "run.jsonl");

    assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
    assertThat(replay.out()).contains("retraced the record");

    String changed =
        Files.readString(dir.resolve("run.jsonl"))
            .replace("careful research agent", "careless research agent");
    Files.writeString(dir.resolve("changed.jsonl"), changed);
    CliRun diverged = CliRun.run(env(), dir, "replay", "changed.jsonl");

    assertThat(diverged.exitCode()).isEqualTo(1);
    assertThat(diverged.out()).contains("diverged at step 0");
  }

  @Test
  void exportWritesOpenAiAndRlRowsWithFiltersAndRedaction() throws Exception {
    ask("run.jsonl");

    CliRun openai =
        CliRun.run(
            env(),
            dir,
            "export",
            "run.jsonl",
            "--format",
            "openai",
            "--out",
            "sft.jsonl",
            "--redact",
            "nitrogen");
    CliRun rl = CliRun.run(env(), dir, "export", ".", "--format", "rl", "--out", "rl.jsonl");
    CliRun failedOnly =
        CliRun.run(
            env(),
            dir,
            "export",
            "run.jsonl",
            "--format",
            "openai",
            "--out",
            "none.jsonl",
            "--only",
            "failed");

    assertThat(openai.exitCode()).as(openai.err()).isZero();
    String sft = Files.readString(dir.resolve("sft.jsonl"));
    assertThat(sft.lines()).hasSize(1);
    assertThat(JSON.readTree(sft).path("messages").findValuesAsText("tool_call_id"))
        .contains("call_search", "call_read");
    assertThat(sft).doesNotContain("nitrogen");
    assertThat(rl.exitCode()).as(rl.err()).isZero();
    assertThat(Files.readString(dir.resolve("rl.jsonl")).lines()).hasSize(1);
    assertThat(failedOnly.err()).contains("exported 0 row(s)");
    // A directory's JSONL files that are not trajectories are skipped, each in one line.
    Files.writeString(dir.resolve("results.jsonl"), "{\"item\":\"fr\",\"attempt\":1}\n");
    CliRun mixed = CliRun.run(env(), dir, "export", ".", "--format", "rl", "--out", "rl2.jsonl");
    assertThat(mixed.exitCode()).as(mixed.err()).isZero();
    assertThat(mixed.err().lines().filter(l -> l.contains("results.jsonl")).toList())
        .containsExactly(
            "skipped results.jsonl: not a trajectory (no researcher4j.trajectory header)");
    assertThat(mixed.err()).doesNotContain("unreadable");
    assertThat(Files.readString(dir.resolve("rl2.jsonl")).lines()).hasSize(1);
    CliRun badFormat =
        CliRun.run(env(), dir, "export", "run.jsonl", "--format", "csv", "--out", "x");
    assertThat(badFormat.exitCode()).isEqualTo(2);
  }

  private static int indexOfToolsStep(Trajectory run, String tool) {
    return run.steps().stream()
        .filter(
            s ->
                s.kind() == StepKind.TOOLS
                    && s.toolExecutions().stream().anyMatch(e -> e.call().name().equals(tool)))
        .findFirst()
        .orElseThrow()
        .index();
  }
}
