package dev.researcher4j.core.internal.durable;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.RunTotals;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.internal.trajectory.JsonReading;
import dev.researcher4j.core.internal.trajectory.JsonWriting;
import java.io.IOException;
import java.util.function.Function;

/**
 * Jackson (de)serializers for the API types that cross a durable-execution engine's boundaries,
 * written exactly as the trajectory format writes them (so nothing a run records is lost on the
 * way: reasoning, provider data, token traces, retries).
 */
public final class ApiTypesModule extends SimpleModule {

  private static final long serialVersionUID = 1L;

  /** The module. */
  public ApiTypesModule() {
    super("researcher4j-api-types");
    add(ChatRequest.class, ApiTypesModule::request, ApiTypesModule::readRequest);
    add(ChatResponse.class, JsonWriting::response, JsonReading::readResponse);
    add(Message.class, JsonWriting::message, JsonReading::readMessage);
    add(ToolCall.class, JsonWriting::toolCall, JsonReading::readToolCall);
    add(ToolSpec.class, JsonWriting::toolSpec, JsonReading::readToolSpec);
    add(ToolExecution.class, JsonWriting::toolExecution, JsonReading::readToolExecution);
    add(Source.class, JsonWriting::source, JsonReading::readSource);
    add(Task.class, JsonWriting::task, JsonReading::readTask);
    add(Budget.class, JsonWriting::budget, JsonReading::readBudget);
    add(Usage.class, JsonWriting::usage, JsonReading::readUsage);
    add(Outcome.class, JsonWriting::outcome, JsonReading::readOutcome);
    add(RunTotals.class, JsonWriting::totals, JsonReading::readTotals);
    add(ModelInfo.class, JsonWriting::modelInfo, JsonReading::readModelInfo);
  }

  private <T> void add(Class<T> type, Function<T, JsonNode> write, Function<JsonNode, T> read) {
    addSerializer(
        type,
        new JsonSerializer<T>() {
          @Override
          public void serialize(T value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeTree(write.apply(value));
          }
        });
    addDeserializer(
        type,
        new JsonDeserializer<T>() {
          @Override
          public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
            JsonNode node = p.readValueAsTree();
            try {
              return read.apply(node);
            } catch (RuntimeException e) {
              return context.reportInputMismatch(
                  type, "cannot read %s: %s", type.getSimpleName(), e.toString());
            }
          }
        });
  }

  static JsonNode request(ChatRequest request) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.set("messages", JsonWriting.array(request.messages(), JsonWriting::message));
    node.set("tools", JsonWriting.array(request.tools(), JsonWriting::toolSpec));
    node.set("tool_choice", JsonWriting.toolChoice(request.toolChoice()));
    if (request.parallelToolCalls() != null) {
      node.put("parallel_tool_calls", request.parallelToolCalls());
    }
    node.set("response_format", JsonWriting.responseFormat(request.responseFormat()));
    node.set("options", JsonWriting.options(request.options()));
    return node;
  }

  static ChatRequest readRequest(JsonNode node) {
    return new ChatRequest(
        JsonReading.list(node.get("messages"), JsonReading::readMessage),
        JsonReading.list(node.get("tools"), JsonReading::readToolSpec),
        JsonReading.readToolChoice(node.get("tool_choice")),
        node.hasNonNull("parallel_tool_calls") ? node.get("parallel_tool_calls").asBoolean() : null,
        JsonReading.readResponseFormat(node.get("response_format")),
        JsonReading.readOptions(node.get("options")));
  }
}
