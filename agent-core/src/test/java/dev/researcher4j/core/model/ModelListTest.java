package dev.researcher4j.core.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.researcher4j.api.AuthenticationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ModelListTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void listsTheModelsALocalServerServesWithoutAKey() {
    // Ollama's OpenAI-compatible /v1/models answer.
    server.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"object\":\"list\",\"data\":[{\"id\":\"qwen3:8b\",\"object\":\"model\",\"created\":1764400000,\"owned_by\":\"library\"},"
                            + "{\"id\":\"llama3.2:latest\",\"object\":\"model\",\"created\":1736000000,\"owned_by\":\"library\"}]}")));

    assertThat(OpenAiChatModel.listModels(Map.of("OPENAI_BASE_URL", server.baseUrl() + "/v1")))
        .containsExactly("qwen3:8b", "llama3.2:latest");
    server.verify(getRequestedFor(urlEqualTo("/v1/models")).withHeader("Authorization", absent()));
  }

  @Test
  void sendsTheKeyAndKeepsItOutOfErrors() {
    String key = "sk-list-0123456789abcdef";
    server.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"Incorrect API key provided: "
                            + key
                            + ".\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}")));

    assertThatThrownBy(
            () ->
                OpenAiChatModel.listModels(
                    Map.of("OPENAI_BASE_URL", server.baseUrl() + "/v1", "OPENAI_API_KEY", key)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("OPENAI_API_KEY")
        .hasMessageNotContaining(key);
    server.verify(
        getRequestedFor(urlEqualTo("/v1/models"))
            .withHeader("Authorization", equalTo("Bearer " + key)));
  }
}
