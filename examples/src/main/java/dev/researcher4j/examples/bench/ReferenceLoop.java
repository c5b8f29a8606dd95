package dev.researcher4j.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.core.prompt.Prompts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The calibration for the loop and concurrent scenarios: the smallest agent loop one would write by
 * hand on {@link HttpClient} and Jackson, against the same stub and the same tool. Each turn it
 * posts the whole conversation (not streamed), runs the tool calls in parallel on an executor, and
 * appends their results; a reply without tool calls ends the run. No budgets, sources, recording,
 * retries, timeouts or context management: the difference to the agent is what those cost.
 * Thread-safe.
 */
final class ReferenceLoop {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI endpoint;
  private final SimulatedTool tool;
  private final ExecutorService executor;
  private final ObjectNode toolSpec;
  private final String system = Prompts.defaults().system();

  ReferenceLoop(String baseUrl, SimulatedTool tool, ExecutorService executor) {
    this.endpoint = URI.create(baseUrl + "/chat/completions");
    this.tool = tool;
    this.executor = executor;
    ToolSpec spec = tool.spec();
    this.toolSpec = JSON.createObjectNode().put("type", "function");
    toolSpec
        .putObject("function")
        .put("name", spec.name())
        .put("description", spec.description())
        .set("parameters", spec.parameters());
  }

  /** Runs one conversation to its answer; returns the model calls it took. */
  int run(String question) throws IOException, InterruptedException, ExecutionException {
    ArrayNode messages = JSON.createArrayNode();
    messages.addObject().put("role", "system").put("content", system);
    messages.addObject().put("role", "user").put("content", question);
    int calls = 0;
    while (true) {
      ObjectNode body = JSON.createObjectNode().put("model", "bench-model");
      body.set("messages", messages);
      body.putArray("tools").add(toolSpec);
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(endpoint)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      calls++;
      if (response.statusCode() != 200) {
        throw new IOException("the stub answered " + response.statusCode());
      }
      JsonNode message = JSON.readTree(response.body()).path("choices").path(0).path("message");
      JsonNode toolCalls = message.path("tool_calls");
      messages.add(message);
      if (!toolCalls.isArray() || toolCalls.isEmpty()) {
        return calls;
      }
      List<Future<String>> results = new ArrayList<>();
      for (JsonNode call : toolCalls) {
        ToolCall toolCall =
            new ToolCall(
                call.path("id").asText(),
                call.path("function").path("name").asText(),
                call.path("function").path("arguments").asText());
        results.add(executor.submit(() -> tool.execute(toolCall, null).content()));
      }
      int i = 0;
      for (JsonNode call : toolCalls) {
        messages
            .addObject()
            .put("role", "tool")
            .put("tool_call_id", call.path("id").asText())
            .put("content", results.get(i++).get());
      }
    }
  }
}
