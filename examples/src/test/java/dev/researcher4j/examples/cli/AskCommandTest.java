package dev.researcher4j.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code researcher ask} end to end, all on loopback: WireMock plays an OpenAI-compatible provider,
 * a SearXNG instance and the web pages the agent reads (allowed through the URL guard with
 * RESEARCHER_ALLOW_HOSTS).
 */
class AskCommandTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT = "/v1/chat/completions";

  private static String completion(ObjectNode message, String finishReason) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-test");
    body.put("object", "chat.completion");
    body.put("created", 1764410400);
    body.put("model", "test-model");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("message", message);
    choice.put("finish_reason", finishReason);
    body.putObject("usage")
        .put("prompt_tokens", 400)
        .put("completion_tokens", 50)
        .put("total_tokens", 450);
    return body.toString();
  }

  private static ObjectNode text(String content) {
    return JSON.createObjectNode().put("role", "assistant").put("content", content);
  }

  private static ObjectNode call(String id, String tool, ObjectNode arguments) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    message.putNull("content");
    ArrayNode calls = message.putArray("tool_calls");
    ObjectNode call = calls.addObject().put("id", id).put("type", "function");
    call.putObject("function").put("name", tool).put("arguments", arguments.toString());
    return message;
  }

  private void turn(String state, String next, String body) {
    server.stubFor(
        post(urlEqualTo(CHAT))
            .inScenario("ask")
            .whenScenarioStateIs(state)
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body))
            .willSetStateTo(next));
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("OPENAI_BASE_URL", server.baseUrl() + "/v1");
    env.put("RESEARCHER_MODEL", "test-model");
    env.put("SEARXNG_URL", server.baseUrl());
    env.put("RESEARCHER_ALLOW_HOSTS", "127.0.0.1,localhost");
    return env;
  }

  @Test
  void answersWithAReportCitingThePagesItReadAndWritesTheTrajectory() throws Exception {
    String page = server.baseUrl() + "/articles/moss";
    server.stubFor(
        get(urlPathEqualTo("/search"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"query\":\"moss growth cities\",\"number_of_results\":0,\"results\":[{\"url\":\""
                            + page
                            + "\",\"title\":\"Moss grows faster in cities\",\"content\":\"A rooftop study"
                            + " found faster moss growth where nitrogen is higher.\",\"publishedDate\":\"2026-03-02T00:00:00\","
                            + "\"engine\":\"duckduckgo\",\"engines\":[\"duckduckgo\"],\"positions\":[1],\"score\":1.0,"
                            + "\"category\":\"general\"}],\"answers\":[],\"corrections\":[],\"infoboxes\":[],"
                            + "\"suggestions\":[],\"unresponsive_engines\":[]}")));
    server.stubFor(
        get(urlEqualTo("/articles/moss"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html; charset=utf-8")
                    .withBody(
                        "<html><head><title>Moss grows faster in cities</title></head><body>"
                            + "<nav><a href='/'>Home</a></nav><article><h1>Moss grows faster in cities</h1>"
                            + "<p>A three-year rooftop study in four cities found that moss grew 40 percent"
                            + " faster where nitrogen in the air was higher.</p><p>The team measured two"
                            + " hundred plots every month.</p></article></body></html>")));

    turn(
        Scenario.STARTED,
        "act1",
        completion(
            text(
                "{\"subQuestions\":[\"Does moss grow faster in cities?\"],"
                    + "\"evidenceNeeded\":[\"a field study\"],\"firstSearches\":[\"moss growth cities\"]}"),
            "stop"));
    turn(
        "act1",
        "act2",
        completion(
            call(
                "call_1", "web_search", JSON.createObjectNode().put("query", "moss growth cities")),
            "tool_calls"));
    turn(
        "act2",
        "act3",
        completion(
            call("call_2", "read_page", JSON.createObjectNode().put("url", page)), "tool_calls"));
    turn(
        "act3",
        "verify",
        completion(
            text(
                "Answer: yes, about 40% faster\n\nA three-year rooftop study found moss"
                    + " grew 40 percent faster where nitrogen in the air was higher [S1]."),
            "stop"));
    turn(
        "verify",
        "done",
        completion(
            text(
                "{\"verdicts\":[{\"claim\":1,\"verdict\":\"SUPPORTED\"},{\"claim\":2,\"verdict\":\"SUPPORTED\"}]}"),
            "stop"));

    CliRun run =
        CliRun.run(
            env(),
            dir,
            "ask",
            "Does moss grow faster in cities?",
            "--trajectory",
            "run.jsonl",
            "--out",
            "report.md");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String report = Files.readString(dir.resolve("report.md"));
    assertThat(report)
        .contains("# Does moss grow faster in cities?")
        .contains("**Answer:** yes, about 40% faster")
        .contains("[S1]")
        .contains(page);
    Trajectory trajectory = TrajectoryReader.read(dir.resolve("run.jsonl"));
    assertThat(trajectory.requireOutcome().stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(trajectory.requireOutcome().sources())
        .singleElement()
        .satisfies(s -> assertThat(s.url()).isEqualTo(page));
    assertThat(run.err())
        .contains("[step 1] plan")
        .contains("web_search")
        .contains("read_page")
        .contains("trajectory: ");
    server.verify(
        getRequestedFor(urlPathEqualTo("/search")).withQueryParam("format", equalTo("json")));
    server.verify(5, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void withoutAModelNameItUsesTheModelTheLocalServerServes() throws Exception {
    server.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"object\":\"list\",\"data\":[{\"id\":\"qwen3:8b\",\"object\":\"model\",\"created\":1764400000,\"owned_by\":\"library\"}]}")));
    server.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(completion(text("Answer: 4\n\nTwo and two make four."), "stop"))));
    Map<String, String> env = env();
    env.remove("RESEARCHER_MODEL");

    CliRun run = CliRun.run(env, dir, "ask", "What is 2 + 2?", "--no-plan", "--no-verify");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("note: using model qwen3:8b");
    assertThat(run.out()).contains("**Answer:** 4");
    server.verify(
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                    "$.model", equalTo("qwen3:8b"))));
    try (var runs = Files.list(dir.resolve("runs"))) {
      assertThat(runs.toList()).singleElement();
    }
  }

  @Test
  void missingModelConfigurationSaysWhatToSetAndExitsWithTwo() {
    CliRun run = CliRun.run(Map.of(), dir, "ask", "Anything?");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("RESEARCHER_MODEL")
        .contains("OPENAI_API_KEY")
        .contains("OPENAI_BASE_URL=http://localhost:11434/v1");
    assertThat(Files.exists(dir.resolve("runs"))).isFalse();
  }

  @Test
  void aProviderThatRejectsEveryCallFailsTheRunWithExitOneButKeepsItsTrajectory() throws Exception {
    server.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"Incorrect API key provided: sk-bad***key.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}")));
    Map<String, String> env = env();
    env.put("OPENAI_API_KEY", "sk-bad-0123456789-key");

    CliRun run =
        CliRun.run(env, dir, "ask", "Anything?", "--no-plan", "--trajectory", "failed.jsonl");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("FAILED").doesNotContain("sk-bad-0123456789-key");
    Trajectory trajectory = TrajectoryReader.read(dir.resolve("failed.jsonl"));
    assertThat(trajectory.requireOutcome().stopReason()).isEqualTo(StopReason.FAILED);
  }

  @Test
  void aModelServerThatIsNotRunningFailsAtOnceNamingItsAddressAndVariable() throws Exception {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Map<String, String> env = env();
    env.put("OPENAI_BASE_URL", "http://127.0.0.1:" + closed + "/v1");

    CliRun run = CliRun.run(env, dir, "ask", "Anything?");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines().toList())
        .containsExactly(
            "researcher ask: cannot reach the model server at http://127.0.0.1:"
                + closed
                + "/v1 (connection refused); start it, or set OPENAI_BASE_URL to where it runs");
    assertThat(Files.exists(dir.resolve("runs"))).isFalse();
  }

  @Test
  void theModelTimeoutIsAnOption() {
    server.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(completion(text("Answer: 4\n\nTwo and two."), "stop"))));

    CliRun ok =
        CliRun.run(
            env(), dir, "ask", "2 + 2?", "--no-plan", "--no-verify", "--model-timeout", "90s");
    CliRun zero = CliRun.run(env(), dir, "ask", "2 + 2?", "--model-timeout", "0s");

    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.err()).contains("cost unknown");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--model-timeout must be positive");
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThat(CliRun.run(env(), dir, "ask").exitCode()).isEqualTo(2);
    CliRun badTime = CliRun.run(env(), dir, "ask", "q", "--max-time", "soon");
    assertThat(badTime.exitCode()).isEqualTo(2);
    assertThat(badTime.err()).contains("not a duration");
    CliRun costWithoutPrice = CliRun.run(env(), dir, "ask", "q", "--max-cost", "1");
    assertThat(costWithoutPrice.exitCode()).isEqualTo(2);
    assertThat(costWithoutPrice.err()).contains("--price");
    CliRun badProvider = CliRun.run(env(), dir, "ask", "q", "--search-provider", "altavista");
    assertThat(badProvider.exitCode()).isEqualTo(2);
    assertThat(badProvider.err()).contains("altavista");
  }
}
