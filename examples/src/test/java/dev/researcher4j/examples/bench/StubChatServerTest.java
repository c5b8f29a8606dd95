package dev.researcher4j.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StubChatServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StubChatServer server =
      StubChatServer.start(new ChatScript(2, 3, "search", Duration.ZERO), true);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String conversation(boolean stream, String... messages) {
    return "{\"model\":\"m\",\"stream\":"
        + stream
        + ",\"messages\":["
        + String.join(",", messages)
        + "],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"search\"}}]}";
  }

  private static final String SYSTEM = "{\"role\":\"system\",\"content\":\"Be brief.\"}";
  private static final String ROUND =
      "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
          + "\"function\":{\"name\":\"search\",\"arguments\":\"{}\"}}]},"
          + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"a long result\"}";

  @Test
  void answersTheFirstTurnWithParallelToolCallsShapedLikeChatCompletions() throws Exception {
    HttpResponse<String> response = post(conversation(false, SYSTEM));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("model").asText()).isEqualTo("m");
    JsonNode choice = body.path("choices").get(0);
    assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(choice.path("message").path("content").isNull()).isTrue();
    JsonNode calls = choice.path("message").path("tool_calls");
    assertThat(calls).hasSize(3);
    assertThat(calls.get(0).path("type").asText()).isEqualTo("function");
    assertThat(calls.get(0).path("function").path("name").asText()).isEqualTo("search");
    assertThat(JSON.readTree(calls.get(2).path("function").path("arguments").asText()).has("query"))
        .isTrue();
    assertThat(body.path("usage").path("prompt_tokens").asInt()).isPositive();
    assertThat(body.path("usage").path("total_tokens").asInt())
        .isEqualTo(
            body.path("usage").path("prompt_tokens").asInt()
                + body.path("usage").path("completion_tokens").asInt());
  }

  @Test
  void answersWithTextOnceEveryRoundWasPlayed() throws Exception {
    HttpResponse<String> response = post(conversation(false, SYSTEM, ROUND, ROUND));

    JsonNode choice = JSON.readTree(response.body()).path("choices").get(0);
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(choice.path("message").path("content").asText())
        .startsWith("Answer:")
        .contains("[S1]");
    assertThat(choice.path("message").has("tool_calls")).isFalse();
  }

  @Test
  void streamsChunksThenUsageThenDoneWhenAsked() throws Exception {
    HttpResponse<String> response = post(conversation(true, SYSTEM, ROUND));

    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    List<String> events =
        Arrays.stream(response.body().split("\n\n"))
            .map(e -> e.substring("data: ".length()))
            .toList();
    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    JsonNode usage = JSON.readTree(events.get(events.size() - 2));
    assertThat(usage.path("choices")).isEmpty();
    assertThat(usage.path("usage").path("prompt_tokens").asInt()).isPositive();
    JsonNode first = JSON.readTree(events.get(0));
    assertThat(first.path("object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(first.path("choices").get(0).path("delta").path("role").asText())
        .isEqualTo("assistant");
    JsonNode finish = JSON.readTree(events.get(events.size() - 3));
    assertThat(finish.path("choices").get(0).path("finish_reason").asText())
        .isEqualTo("tool_calls");
    StringBuilder arguments = new StringBuilder();
    for (String event : events.subList(1, events.size() - 3)) {
      JsonNode call =
          JSON.readTree(event).path("choices").get(0).path("delta").path("tool_calls").get(0);
      if (call.path("index").asInt() == 1) {
        arguments.append(call.path("function").path("arguments").asText());
      }
    }
    assertThat(JSON.readTree(arguments.toString()).path("query").asText())
        .isEqualTo("benchmark question 2.1");
  }

  @Test
  void countsBytesAndWhatAKeepEverythingHistoryWouldHaveSent() throws Exception {
    String full = conversation(false, SYSTEM, ROUND);
    String compacted = full.replace("a long result", "short");

    post(full);
    post(compacted);

    assertThat(server.requests()).isEqualTo(2);
    assertThat(server.requestBytes()).isEqualTo(full.length() + compacted.length());
    assertThat(server.fullHistoryBytes()).isEqualTo(2L * JSON.readTree(full).toString().length());
    assertThat(server.largestRequestBytes()).isEqualTo(full.length());
  }

  @Test
  void countsAResultShortenedBeforeItWasEverSentAtItsWholeSize() throws Exception {
    String full = conversation(false, SYSTEM, ROUND);
    server.toolResult("c1", "a long result");

    post(full.replace("a long result", "short"));

    assertThat(server.fullHistoryBytes()).isEqualTo(JSON.readTree(full).toString().length());
  }

  @Test
  void rejectsABodyThatIsNotAConversationWithAnErrorLikeTheApis() throws Exception {
    HttpResponse<String> response = post("{\"model\":\"m\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body()).path("error");
    assertThat(error.path("message").asText()).contains("messages is required");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(server.failures()).isEqualTo(1);
    assertThat(server.requests()).isZero();
  }
}
