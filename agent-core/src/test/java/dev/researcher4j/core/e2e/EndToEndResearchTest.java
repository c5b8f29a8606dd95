package dev.researcher4j.core.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.http.RetryPolicy;
import dev.researcher4j.core.model.ModelPrice;
import dev.researcher4j.core.model.OpenAiChatModel;
import dev.researcher4j.core.model.PriceTable;
import dev.researcher4j.core.tool.ToolMethod;
import dev.researcher4j.core.tool.ToolMethods;
import dev.researcher4j.core.tool.ToolParam;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.core.verify.ModelVerifier;
import dev.researcher4j.testing.RecordingSleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole stack at once: {@link ResearchAgent} driving the real {@link OpenAiChatModel} against a
 * WireMock server that plays an OpenAI-compatible provider (plan, a turn of two parallel tool
 * calls, a rate-limited turn, the final answer, verification), real annotated tools, and a JSONL
 * trajectory written to disk and read back.
 */
class EndToEndResearchTest {

  @RegisterExtension
  static WireMockExtension provider =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATH = "/v1/chat/completions";
  private static final String KEY = "sk-e2e-secret-key-1234567890";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

  /** A tiny reference library: two real tools bound from annotated methods. */
  static final class Almanac {
    final Map<String, Integer> lookups = new ConcurrentHashMap<>();

    @ToolMethod(
        "Looks up almanac entries about a topic; returns matching entries with their sources.")
    ToolResult lookup(@ToolParam("the topic to look up") String topic, ToolContext context) {
      lookups.merge(topic, 1, Integer::sum);
      if (topic.contains("boiling")) {
        Source source =
            context.registerSource(
                Source.web(
                    "https://almanac.example/water-boiling",
                    "Boiling point of water by altitude",
                    "At the summit of Mount Everest (8,849 m) water boils at about 70 °C."));
        return ToolResult.of(
            "[" + source.id() + "] Water boils at about 70 °C on Everest's summit.");
      }
      Source source =
          context.registerSource(
              Source.web(
                  "https://almanac.example/everest",
                  "Mount Everest",
                  "Mount Everest is 8,849 metres high, per the 2020 survey."));
      return ToolResult.of("[" + source.id() + "] Everest is 8,849 m high (2020 survey).");
    }
  }

