package dev.researcher4j.model.anthropic.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.http.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a whole (non-streamed) Messages API response body into a {@link Reply}. A body that is not
 * a message (broken JSON, no content array) is a {@link MalformedResponseException}, retried; a
 * body of type {@code error} is the matching typed exception. Thread-safe.
 */
public final class ReplyParser {

  private final ObjectMapper json;
  private final Redactor redactor;
  private final AnthropicErrors errors;
  private final String provider;

  /** A parser naming {@code provider} in its exceptions. */
  public ReplyParser(
      ObjectMapper json, Redactor redactor, AnthropicErrors errors, String provider) {
    this.json = Objects.requireNonNull(json, "json");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.errors = Objects.requireNonNull(errors, "errors");
    this.provider = Objects.requireNonNull(provider, "provider");
  }

  /** The reply in {@code body}. */
  public Reply parse(String body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw malformed("response is not JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw malformed("response is not a JSON object");
    }
    if ("error".equals(root.path("type").asText()) || root.get("error") instanceof ObjectNode) {
      throw errors.embeddedError(root, redactor);
    }
    JsonNode content = root.get("content");
    if (content == null || !content.isArray()) {
      throw malformed("response has no content array");
    }
    List<ObjectNode> blocks = new ArrayList<>();
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode block : content) {
      if (!(block instanceof ObjectNode object)) {
        throw malformed("a content block is not a JSON object");
      }
      blocks.add(object);
      if ("tool_use".equals(ContentBlocks.type(object))) {
        JsonNode input = object.path("input");
        calls.add(
            new ToolCall(
                object.path("id").asText(""),
                object.path("name").asText(""),
                input.isMissingNode() || input.isNull() ? "{}" : input.toString()));
      }
    }
    return new Reply(
        root.path("id").asText(""),
        root.path("model").asText(""),
        blocks,
        calls,
        root.path("stop_reason").asText(""),
        usage(root.path("usage"), Usage.ZERO));
  }

  /**
   * Our usage for the API's: {@code input_tokens} counts only the prompt tokens after the last
   * cache breakpoint, so cache reads and writes are added to make {@link Usage#inputTokens()} the
   * whole prompt. Fields missing from {@code node} keep their value in {@code base} (a stream's
   * {@code message_delta} repeats only some).
   */
  static Usage usage(JsonNode node, Usage base) {
    if (node == null || !node.isObject()) {
      return base;
    }
    long plain = count(node, "input_tokens", base.inputTokens() - cacheTokens(base));
    long read = count(node, "cache_read_input_tokens", base.cachedInputTokens());
    long written = count(node, "cache_creation_input_tokens", base.cacheWriteInputTokens());
    long output = count(node, "output_tokens", base.outputTokens());
    return new Usage(plain + read + written, output, read, 0, 0, written);
  }

  private static long cacheTokens(Usage usage) {
    return usage.cachedInputTokens() + usage.cacheWriteInputTokens();
  }

  private static long count(JsonNode node, String field, long otherwise) {
    JsonNode value = node.get(field);
    return value != null && value.canConvertToLong() && value.asLong() >= 0
        ? value.asLong()
        : otherwise;
  }

  private MalformedResponseException malformed(String what) {
    return new MalformedResponseException(
        redactor.redact(provider + ": " + what), null, provider, 200, "");
  }
}
