package dev.researcher4j.examples.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A search tool that takes {@code latency} per call and returns an observation of exactly {@code
 * observationChars} ASCII characters with one web source, like a search result page read in full.
 * The latency can be changed between measurements (warm-up runs use none). Thread-safe.
 */
final class SimulatedTool implements Tool {

  static final String NAME = "search";

  private static final String FILLER =
      "Scripted observation text standing in for a search result or a page the agent read; it"
          + " has sentences, numbers like 1,024 and 3.5%, and a source id to cite. ";

  private final ToolSpec spec;
  private final String filler;
  private final int observationChars;
  private volatile long latencyNanos;

  SimulatedTool(int observationChars, long latencyNanos) {
    if (observationChars < 1) {
      throw new IllegalArgumentException(
          "observationChars must be >= 1, but was " + observationChars);
    }
    this.observationChars = observationChars;
    this.latencyNanos = latencyNanos;
    StringBuilder text = new StringBuilder(observationChars + FILLER.length());
    while (text.length() < observationChars) {
      text.append(FILLER);
    }
    this.filler = text.substring(0, observationChars);
    ObjectNode parameters = JsonNodeFactory.instance.objectNode();
    parameters.put("type", "object");
    parameters
        .putObject("properties")
        .putObject("query")
        .put("type", "string")
        .put("description", "What to search for.");
    parameters.putArray("required").add("query");
    parameters.put("additionalProperties", false);
    this.spec =
        ToolSpec.of(NAME, "Searches the web and returns the best result in full.", parameters);
  }

  /** Sets the latency of later calls. */
  void latencyNanos(long nanos) {
    this.latencyNanos = nanos;
  }

  @Override
  public ToolSpec spec() {
    return spec;
  }

  @Override
  public ToolResult execute(ToolCall call, ToolContext context) throws InterruptedException {
    long latency = latencyNanos;
    if (latency > 0) {
      TimeUnit.NANOSECONDS.sleep(latency);
    }
    String query = call.parsedArguments().path("query").asText();
    String head = "Result for '" + query + "': ";
    String content =
        head.length() >= observationChars
            ? head.substring(0, observationChars)
            : head + filler.substring(0, observationChars - head.length());
    String slug = query.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return ToolResult.of(
        content, List.of(Source.web("https://bench.example/" + slug, "Result for " + query, "")));
  }
}