  private static String completion(ObjectNode message, String finishReason, int in, int out) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-" + in + out);
    body.put("object", "chat.completion");
    body.put("created", 1764410400);
    body.put("model", "gpt-4o-mini-2024-07-18");
    ArrayNode choices = body.putArray("choices");
    ObjectNode choice = choices.addObject();
    choice.put("index", 0);
    choice.set("message", message);
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    ObjectNode usage = body.putObject("usage");
    usage.put("prompt_tokens", in);
    usage.put("completion_tokens", out);
    usage.put("total_tokens", in + out);
    usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
    usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
    body.put("system_fingerprint", "fp_e2e");
    return body.toString();
  }

  private static ObjectNode assistant(String content) {
    ObjectNode message = JSON.createObjectNode();
    message.put("role", "assistant");
    message.put("content", content);
    message.putNull("refusal");
    return message;
  }

  private static ObjectNode toolCalls(String... idTopicPairs) {
    ObjectNode message = JSON.createObjectNode();
    message.put("role", "assistant");
    message.putNull("content");
    ArrayNode calls = message.putArray("tool_calls");
    for (int i = 0; i < idTopicPairs.length; i += 2) {
      ObjectNode call = calls.addObject();
      call.put("id", idTopicPairs[i]);
      call.put("type", "function");
      ObjectNode function = call.putObject("function");
      function.put("name", "lookup");
      function.put("arguments", "{\"topic\": \"" + idTopicPairs[i + 1] + "\"}");
    }
    return message;
  }

  private void stubTurn(String state, String next, String body) {
    provider.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("research")
            .whenScenarioStateIs(state)
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body))
            .willSetStateTo(next));
  }

  @Test
  void researchesWithTheRealClientAndLeavesAReadableTrajectory() throws Exception {
    String plan =
        "{\"subQuestions\":[\"How high is Everest?\",\"At what temperature does water boil there?\"],"
            + "\"evidenceNeeded\":[\"an altitude survey\",\"a boiling-point table\"],"
            + "\"firstSearches\":[\"Everest height\",\"boiling point altitude\"]}";
    stubTurn(Scenario.STARTED, "act1", completion(assistant(plan), "stop", 310, 60));
    stubTurn(
        "act1",
        "rate-limited",
        completion(
            toolCalls("call_a", "Everest height", "call_b", "boiling point at altitude"),
            "tool_calls",
            520,
            40));
    // The provider rate-limits once with Retry-After; the client waits and tries again.
    provider.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("research")
            .whenScenarioStateIs("rate-limited")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "1")
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini on requests per min (RPM)\","
                            + "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}"))
            .willSetStateTo("act2"));
    String report =
        "Answer: about 70 °C\n\n"
            + "Water boils at about 70 °C at the top of Mount Everest [S2]. The summit is 8,849 m"
            + " high [S1], and lower air pressure at that height lowers the boiling point [S2].";
    stubTurn("act2", "verify", completion(assistant(report), "stop", 900, 80));
    String verdicts =
        "{\"verdicts\":[{\"claim\":1,\"verdict\":\"SUPPORTED\"},{\"claim\":2,\"verdict\":\"SUPPORTED\"},"
            + "{\"claim\":3,\"verdict\":\"SUPPORTED\"}]}";
    stubTurn("verify", "done", completion(assistant(verdicts), "stop", 400, 30));

    RecordingSleeper sleeper = new RecordingSleeper();
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(provider.baseUrl() + "/v1")
            .apiKey(KEY)
            .model("gpt-4o-mini")
            .temperature(0.2)
            .contextWindow(128_000)
            .retryPolicy(RetryPolicy.custom().jitter(0).build())
            .sleeper(sleeper)
            .prices(PriceTable.of("gpt-4o-mini", ModelPrice.of(0.15, 0.075, 0.60)))
            .build();
    Almanac almanac = new Almanac();
    JsonlTrajectorySink sink = JsonlTrajectorySink.inDirectory(dir);
    ResearchAgent agent =
        ResearchAgent.builder()
            .chatModel(model)
            .tools(ToolMethods.from(almanac))
            .trajectorySink(sink)
            .clock(CLOCK)
            .build();

    Trajectory trajectory =
        agent.run(
            Task.builder("At what temperature does water boil on the summit of Mount Everest?")
                .id("everest")
                .build());

    // The outcome: a short answer, a report citing both pages, every claim verified.
    var outcome = trajectory.requireOutcome();
    assertThat(outcome.stopReason()).as(outcome.error()).isEqualTo(StopReason.COMPLETED);
    assertThat(outcome.answer()).isEqualTo("about 70 °C");
    assertThat(outcome.report())
        .contains("[S1]")
        .contains("[S2]")
        .contains("https://almanac.example/everest");
    assertThat(outcome.sources()).extracting(Source::id).containsExactly("S1", "S2");
    assertThat(outcome.citations())
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.support()).isEqualTo(Citation.Support.SUPPORTED));

    // Both tools ran, in one parallel batch; the rate limit was waited out as the server asked.
    assertThat(almanac.lookups).containsOnlyKeys("Everest height", "boiling point at altitude");
    assertThat(trajectory.steps())
        .extracting(s -> s.kind())
        .containsSubsequence(
            StepKind.PLAN,
            StepKind.MODEL,
            StepKind.TOOLS,
            StepKind.MODEL,
            StepKind.VERIFY,
            StepKind.FINAL);
    var toolsStep =
        trajectory.steps().stream()
            .filter(s -> s.kind() == StepKind.TOOLS)
            .findFirst()
            .orElseThrow();
    assertThat(toolsStep.toolExecutions())
        .extracting(ToolExecution::status)
        .containsOnly(ToolExecution.Status.OK);
    assertThat(sleeper.sleeps()).containsExactly(java.time.Duration.ofSeconds(1));
    assertThat(trajectory.steps())
        .anySatisfy(
            s ->
                assertThat(s.modelCall() != null && !s.modelCall().response().retries().isEmpty())
                    .isTrue());

    // Usage and cost come from the provider's numbers and the price table.
    assertThat(trajectory.totals().usage().inputTokens()).isEqualTo(310 + 520 + 900 + 400);
    assertThat(trajectory.totals().usage().costUsd()).isGreaterThan(0);

    // The second act request carried the tool results back with their call ids.
    List<LoggedRequest> requests = provider.findAll(postRequestedFor(urlEqualTo(PATH)));
    JsonNode fourth = JSON.readTree(requests.get(3).getBodyAsString());
    assertThat(fourth.path("tools").get(0).at("/function/name").asText()).isEqualTo("lookup");
    assertThat(fourth.path("messages").findValuesAsText("tool_call_id"))
        .contains("call_a", "call_b");
    provider.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader(
                "Authorization",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + KEY)));
    provider.verify(
        1,
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(
                matchingJsonPath(
                    "$.response_format.json_schema.name",
                    com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        ModelVerifier.RESPONSE_FORMAT_NAME))));

    // The trajectory on disk reads back as the same trajectory, and holds no secret.
    Path file = sink.fileOf(trajectory.runId());
    assertThat(TrajectoryReader.read(file)).isEqualTo(trajectory);
    assertThat(java.nio.file.Files.readString(file)).doesNotContain(KEY);
  }
}
