package dev.researcher4j.core.internal.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ResponseFormat;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolChoice;
import dev.researcher4j.api.ToolSpec;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a {@link ChatRequest} as a Chat Completions request body.
 *
 * <p>Messages: assistant messages carry their {@code tool_calls} (with {@code content: null} when
 * they have no text, as the API documents), tool messages their {@code tool_call_id} and {@code
 * name}. Reasoning is not sent back unless {@code echoReasoning} is on, in which case it goes as
 * {@code reasoning_content} (DeepSeek and Kimi thinking models want it on tool-call turns; OpenAI
 * rejects the field). {@code tools}, {@code tool_choice} and {@code parallel_tool_calls} are sent
 * only when there are tools, since OpenAI rejects a tool choice without tools; {@code
 * parallel_tool_calls} only when the request sets it. Extra parameters are written last and win
 * over the fields above, except {@code model}, {@code messages} and {@code stream}, which the
 * client owns. Thread-safe.
 */
public final class ChatCompletionRequestWriter {

  /** Parameters that extra options may not set. */
  public static final Set<String> RESERVED = Set.of("model", "messages", "stream");

  private final ObjectMapper json;
  private final String model;
  private final String maxTokensField;
  private final boolean echoReasoning;

  /**
   * @param maxTokensField {@code max_tokens} or {@code max_completion_tokens}
   * @param echoReasoning whether assistant reasoning is sent back as {@code reasoning_content}
   */
  public ChatCompletionRequestWriter(
      ObjectMapper json, String model, String maxTokensField, boolean echoReasoning) {
    this.json = Objects.requireNonNull(json, "json");
    this.model = Objects.requireNonNull(model, "model");
    this.maxTokensField = Objects.requireNonNull(maxTokensField, "maxTokensField");
    this.echoReasoning = echoReasoning;
  }

  /**
   * The body for {@code request} with {@code options} (the client's defaults already overridden by
   * the request's).
   *
   * @throws InvalidRequestException if an extra parameter tries to set a reserved field
   */
  public ObjectNode write(ChatRequest request, ChatOptions options, boolean stream) {
    ObjectNode body = json.createObjectNode();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    for (Message message : request.messages()) {
      messages.add(message(message));
    }
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolSpec spec : request.tools()) {
        ObjectNode function = tools.addObject().put("type", "function").putObject("function");
        function.put("name", spec.name());
        if (!spec.description().isEmpty()) {
          function.put("description", spec.description());
        }
        function.set("parameters", spec.parameters());
      }
      writeToolChoice(body, request.toolChoice());
      if (request.parallelToolCalls() != null) {
        body.put("parallel_tool_calls", request.parallelToolCalls());
      }
    }
    writeResponseFormat(body, request.responseFormat());
    if (options.temperature() != null) {
      body.put("temperature", options.temperature());
    }
    if (options.topP() != null) {
      body.put("top_p", options.topP());
    }
    if (options.maxTokens() != null) {
      body.put(maxTokensField, options.maxTokens());
    }
    if (options.seed() != null) {
      body.put("seed", options.seed());
    }
    if (!options.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop");
      options.stop().forEach(stop::add);
    }
    if (stream) {
      body.put("stream", true);
      body.putObject("stream_options").put("include_usage", true);
    }
    for (Map.Entry<String, Object> extra : options.extra().entrySet()) {
      if (RESERVED.contains(extra.getKey().toLowerCase(Locale.ROOT))) {
        throw new InvalidRequestException(
            "extra parameter '"
                + extra.getKey()
                + "' is set by the client itself and cannot be passed as an extra parameter");
      }
      body.set(extra.getKey(), json.valueToTree(extra.getValue()));
    }
    return body;
  }

  private ObjectNode message(Message message) {
    ObjectNode node = json.createObjectNode();
    switch (message.role()) {
      case SYSTEM -> node.put("role", "system").put("content", message.content());
      case USER -> node.put("role", "user").put("content", message.content());
      case TOOL -> {
        node.put("role", "tool").put("tool_call_id", message.toolCallId());
        if (!message.name().isEmpty()) {
          node.put("name", message.name());
        }
        node.put("content", message.content());
      }
      case ASSISTANT -> {
        node.put("role", "assistant");
        if (message.content().isEmpty() && message.hasToolCalls()) {
          node.putNull("content");
        } else {
          node.put("content", message.content());
        }
        if (echoReasoning && (message.hasToolCalls() || !message.reasoning().isEmpty())) {
          // Always present on tool-call turns, even empty: DeepSeek rejects such a turn without it.
          node.put("reasoning_content", message.reasoning());
        }
        if (message.hasToolCalls()) {
          ArrayNode calls = node.putArray("tool_calls");
          for (ToolCall call : message.toolCalls()) {
            ObjectNode function =
                calls
                    .addObject()
                    .put("id", call.id())
                    .put("type", "function")
                    .putObject("function");
            function.put("name", call.name());
            function.put("arguments", call.arguments().isBlank() ? "{}" : call.arguments());
          }
        }
      }
    }
    return node;
  }

  private static void writeToolChoice(ObjectNode body, ToolChoice choice) {
    switch (choice.mode()) {
      case AUTO -> body.put("tool_choice", "auto");
      case NONE -> body.put("tool_choice", "none");
      case REQUIRED -> body.put("tool_choice", "required");
      case TOOL ->
          body.putObject("tool_choice")
              .put("type", "function")
              .putObject("function")
              .put("name", choice.toolName());
    }
  }

  private static void writeResponseFormat(ObjectNode body, ResponseFormat format) {
    switch (format.type()) {
      case TEXT -> {
        // The default: left out, so servers that know no response_format are not bothered.
      }
      case JSON_OBJECT -> body.putObject("response_format").put("type", "json_object");
      case JSON_SCHEMA -> {
        ObjectNode schema = body.putObject("response_format").put("type", "json_schema");
        ObjectNode inner = schema.putObject("json_schema");
        inner.put("name", format.name());
        inner.set("schema", format.schema());
        inner.put("strict", format.strict());
      }
    }
  }
}
