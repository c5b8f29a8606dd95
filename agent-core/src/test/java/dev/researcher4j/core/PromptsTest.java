package dev.researcher4j.core;

import static dev.researcher4j.core.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.Task;
import dev.researcher4j.core.prompt.Prompts;
import dev.researcher4j.testing.ScriptedChatModel;
import org.junit.jupiter.api.Test;

class PromptsTest {

  @Test
  void theDefaultPromptsAskForResearchCitationsAndTheAnswerShape() {
    Prompts prompts = Prompts.defaults();

    assertThat(prompts.system())
        .contains("Today's date is {{date}}")
        .contains("Search before answering")
        .contains("Read primary sources")
        .contains("[S3]")
        .contains("Cross-check")
        .contains("Answer: <the direct answer in one line");
    assertThat(prompts.verifier()).contains("SUPPORTED").contains("CONTRADICTED");
  }

  @Test
  void replacedPromptsReachTheModel() {
    ScriptedChatModel model = ScriptedChatModel.of(ScriptedChatModel.text("Answer: ok\n\nFine."));
    Prompts custom =
        Prompts.defaults().toBuilder()
            .system("You are terse. Date: {{date}}.")
            .task("Q={{question}}{{#output_format}} F={{output_format}}{{/output_format}}")
            .build();

    agent(model).prompts(custom).build().run(Task.builder("why?").outputFormat("yes/no").build());

    assertThat(model.requests().get(0).messages().get(0).content())
        .isEqualTo("You are terse. Date: 2026-01-15 (Thursday).");
    assertThat(model.requests().get(0).messages().get(1).content()).isEqualTo("Q=why? F=yes/no");
  }

  @Test
  void blankPromptsAreRejected() {
    assertThatThrownBy(() -> Prompts.defaults().toBuilder().system(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("system prompt must not be blank");
  }
}
