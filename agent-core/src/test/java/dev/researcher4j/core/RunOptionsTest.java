package dev.researcher4j.core;

import static dev.researcher4j.core.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.cite.SharedSources;
import dev.researcher4j.testing.ScriptedChatModel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunOptionsTest {

  /** A model that searches for the run's question once, then answers citing what it found. */
  private static ScriptedChatModel searchingThenAnswering() {
    return ScriptedChatModel.answering(
        request -> {
          String question =
              request
                  .messages()
                  .get(1)
                  .content()
                  .replaceAll("(?s).*Research question: (\\S+).*", "$1");
          boolean searched =
              request.messages().stream().anyMatch(m -> m.role() == dev.researcher4j.api.Role.TOOL);
          if (!searched) {
            return Fixtures.search("c-" + question, question);
          }
          String id =
              Fixtures.toolMessages(request)
                  .get(0)
                  .content()
                  .replaceAll("(?s).*\\[(S\\d+)].*", "$1");
          return ScriptedChatModel.text("Answer: " + question + "\n\nIt is so [" + id + "].");
        });
  }

  @Test
  void runsSharingSourcesGiveOneSourceOneIdAndNewSourcesTheNextIds() {
    ResearchAgent agent = agent(searchingThenAnswering(), Fixtures.search()).build();
    SharedSources shared = SharedSources.create();
    RunOptions options = RunOptions.builder().sources(shared).build();

    Trajectory first = agent.run(Task.of("alpha"), options);
    Trajectory second = agent.run(Task.of("beta"), options);
    Trajectory again = agent.run(Task.of("alpha"), options);

    assertThat(first.requireOutcome().sources()).extracting(Source::id).containsExactly("S1");
    assertThat(second.requireOutcome().sources()).extracting(Source::id).containsExactly("S2");
    assertThat(again.requireOutcome().sources()).extracting(Source::id).containsExactly("S1");
    assertThat(shared.all())
        .extracting(Source::url)
        .containsExactly("https://example.org/alpha", "https://example.org/beta");
    assertThat(shared.byId("S2")).map(Source::title).contains("Page about beta");
    assertThat(shared.size()).isEqualTo(2);
  }

  @Test
  void runsWithoutSharedSourcesNumberTheirOwnFromOne() {
    ResearchAgent agent = agent(searchingThenAnswering(), Fixtures.search()).build();

    agent.run(Task.of("alpha"));
    Trajectory second = agent.run(Task.of("beta"), RunOptions.defaults());

    assertThat(second.requireOutcome().sources()).extracting(Source::id).containsExactly("S1");
  }

  @Test
  void aRunWithItsOwnBudgetRecordsAndKeepsIt() {
    ResearchAgent agent =
        agent(searchingThenAnswering(), Fixtures.search())
            .budget(Budget.builder().maxSteps(20).build())
            .build();
    Budget own = Budget.builder().maxSteps(1).build();

    Trajectory run =
        agent.run(
            Task.of("alpha"), RunOptions.builder().budget(own).parentRunId("report-1").build());

    assertThat(run.header().budget()).isEqualTo(own);
    assertThat(run.header().parentRunId()).isEqualTo("report-1");
    assertThat(run.requireOutcome().stopReason()).isEqualTo(StopReason.BUDGET_STEPS);
    assertThat(agent.budget().maxSteps()).isEqualTo(20);
  }

  @Test
  void sourcesNotMadeBySharedSourcesAreRefusedNamingTheFactory() {
    ResearchAgent agent = agent(searchingThenAnswering(), Fixtures.search()).build();
    SharedSources foreign =
        new SharedSources() {
          @Override
          public List<Source> all() {
            return List.of();
          }

          @Override
          public Optional<Source> byId(String id) {
            return Optional.empty();
          }

          @Override
          public int size() {
            return 0;
          }
        };

    assertThatThrownBy(() -> RunOptions.builder().sources(foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SharedSources.create()");
  }

  @Test
  void builderRejectsBlankParentsAndNulls() {
    assertThatThrownBy(() -> RunOptions.builder().parentRunId(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parentRunId");
    assertThatThrownBy(() -> RunOptions.builder().budget(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("budget");
    assertThat(RunOptions.defaults().budget()).isEmpty();
    assertThat(RunOptions.defaults().sources()).isEmpty();
    assertThat(RunOptions.defaults().parentRunId()).isEmpty();
  }
}
