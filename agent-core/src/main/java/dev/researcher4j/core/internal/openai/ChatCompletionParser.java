package dev.researcher4j.core.internal.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.TokenTrace;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.http.Redactor;
import dev.researcher4j.core.internal.json.ReasoningText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads a Chat Completions response body ({@code chat.completion}) into a {@link Completion}, and
 * holds the field readers shared with {@link ChatCompletionStream}.
 *
 * <p>Tolerant of what compatible servers do differently: {@code content} as a string, {@code null}
 * or an array of parts; reasoning in {@code reasoning_content} (DeepSeek, Kimi, vLLM), {@code
 * reasoning} (Ollama, OpenRouter) or inline {@code <think>} blocks; tool-call arguments as a string
 * or an object; usage with missing, {@code null} or provider-specific fields. What cannot be read
 * (broken JSON, no choices) is a {@link MalformedResponseException}, which is retried. Thread-safe.
 */
public final class ChatCompletionParser {

  private static final Pattern REASONING_TAG =
      Pattern.compile("(?i)</?(think|thinking|reasoning)>");

  private final ObjectMapper json;
  private final Redactor redactor;
  private final OpenAiErrors errors;
  private final String provider;

  /** A parser whose error messages are redacted by {@code redactor}. */
  public ChatCompletionParser(
      ObjectMapper json, Redactor redactor, OpenAiErrors errors, String provider) {
    this.json = Objects.requireNonNull(json, "json");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.errors = Objects.requireNonNull(errors, "errors");
    this.provider = Objects.requireNonNull(provider, "provider");
  }

