package dev.researcher4j.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code researcher ask} on Anthropic's Messages API, chosen by flag or by the keys set. */
class AnthropicProviderTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  private static final String KEY = "sk-ant-api03-cli0123456789abcdef";

  private static void answer() {
    server.stubFor(
        post(urlEqualTo("/v1/messages"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"id\":\"msg_01Cli\",\"type\":\"message\",\"role\":\"assistant\","
                            + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":"
                            + "\"text\",\"text\":\"Answer: 4\\n\\nTwo and two make four.\"}],"
                            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":"
                            + "{\"input_tokens\":30,\"output_tokens\":12}}")));
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("ANTHROPIC_API_KEY", KEY);
    env.put("ANTHROPIC_BASE_URL", server.baseUrl());
    env.put("SEARXNG_URL", server.baseUrl());
    return env;
  }

  @Test
  void onlyAnAnthropicKeyChoosesAnthropicWithItsDefaultModel() {
    answer();

    CliRun run = CliRun.run(env(), dir, "ask", "What is 2 + 2?", "--no-plan", "--no-verify");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("**Answer:** 4");
    assertThat(run.err()).contains("note: using model " + AnthropicProvider.DEFAULT_MODEL);
    server.verify(
        postRequestedFor(urlEqualTo("/v1/messages"))
            .withHeader("x-api-key", equalTo(KEY))
            .withRequestBody(matchingJsonPath("$.model", equalTo("claude-sonnet-4-5"))));
  }

  @Test
  void theProviderFlagWinsOverAnOpenAiKey() {
    answer();
    Map<String, String> env = env();
    env.put("OPENAI_API_KEY", "sk-openai-0123456789");

    CliRun run =
        CliRun.run(
            env,
            dir,
            "ask",
            "What is 2 + 2?",
            "--provider",
            "anthropic",
            "--model",
            "claude-haiku-4-5",
            "--no-plan",
            "--no-verify");

    assertThat(run.exitCode()).as(run.err()).isZero();
    server.verify(
        postRequestedFor(urlEqualTo("/v1/messages"))
            .withRequestBody(matchingJsonPath("$.model", equalTo("claude-haiku-4-5"))));
    assertThat(AnthropicProvider.chosen(null, env)).isFalse();
  }

  @Test
  void anUnknownProviderOrAMissingKeyIsAUsageError() {
    CliRun bad = CliRun.run(env(), dir, "ask", "q", "--provider", "gemini");
    Map<String, String> noKey = env();
    noKey.remove("ANTHROPIC_API_KEY");
    noKey.remove("ANTHROPIC_BASE_URL");
    CliRun missing = CliRun.run(noKey, dir, "ask", "q", "--provider", "anthropic");

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--provider must be openai or anthropic, but was 'gemini'");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("ANTHROPIC_API_KEY is not set");
  }
}
