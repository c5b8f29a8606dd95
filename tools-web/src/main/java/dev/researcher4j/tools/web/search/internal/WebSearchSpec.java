package dev.researcher4j.tools.web.search.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.tools.web.search.Freshness;
import dev.researcher4j.tools.web.search.WebSearchTool;

/** The {@code web_search} tool's description and JSON Schema of its arguments, for the model. */
public final class WebSearchSpec {

  private WebSearchSpec() {}

  /** The spec stating these limits, which the tool's builder has already checked. */
  public static ToolSpec of(int maxQueriesPerCall, int defaultCount, int maxCount) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode schema = f.objectNode();
    schema.put("type", "object");
    ObjectNode props = schema.putObject("properties");
    props
        .putObject("query")
        .put("type", "string")
        .put("description", "What to search for: keywords or a short question.");
    ObjectNode queries = props.putObject("queries");
    queries.put("type", "array");
    queries.putObject("items").put("type", "string");
    queries.put("maxItems", maxQueriesPerCall);
    queries.put(
        "description",
        "Several different searches to run at once, instead of query (at most "
            + maxQueriesPerCall
            + "). Use it to cover several angles of a question in one step.");
    props
        .putObject("count")
        .put("type", "integer")
        .put("minimum", 1)
        .put("maximum", maxCount)
        .put(
            "description",
            "Results per query (default " + defaultCount + ", at most " + maxCount + ").");
    ObjectNode freshness = props.putObject("freshness");
    freshness.put("type", "string");
    ArrayNode values = freshness.putArray("enum");
    for (Freshness value : Freshness.values()) {
      values.add(value.id());
    }
    freshness.put(
        "description",
        "Only results published in the last day, week, month or year. Not with date_from/date_to.");
    props
        .putObject("date_from")
        .put("type", "string")
        .put("description", "Only results published on or after this date, as YYYY-MM-DD.");
    props
        .putObject("date_to")
        .put("type", "string")
        .put("description", "Only results published on or before this date, as YYYY-MM-DD.");
    props
        .putObject("site")
        .put("type", "string")
        .put("description", "Only results from this site, e.g. \"arxiv.org\".");
    props
        .putObject("language")
        .put("type", "string")
        .put("description", "Language of the results as an ISO 639 code, e.g. \"en\" or \"de\".");
    return ToolSpec.of(
        WebSearchTool.NAME,
        "Search the web. Returns a list of results, each with a source id [S#] to cite, title,"
            + " URL, snippet and publication date when known. Give one query, or several"
            + " different queries at once (queries) to search them in parallel. Snippets are"
            + " short: read the most promising pages before relying on them.",
        schema);
  }
}