  /**
   * Reads a whole response body.
   *
   * @throws MalformedResponseException if it is not JSON or has no choice with a message
   * @throws dev.researcher4j.api.ResearchException the mapped error if the body reports one
   */
  public Completion parse(String body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException e) {
      // Jackson quotes unrecognised tokens, which may be anything the server echoed: redacted
      // here, and the exception itself is not kept as the cause.
      throw malformed("response body is not valid JSON (" + e.getOriginalMessage() + ")", body);
    }
    if (root == null || !root.isObject()) {
      throw malformed("response body is not a JSON object", body);
    }
    JsonNode error = root.get("error");
    if (error != null && !error.isNull()) {
      throw errors.embeddedError(error, redactor);
    }
    JsonNode choices = root.get("choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      throw malformed("response has no choices", body);
    }
    JsonNode choice = firstChoice(choices);
    JsonNode message = choice.get("message");
    if (message == null || !message.isObject()) {
      throw malformed("the response's first choice has no message", body);
    }
    List<ToolCall> calls = new ArrayList<>();
    JsonNode toolCalls = message.get("tool_calls");
    if (toolCalls != null && toolCalls.isArray()) {
      int index = 0;
      for (JsonNode call : toolCalls) {
        JsonNode function = call.path("function");
        String id = text(call.get("id"));
        calls.add(
            new ToolCall(
                id.isEmpty() ? syntheticCallId(index) : id,
                text(function.get("name")),
                arguments(function.get("arguments"))));
        index++;
      }
    }
    String content = contentText(message.get("content"));
    String refusal = text(message.get("refusal"));
    if (content.isEmpty() && !refusal.isEmpty()) {
      // A refusal replaces the answer (structured outputs); keep it where a reader will see it.
      content = refusal;
    }
    JsonNode usageNode = root.get("usage");
    if (usageNode == null || !usageNode.isObject()) {
      usageNode = choice.get("usage");
    }
    List<String> tokenTexts = new ArrayList<>();
    List<Double> logprobs = new ArrayList<>();
    logprobs(choice.get("logprobs"), tokenTexts, logprobs);
    JsonNode promptIds = root.get("prompt_token_ids");
    TokenTrace tokens =
        new TokenTrace(
            ints(promptIds != null ? promptIds : choice.get("prompt_token_ids")),
            ints(choice.get("token_ids")),
            tokenTexts,
            logprobs);
    return assemble(
        text(root.get("id")),
        text(root.get("model")),
        content,
        reasoningField(message),
        calls,
        text(choice.get("finish_reason")),
        usage(usageNode),
        tokens);
  }

  /**
   * A completion from its parts, with inline reasoning blocks moved from the content to the
   * reasoning (after any reasoning the server sent in its own field).
   */
  static Completion assemble(
      String id,
      String model,
      String content,
      String fieldReasoning,
      List<ToolCall> calls,
      String finishReason,
      Usage usage,
      TokenTrace tokens) {
    String answer = content;
    String reasoning = fieldReasoning.strip();
    if (REASONING_TAG.matcher(content).find()) {
      ReasoningText.Split split = ReasoningText.split(content);
      answer = split.answer();
      if (!split.reasoning().isEmpty()) {
        reasoning =
            reasoning.isEmpty() ? split.reasoning() : reasoning + "\n\n" + split.reasoning();
      }
    }
    return new Completion(id, model, answer, reasoning, calls, finishReason, usage, tokens);
  }

  /** The first choice: the one with {@code index} 0, else the first listed. */
  static JsonNode firstChoice(JsonNode choices) {
    for (JsonNode choice : choices) {
      JsonNode index = choice.get("index");
      if (index == null || index.isNull() || index.asInt(-1) == 0) {
        return choice;
      }
    }
    return choices.get(0);
  }

  /**
   * Token counts from a {@code usage} object, tolerating absent and {@code null} fields and other
   * providers' names: OpenAI's {@code prompt_tokens_details.cached_tokens} and {@code
   * completion_tokens_details.reasoning_tokens}, DeepSeek's {@code prompt_cache_hit_tokens},
   * Moonshot's top-level {@code cached_tokens}, and {@code input_tokens}/{@code output_tokens}.
   */
  static Usage usage(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return Usage.ZERO;
    }
    long input = firstCount(usage.get("prompt_tokens"), usage.get("input_tokens"));
    long output = firstCount(usage.get("completion_tokens"), usage.get("output_tokens"));
    long cached =
        firstCount(
            usage.path("prompt_tokens_details").get("cached_tokens"),
            usage.get("prompt_cache_hit_tokens"),
            usage.get("cached_tokens"),
            usage.path("input_tokens_details").get("cached_tokens"));
    long reasoning =
        firstCount(
            usage.path("completion_tokens_details").get("reasoning_tokens"),
            usage.path("output_tokens_details").get("reasoning_tokens"),
            usage.get("reasoning_tokens"));
    return new Usage(input, output, Math.min(cached, input), Math.min(reasoning, output), 0);
  }

  /** Answer text from {@code content}: a string, {@code null}, or an array of text parts. */
  static String contentText(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode part : content) {
        if (part.isTextual()) {
          text.append(part.asText());
        } else if (part.has("text")) {
          text.append(text(part.get("text")));
        }
      }
      return text.toString();
    }
    // An unknown shape is kept as JSON rather than lost.
    return content.toString();
  }

  /** Reasoning sent in its own field: {@code reasoning_content}, else {@code reasoning}. */
  static String reasoningField(JsonNode messageOrDelta) {
    String reasoning = text(messageOrDelta.get("reasoning_content"));
    if (reasoning.isEmpty()) {
      JsonNode other = messageOrDelta.get("reasoning");
      reasoning = other != null && other.isTextual() ? other.asText() : "";
    }
    return reasoning;
  }

  /** Tool-call arguments as text: kept as written, objects (some servers) serialised. */
  static String arguments(JsonNode arguments) {
    if (arguments == null || arguments.isNull()) {
      return "";
    }
    return arguments.isTextual() ? arguments.asText() : arguments.toString();
  }

  /** An id for a tool call the server sent without one (a tool message must name its call). */
  static String syntheticCallId(int index) {
    return "call_" + index + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  static List<Integer> ints(JsonNode array) {
    if (array == null || !array.isArray()) {
      return List.of();
    }
    List<Integer> values = new ArrayList<>(array.size());
    for (JsonNode value : array) {
      if (value.canConvertToInt()) {
        values.add(value.asInt());
      }
    }
    return values;
  }

  /**
   * Appends the chosen tokens and their logprobs from {@code logprobs.content[]}; entries without a
   * numeric logprob are skipped in both lists so that they stay aligned.
   */
  static void logprobs(JsonNode logprobs, List<String> tokens, List<Double> values) {
    if (logprobs == null || !logprobs.isObject()) {
      return;
    }
    JsonNode content = logprobs.get("content");
    if (content == null || !content.isArray()) {
      return;
    }
    for (JsonNode entry : content) {
      JsonNode value = entry.get("logprob");
      if (value != null && value.isNumber()) {
        tokens.add(text(entry.get("token")));
        values.add(value.asDouble());
      }
    }
  }

  static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isContainerNode()) {
      return "";
    }
    return node.asText();
  }

  private static long firstCount(JsonNode... candidates) {
    for (JsonNode node : candidates) {
      if (node != null && node.isNumber()) {
        return Math.max(0, node.asLong());
      }
    }
    return 0;
  }

  private MalformedResponseException malformed(String what, String body) {
    String start = body == null ? "" : body.strip();
    start = start.length() <= 200 ? start : start.substring(0, 200) + "…";
    return new MalformedResponseException(
        redactor.redact(provider + ": " + what + "; body began: " + start),
        null,
        provider,
        200,
        "");
  }
}
