package dev.researcher4j.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.json.Description;
import dev.researcher4j.core.json.JsonSchemas;
import dev.researcher4j.core.model.OpenAiChatModel;
import dev.researcher4j.core.structured.TypedResult;
import dev.researcher4j.tools.web.read.PageReader;
import dev.researcher4j.tools.web.read.ReadPageTool;
import dev.researcher4j.tools.web.search.WebSearch;
import dev.researcher4j.tools.web.search.WebSearchTool;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A timeline of events as a typed, cited result, from a task that carries its own JSON Schema (as
 * one read from a file would be): each event's date, description and place rest on sources.
 */
public final class TimelineExample {
  private TimelineExample() {}

  /** Runs the example against the model configured in the environment. */
  public static void main(String[] args) {
    List<Tool> tools =
        List.of(
            WebSearchTool.of(WebSearch.fromEnvironment()),
            ReadPageTool.of(PageReader.ofDefaults()));
    for (String line :
        timeline(
            OpenAiChatModel.fromEnv(), tools, "Milestones of the James Webb Space Telescope")) {
      System.out.println(line);
    }
  }

  record Event(
      @Description("when it happened") LocalDate date,
      @Description("what happened, in one sentence") String what,
      @Description("where, when a place matters") Optional<String> place) {}

  record Timeline(List<Event> events) {}

  /** The events in date order, each line ending with the ids of its sources. */
  static List<String> timeline(ChatModel model, List<Tool> tools, String subject) {
    ObjectNode schema = JsonSchemas.forType(Timeline.class); // or read from a .json file
    Task task =
        Task.builder(subject)
            .instructions("Give the ten most important events, each with its exact date.")
            .outputSchema(schema)
            .build();
    ResearchAgent agent = ResearchAgent.builder().chatModel(model).tools(tools).build();
    TypedResult<Timeline> result = TypedResult.of(agent.run(task), Timeline.class);
    List<Event> events =
        result.value().events().stream().sorted(Comparator.comparing(Event::date)).toList();
    List<Event> written = result.value().events();
    return events.stream()
        .map(
            e -> {
              String path = "/events/" + written.indexOf(e);
              return e.date()
                  + "  "
                  + e.what()
                  + " "
                  + result.sourcesOf(path + "/date")
                  + (result.flagged().stream().anyMatch(f -> f.path().startsWith(path + "/"))
                      ? "  (check this one)"
                      : "");
            })
        .toList();
  }
}
