package dev.researcher4j.examples.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example application end to end on loopback: WireMock plays an OpenAI-compatible model that
 * first calls the application's own glossary tool, then answers; the test starts research over
 * REST, reads the progress stream and the result, and the model endpoint's health.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "researcher4j.openai.api-key=sk-example-test-0123456789",
      "researcher4j.openai.model=test-model",
      "researcher4j.tools.web.enabled=false",
      "researcher4j.tools.scholar.enabled=false",
      "researcher4j.agent.planning=false",
      "researcher4j.agent.verification=false"
    })
class ResearchApplicationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final WireMockServer MODEL = new WireMockServer(wireMockConfig().dynamicPort());

  static {
    MODEL.start();
  }

  @DynamicPropertySource
  static void model(DynamicPropertyRegistry registry) {
    registry.add("researcher4j.openai.base-url", () -> MODEL.baseUrl() + "/v1");
  }

  @AfterAll
  static void stopModel() {
    MODEL.stop();
  }

  @Value("${local.server.port}")
  int port;

  private final HttpClient http = HttpClient.newHttpClient();

  private static String completion(ObjectNode message, String finishReason) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-example");
    body.put("object", "chat.completion");
    body.put("created", 1764410400);
    body.put("model", "test-model");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("message", message);
    choice.put("finish_reason", finishReason);
    body.putObject("usage")
        .put("prompt_tokens", 300)
        .put("completion_tokens", 40)
        .put("total_tokens", 340);
    return body.toString();
  }

  private static void scriptModel() {
    ObjectNode toolCall = JSON.createObjectNode().put("role", "assistant");
    toolCall.putNull("content");
    toolCall
        .putArray("tool_calls")
        .addObject()
        .put("id", "call_1")
        .put("type", "function")
        .putObject("function")
        .put("name", "glossary")
        .put("arguments", "{\"term\":\"RAG\"}");
    ObjectNode answer =
        JSON.createObjectNode()
            .put("role", "assistant")
            .put(
                "content",
                "Answer: retrieval-augmented generation\n\nRAG answers from retrieved documents.");
    MODEL.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .inScenario("research")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(completion(toolCall, "tool_calls")))
            .willSetStateTo("answer"));
    MODEL.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .inScenario("research")
            .whenScenarioStateIs("answer")
            .willReturn(okJson(completion(answer, "stop"))));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  @Test
  void researchRunsInTheBackgroundAndStreamsItsProgressAsServerSentEvents() throws Exception {
    scriptModel();

    HttpResponse<String> started =
        send(
            HttpRequest.newBuilder(uri("/research"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"What is RAG?\"}")));
    assertThat(started.statusCode()).isEqualTo(202);
    JsonNode links = JSON.readTree(started.body());
    String id = links.path("id").asText();

    HttpResponse<java.util.stream.Stream<String>> stream =
        http.send(
            HttpRequest.newBuilder(uri(links.path("events").asText()))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(1))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    List<String> lines = new ArrayList<>();
    stream.body().forEach(lines::add);

    List<String> events =
        lines.stream().filter(l -> l.startsWith("event:")).map(l -> l.substring(6)).toList();
    assertThat(events).startsWith("run_started").endsWith("finished");
    assertThat(events).containsSubsequence("run_started", "tool_call", "tool_result", "finished");
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l).startsWith("data:").contains("\"tool\":\"glossary\"").contains("RAG"))
        .anySatisfy(
            l -> assertThat(l).startsWith("data:").contains("\"stopReason\":\"COMPLETED\""));

    JsonNode result =
        JSON.readTree(
            send(HttpRequest.newBuilder(uri(links.path("result").asText())).GET()).body());
    assertThat(result.path("id").asText()).isEqualTo(id);
    assertThat(result.path("status").asText()).isEqualTo("DONE");
    assertThat(result.path("answer").asText()).isEqualTo("retrieval-augmented generation");
    MODEL.verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withRequestBody(matchingJsonPath("$.tools[?(@.function.name == 'glossary')]")));
    MODEL.verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withRequestBody(
                matchingJsonPath(
                    "$.messages[?(@.role == 'tool')].content",
                    com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "Retrieval-augmented generation"))));
  }

  @Test
  void aBlankQuestionIsABadRequestAndAnUnknownJobIsNotFound() throws Exception {
    HttpResponse<String> blank =
        send(
            HttpRequest.newBuilder(uri("/research"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"  \"}")));
    HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/research/nope")).GET());

    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void actuatorHealthShowsTheModelEndpoint() throws Exception {
    MODEL.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(
                okJson(
                    "{\"object\":\"list\",\"data\":[{\"id\":\"test-model\",\"object\":\"model\",\"created\":1764400000,\"owned_by\":\"example\"}]}")));

    JsonNode health =
        JSON.readTree(send(HttpRequest.newBuilder(uri("/actuator/health")).GET()).body());

    JsonNode model = health.path("components").path("researcher4j");
    assertThat(model.path("status").asText()).isEqualTo("UP");
    assertThat(model.path("details").path("modelListed").asBoolean()).isTrue();
    assertThat(health.toString()).doesNotContain("sk-example-test-0123456789");
  }
}
