package dev.researcher4j.examples.spring;

import dev.researcher4j.core.tool.ToolMethod;
import dev.researcher4j.core.tool.ToolParam;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * An application's own tool: a bean method annotated {@link ToolMethod}, which the starter gives to
 * the agent with no further wiring.
 */
@Component
public class GlossaryTools {

  private static final Map<String, String> TERMS =
      Map.of(
          "rag",
              "Retrieval-augmented generation: answering from documents retrieved for the question.",
          "pass@k", "The share of problems solved by at least one of k attempts.");

  /** Looks a term up in the team glossary. */
  @ToolMethod("Looks a term up in the team's glossary; use it before searching the web for jargon.")
  public String glossary(@ToolParam("the term, e.g. RAG") String term) {
    String definition = TERMS.get(term.strip().toLowerCase(Locale.ROOT));
    return definition != null
        ? term + ": " + definition
        : "The glossary has no entry for " + term + ".";
  }
}
