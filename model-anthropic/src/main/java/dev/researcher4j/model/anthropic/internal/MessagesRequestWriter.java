package dev.researcher4j.model.anthropic.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ResponseFormat;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.ToolChoice;
import dev.researcher4j.api.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a {@link ChatRequest} as a Messages API request body.
 *
 * <p>The leading system messages become {@code system} text blocks (a system message later in the
 * conversation, which the API has no place for, becomes user text). User and tool messages become
 * user turns: consecutive ones are merged into one turn, {@code tool_result} blocks first, as the
 * API requires; a tool message is sent with {@code is_error} when its text starts with {@value
 * #ERROR_PREFIX} or {@value #NOT_RUN_PREFIX}, as every failed call's observation from the research
 * loop does. Assistant messages become their content blocks (see {@link ContentBlocks}); one with
 * nothing to say is left out.
 *
 * <p>With prompt caching on, {@code cache_control: {"type": "ephemeral"}} marks the last system
 * block, the last tool, and the last block of the final user turn: three of the four breakpoints
 * the API allows, so the system prompt, the tools and the conversation so far are read from the
 * cache on the next call. JSON response formats, which the API has no parameter for, become an
 * instruction at the end of the system prompt. Thread-safe.
 */
public final class MessagesRequestWriter {

  /** Parameters that extra options may not set. */
  public static final Set<String> RESERVED = Set.of("model", "messages", "stream");

  /** How the research loop starts the observation of a failed tool call. */
  public static final String ERROR_PREFIX = "Error:";

  /** How the research loop starts the observation of a call it did not run. */
  public static final String NOT_RUN_PREFIX = "Not run";

  /** The smallest thinking budget the API accepts. */
  public static final int MIN_THINKING_BUDGET = 1024;

  private final ObjectMapper json;
  private final String model;
  private final int defaultMaxTokens;
  private final int thinkingBudget;
  private final boolean promptCaching;

  /**
   * @param defaultMaxTokens {@code max_tokens} when the options set none (the API requires it)
   * @param thinkingBudget extended thinking's {@code budget_tokens}, or 0 for no thinking
   * @param promptCaching whether to mark cache breakpoints
   */
  public MessagesRequestWriter(
      ObjectMapper json,
      String model,
      int defaultMaxTokens,
      int thinkingBudget,
      boolean promptCaching) {
    this.json = Objects.requireNonNull(json, "json");
    this.model = Objects.requireNonNull(model, "model");
    this.defaultMaxTokens = defaultMaxTokens;
    this.thinkingBudget = thinkingBudget;
    this.promptCaching = promptCaching;
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
    int maxTokens = options.maxTokens() != null ? options.maxTokens() : defaultMaxTokens;
    body.put("max_tokens", maxTokens);
    ArrayNode system = json.createArrayNode();
    List<Message> conversation = new ArrayList<>();
    boolean leading = true;
    for (Message message : request.messages()) {
      if (message.role() == Role.SYSTEM && leading) {
        if (!message.content().isBlank()) {
          system.addObject().put("type", "text").put("text", message.content());
        }
      } else {
        leading = false;
        conversation.add(message);
      }
    }
    String format = formatInstruction(request.responseFormat());
    if (!format.isEmpty()) {
      system.addObject().put("type", "text").put("text", format);
    }
    if (!system.isEmpty()) {
      if (promptCaching) {
        markCached((ObjectNode) system.get(system.size() - 1));
      }
      body.set("system", system);
    }
    body.set("messages", messages(conversation));
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolSpec spec : request.tools()) {
        ObjectNode tool = tools.addObject().put("name", spec.name());
        if (!spec.description().isEmpty()) {
          tool.put("description", spec.description());
        }
        tool.set("input_schema", spec.parameters());
      }
      if (promptCaching) {
        markCached((ObjectNode) tools.get(tools.size() - 1));
      }
      body.set("tool_choice", toolChoice(request.toolChoice(), request.parallelToolCalls()));
    }
    int budget = Math.min(thinkingBudget, maxTokens - 1);
    if (thinkingBudget > 0 && budget >= MIN_THINKING_BUDGET) {
      body.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
    }
    if (options.temperature() != null) {
      body.put("temperature", options.temperature());
    }
    if (options.topP() != null) {
      body.put("top_p", options.topP());
    }
    if (!options.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop_sequences");
      options.stop().forEach(stop::add);
    }
    if (stream) {
      body.put("stream", true);
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

  /**
   * Appends an assistant turn of {@code content} blocks, as sent back to continue a turn the API
   * paused ({@code stop_reason: pause_turn}).
   */
  public static void appendAssistantTurn(ObjectNode body, List<ObjectNode> content) {
    ArrayNode messages = (ArrayNode) body.get("messages");
    ObjectNode last = messages.isEmpty() ? null : (ObjectNode) messages.get(messages.size() - 1);
    ArrayNode blocks;
    if (last != null && "assistant".equals(last.path("role").asText())) {
      blocks = (ArrayNode) last.get("content");
    } else {
      blocks = messages.addObject().put("role", "assistant").putArray("content");
    }
    content.forEach(blocks::add);
  }

  private ArrayNode messages(List<Message> conversation) {
    ArrayNode turns = json.createArrayNode();
    ArrayNode results = null;
    ArrayNode texts = null;
    for (Message message : conversation) {
      if (message.role() == Role.ASSISTANT) {
        flushUser(turns, results, texts);
        results = null;
        texts = null;
        ArrayNode blocks = ContentBlocks.toWire(message);
        if (!blocks.isEmpty()) {
          turns.addObject().put("role", "assistant").set("content", blocks);
        }
        continue;
      }
      if (results == null) {
        results = json.createArrayNode();
        texts = json.createArrayNode();
      }
      if (message.role() == Role.TOOL) {
        ObjectNode result =
            results
                .addObject()
                .put("type", "tool_result")
                .put("tool_use_id", message.toolCallId())
                .put("content", message.content());
        if (isError(message.content())) {
          result.put("is_error", true);
        }
      } else if (!message.content().isEmpty()) {
        texts.addObject().put("type", "text").put("text", message.content());
      }
    }
    flushUser(turns, results, texts);
    if (promptCaching && !turns.isEmpty()) {
      ObjectNode last = (ObjectNode) turns.get(turns.size() - 1);
      if ("user".equals(last.path("role").asText())) {
        ArrayNode content = (ArrayNode) last.get("content");
        markCached((ObjectNode) content.get(content.size() - 1));
      }
    }
    return turns;
  }

  private static void flushUser(ArrayNode turns, ArrayNode results, ArrayNode texts) {
    if (results == null || (results.isEmpty() && texts.isEmpty())) {
      return;
    }
    ArrayNode content = turns.addObject().put("role", "user").putArray("content");
    content.addAll(results);
    content.addAll(texts);
  }

  private static boolean isError(String content) {
    String start = content.stripLeading();
    return start.startsWith(ERROR_PREFIX) || start.startsWith(NOT_RUN_PREFIX);
  }

  private ObjectNode toolChoice(ToolChoice choice, Boolean parallel) {
    ObjectNode node = json.createObjectNode();
    switch (choice.mode()) {
      case AUTO -> node.put("type", "auto");
      case NONE -> node.put("type", "none");
      case REQUIRED -> node.put("type", "any");
      case TOOL -> node.put("type", "tool").put("name", choice.toolName());
    }
    if (Boolean.FALSE.equals(parallel) && choice.mode() != ToolChoice.Mode.NONE) {
      node.put("disable_parallel_tool_use", true);
    }
    return node;
  }

  private static String formatInstruction(ResponseFormat format) {
    return switch (format.type()) {
      case TEXT -> "";
      case JSON_OBJECT -> "Answer with one JSON object and nothing else: no prose, no code fence.";
      case JSON_SCHEMA ->
          "Answer with one JSON object and nothing else (no prose, no code fence) that matches"
              + " this JSON Schema: "
              + format.schema();
    };
  }

  private static void markCached(ObjectNode block) {
    block.putObject("cache_control").put("type", "ephemeral");
  }
}
