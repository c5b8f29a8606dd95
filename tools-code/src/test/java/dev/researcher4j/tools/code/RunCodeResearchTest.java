package dev.researcher4j.tools.code;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.testing.ScriptedChatModel;
import dev.researcher4j.testing.TrajectoryAssertions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A whole run: the model reads two sources, computes a growth rate from their figures with
 * run_code, and answers citing both sources; the run closes its Python session when it ends.
 */
class RunCodeResearchTest {

  /** Two statistics offices' figures, each a source. */
  private static final Tool FIGURES =
      new Tool() {
        @Override
        public ToolSpec spec() {
          ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
          schema
              .putObject("properties")
              .putObject("year")
              .put("type", "string")
              .put("description", "the year");
          return ToolSpec.of("figures", "Looks up a year's solar capacity in gigawatts.", schema);
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
          String year = call.parsedArguments().path("year").asText();
          String gigawatts = year.equals("2022") ? "1,185" : "1,581";
          return ToolResult.of(
              "Installed solar capacity in " + year + ": " + gigawatts + " GW.",
              List.of(
                  Source.web(
                      "https://stats.example/solar-" + year,
                      "Solar capacity " + year,
                      "Installed solar capacity in " + year + " was " + gigawatts + " GW.")));
        }
      };

  @Test
  void theModelComputesAFigureFromTwoSourcesAndCitesThem() {
    RunCodeTool code = RunCodeTool.create();
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .toolCalls(
                ScriptedChatModel.call("c1", "figures", "{\"year\":\"2022\"}"),
                ScriptedChatModel.call("c2", "figures", "{\"year\":\"2023\"}"))
            .toolCalls(
                ScriptedChatModel.call(
                    "c3",
                    "run_code",
                    "{\"code\": \"a, b = 1185, 1581\\ngrowth = (b - a) / a * 100\\n"
                        + "print(f'{growth:.1f}%')\"}"))
            .reply(
                request ->
                    ScriptedChatModel.text(
                        "Answer: 33.4%\n\nSolar capacity grew from 1,185 GW [S1] to 1,581 GW"
                            + " [S2], "
                            + lastToolMessage(request)
                            + " in one year."))
            .build();
    ResearchAgent agent =
        ResearchAgent.builder()
            .chatModel(model)
            .tools(FIGURES)
            .tool(code, code.policy())
            .planning(false)
            .verification(VerificationPolicy.disabled())
            .build();

    Trajectory run = agent.run(Task.of("By how much did solar capacity grow from 2022 to 2023?"));

    TrajectoryAssertions.assertThat(run)
        .isCompleted()
        .calledTool("figures", 2)
        .hasToolCall("run_code", ToolExecution.Status.OK)
        .citedSources("S1", "S2")
        .answerContains("33.4%")
        .reportContains("33.4%");
    ToolExecution computed =
        TrajectoryAssertions.toolExecutions(run).stream()
            .filter(e -> e.call().name().equals("run_code"))
            .findFirst()
            .orElseThrow();
    assertThat(computed.result().content()).isEqualTo("33.4%");
    assertThat(code.openSessions()).as("the run closed its session").isZero();
    code.close();
  }

  private static String lastToolMessage(ChatRequest request) {
    List<Message> messages = request.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.TOOL) {
        return messages.get(i).content();
      }
    }
    return "(no tool result)";
  }
}
