package dev.researcher4j.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code researcher ask} with run_code (default, {@code --no-code}) and {@code --interactive}. */
class AskExtraToolsTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  private static final ObjectMapper JSON = ChatTurns.JSON;
  private static final String CHAT = ChatTurns.CHAT;

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("OPENAI_BASE_URL", server.baseUrl() + "/v1");
    env.put("RESEARCHER_MODEL", "test-model");
    env.put("SEARXNG_URL", server.baseUrl());
    return env;
  }

  private static List<String> toolNames(LoggedRequest request) throws Exception {
    List<String> names = new ArrayList<>();
    for (JsonNode tool : JSON.readTree(request.getBodyAsString()).path("tools")) {
      names.add(tool.path("function").path("name").asText());
    }
    return names;
  }

  @Test
  void runCodeIsOfferedByDefaultAndNotWithNoCode() throws Exception {
    ChatTurns.turn(
        server,
        Scenario.STARTED,
        Scenario.STARTED,
        ChatTurns.text("Answer: 4\n\nTwo and two make four."),
        "stop");

    CliRun offered = CliRun.run(env(), dir, "ask", "--no-plan", "--no-verify", "2+2?");
    CliRun withheld =
        CliRun.run(env(), dir, "ask", "--no-plan", "--no-verify", "--no-code", "2+2?");

    assertThat(offered.exitCode()).as(offered.err()).isZero();
    assertThat(withheld.exitCode()).as(withheld.err()).isZero();
    List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo(CHAT)));
    assertThat(requests).hasSize(2);
    assertThat(toolNames(requests.get(0)))
        .contains("run_code", "web_search")
        .doesNotContain("ask_user");
    assertThat(toolNames(requests.get(1))).contains("web_search").doesNotContain("run_code");
  }

  @Test
  void interactiveAsksOnTheTerminalAndReadsTheAnswerFromStandardInput() throws Exception {
    ObjectNode ask =
        ChatTurns.toolCall(
            "call_ask",
            "ask_user",
            JSON.createObjectNode()
                .put("question", "Which region do you mean?")
                .put("why", "the figures differ by region"));
    ChatTurns.turn(server, Scenario.STARTED, "answered", ask, "tool_calls");
    ChatTurns.turn(
        server,
        "answered",
        "done",
        ChatTurns.text("Answer: EU\n\nFor the EU, as you asked."),
        "stop");

    CliRun run =
        CliRun.runWithInput(
            env(),
            dir,
            "Only the EU\n",
            "ask",
            "--no-plan",
            "--no-verify",
            "--no-code",
            "--interactive",
            "How big is the market?");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .contains("? Which region do you mean?")
        .contains("(the figures differ by region)");
    List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo(CHAT)));
    assertThat(toolNames(requests.get(0))).contains("ask_user");
    JsonNode messages = JSON.readTree(requests.get(1).getBodyAsString()).path("messages");
    JsonNode toolMessage = messages.get(messages.size() - 1);
    assertThat(toolMessage.path("role").asText()).isEqualTo("tool");
    assertThat(toolMessage.path("content").asText()).contains("The person answered: Only the EU");
  }
}
