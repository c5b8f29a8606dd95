package dev.researcher4j.model.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.researcher4j.model.anthropic.Fixtures.JSON;
import static dev.researcher4j.model.anthropic.Fixtures.PATH;
import static dev.researcher4j.model.anthropic.Fixtures.fixture;
import static dev.researcher4j.model.anthropic.Fixtures.json;
import static dev.researcher4j.model.anthropic.Fixtures.requestBodies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.testing.RecordingSleeper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A whole research run through the agent's loop on the Messages API: the thinking blocks of the
 * tool-use turn must reach the next request unchanged, after the loop has recorded the turn and
 * added the tool results.
 */
class AnthropicResearchRunTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static Tool tool(String name) {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("query").put("type", "string");
    properties.putObject("url").put("type", "string");
    ToolSpec spec = ToolSpec.of(name, "A test tool.", schema);
    return new Tool() {
      @Override
      public ToolSpec spec() {
        return spec;
      }

      @Override
      public ToolResult execute(ToolCall call, ToolContext context) {
        return ToolResult.of(
            "Water boils at about 90 °C at 3000 m.",
            List.of(Source.web("https://example.org/boiling", "Boiling", "about 90 °C")));
      }
    };
  }

  @Test
  void thinkingBlocksSurviveTheLoopAndGoBackUnchanged() throws Exception {
    server.stubFor(
        post(PATH)
            .inScenario("run")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(200, "thinking-tool-use.json"))
            .willSetStateTo("answer"));
    server.stubFor(
        post(PATH)
            .inScenario("run")
            .whenScenarioStateIs("answer")
            .willReturn(json(200, "end-turn.json")));
    AnthropicChatModel claude =
        Fixtures.model(server, new RecordingSleeper()).thinkingBudget(2048).build();
    ResearchAgent agent =
        ResearchAgent.builder()
            .chatModel(claude)
            .tools(tool("web_search"), tool("read_page"))
            .planning(false)
            .verification(VerificationPolicy.disabled())
            .build();

    Trajectory run = agent.run(Task.of("Boiling point of water at 3000 m?"));

    assertThat(run.requireOutcome().stopReason()).isEqualTo(StopReason.COMPLETED);
    List<JsonNode> bodies = requestBodies(server);
    assertThat(bodies).hasSize(2);
    JsonNode messages = bodies.get(1).path("messages");
    JsonNode assistant = messages.get(messages.size() - 2);
    assertThat(assistant.path("role").asText()).isEqualTo("assistant");
    assertThat(assistant.path("content"))
        .isEqualTo(JSON.readTree(fixture("thinking-tool-use.json")).path("content"));
    JsonNode results = messages.get(messages.size() - 1).path("content");
    assertThat(results).extracting(r -> r.path("type").asText()).containsOnly("tool_result");
    assertThat(results).hasSize(2);
  }
}
