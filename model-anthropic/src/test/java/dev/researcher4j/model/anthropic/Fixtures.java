package dev.researcher4j.model.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.researcher4j.core.http.CircuitBreakerPolicy;
import dev.researcher4j.core.http.RetryPolicy;
import dev.researcher4j.testing.RecordingSleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Response fixtures under {@code src/test/resources/anthropic/}, and helpers around them. */
final class Fixtures {
  private Fixtures() {}

  static final String KEY = "sk-ant-api03-test0123456789abcdefXYZ";
  static final String PATH = "/v1/messages";
  static final ObjectMapper JSON = new ObjectMapper();

  static String fixture(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/anthropic/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ResponseDefinitionBuilder json(int status, String fixtureName) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy")
        .withBody(fixture(fixtureName));
  }

  static ResponseDefinitionBuilder sse(String fixtureName) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream; charset=utf-8")
        .withBody(fixture(fixtureName));
  }

  static AnthropicChatModel.Builder model(WireMockExtension server, RecordingSleeper sleeper) {
    return AnthropicChatModel.builder()
        .baseUrl(server.baseUrl())
        .apiKey(KEY)
        .model("claude-sonnet-4-5")
        .sleeper(sleeper)
        .circuitBreaker(CircuitBreakerPolicy.disabled())
        .retryPolicy(RetryPolicy.custom().jitter(0).build());
  }

  static List<JsonNode> requestBodies(WireMockExtension server) {
    // WireMock lists the newest request first.
    List<JsonNode> bodies = new ArrayList<>();
    for (var event : server.getAllServeEvents()) {
      try {
        bodies.add(0, JSON.readTree(event.getRequest().getBodyAsString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return bodies;
  }
}
