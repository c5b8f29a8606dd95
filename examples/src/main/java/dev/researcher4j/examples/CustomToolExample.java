package dev.researcher4j.examples;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.model.OpenAiChatModel;
import dev.researcher4j.core.tool.ToolMethod;
import dev.researcher4j.core.tool.ToolMethods;
import dev.researcher4j.core.tool.ToolParam;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A tool of your own: an internal knowledge base exposed to the agent through annotated methods.
 * The agent cites its pages like web pages, because the tool registers them as sources.
 */
public final class CustomToolExample {
  private CustomToolExample() {}

  /** Runs the example against the model configured in the environment. */
  public static void main(String[] args) {
    System.out.println(
        ask(
                OpenAiChatModel.fromEnv(),
                "Who owns the billing service, and what is its on-call rota?")
            .report());
  }

  // README:custom-tool
  /** Your own tool: an internal wiki, searched through annotated methods. */
  public static final class InternalWiki {
    /** How a team can be on call; an enum becomes a JSON Schema enum. */
    public enum Rota {
      WEEKLY,
      FOLLOW_THE_SUN
    }

    /** A page of the wiki; records become JSON objects. */
    public record Page(String url, String title, String text, Rota rota) {}

    private final Map<String, Page> pages;

    public InternalWiki(Map<String, Page> pages) {
      this.pages = Map.copyOf(pages);
    }

    @ToolMethod("Searches the company wiki for services, teams and on-call rotas.")
    public ToolResult searchWiki(
        @ToolParam("words to look for") String query,
        @ToolParam("most pages to return, default 3") Optional<Integer> limit,
        ToolContext context) { // injected: the run's source registry, task, clock…
      StringBuilder text = new StringBuilder();
      pages.values().stream()
          .filter(p -> p.text().toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT)))
          .limit(limit.orElse(3))
          .forEach(
              p -> {
                Source source = context.registerSource(Source.web(p.url(), p.title(), p.text()));
                text.append('[').append(source.id()).append("] ").append(p.title()).append(": ");
                text.append(p.text()).append(" (rota: ").append(p.rota()).append(")\n");
              });
      return text.isEmpty()
          ? ToolResult.error("no page mentions '" + query + "'; try fewer words")
          : ToolResult.of(text.toString());
    }
  }

  static Outcome ask(ChatModel model, String question) {
    InternalWiki wiki =
        new InternalWiki(
            Map.of(
                "billing",
                new InternalWiki.Page(
                    "https://wiki.internal/services/billing",
                    "Billing service",
                    "The billing service is owned by the Payments team.",
                    InternalWiki.Rota.WEEKLY)));
    ResearchAgent agent =
        ResearchAgent.builder()
            .chatModel(model)
            .tools(ToolMethods.from(wiki)) // one tool per @ToolMethod, schema from the parameters
            .build();
    return agent.run(Task.of(question)).requireOutcome();
  }

  // README:end

  /** The wiki pages the example knows, for tests. */
  static List<String> knownUrls() {
    return List.of("https://wiki.internal/services/billing");
  }
}
