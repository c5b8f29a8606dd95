package dev.researcher4j.core.internal.trajectory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.ResponseFormat;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.Reward;
import dev.researcher4j.api.RunTotals;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.TokenTrace;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolChoice;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Usage;
import dev.researcher4j.api.Warning;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;

/** How the values of a trajectory line are written as JSON (see {@code TrajectoryCodec}). */
public final class JsonWriting {
  private JsonWriting() {}

  static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write trajectory JSON", e);
    }
  }

  public static <T> ArrayNode array(List<T> values, Function<T, JsonNode> encode) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(v -> array.add(encode.apply(v)));
    return array;
  }

  public static ArrayNode strings(List<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }

  public static void putText(ObjectNode node, String name, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(name, value);
    }
  }

  public static JsonNode task(Task task) {
    ObjectNode node = NODES.objectNode();
    node.put("id", task.id());
    node.put("question", task.question());
    node.put("instructions", task.instructions());
    node.put("output_format", task.outputFormat());
    node.put("attempt", task.attempt());
    node.put("group_id", task.groupId());
    node.set("metadata", JSON.valueToTree(task.metadata()));
    if (task.hasOutputSchema()) {
      node.set("output_schema", task.outputSchema());
    }
    return node;
  }

  public static JsonNode modelInfo(ModelInfo info) {
    ObjectNode node = NODES.objectNode();
    node.put("provider", info.provider());
    node.put("model", info.model());
    node.put("context_window", info.contextWindow());
    node.set("parameters", JSON.valueToTree(info.parameters()));
    return node;
  }

  public static JsonNode toolSpec(ToolSpec spec) {
    ObjectNode node = NODES.objectNode();
    node.put("name", spec.name());
    node.put("description", spec.description());
    node.set("parameters", spec.parameters());
    return node;
  }

  public static JsonNode budget(Budget budget) {
    ObjectNode node = NODES.objectNode();
    limit(node, "max_steps", budget.maxSteps());
    limit(node, "max_tool_calls", budget.maxToolCalls());
    limit(node, "max_input_tokens", budget.maxInputTokens());
    limit(node, "max_output_tokens", budget.maxOutputTokens());
    if (Double.isInfinite(budget.maxCostUsd())) {
      node.putNull("max_cost_usd");
    } else {
      node.put("max_cost_usd", budget.maxCostUsd());
    }
    if (budget.maxTime().equals(Budget.NO_TIME_LIMIT)) {
      node.putNull("max_time");
    } else {
      node.put("max_time", budget.maxTime().toString());
    }
    node.put("warn_fraction", budget.warnFraction());
    return node;
  }

  public static void limit(ObjectNode node, String name, long value) {
    if (value == Long.MAX_VALUE) {
      node.putNull(name);
    } else {
      node.put(name, value);
    }
  }

  public static JsonNode usage(Usage usage) {
    ObjectNode node = NODES.objectNode();
    node.put("input_tokens", usage.inputTokens());
    node.put("output_tokens", usage.outputTokens());
    node.put("cached_input_tokens", usage.cachedInputTokens());
    node.put("reasoning_tokens", usage.reasoningTokens());
    node.put("cost_usd", usage.costUsd());
    if (usage.cacheWriteInputTokens() != 0) {
      node.put("cache_write_input_tokens", usage.cacheWriteInputTokens());
    }
    return node;
  }

  public static JsonNode message(Message message) {
    ObjectNode node = NODES.objectNode();
    node.put("role", message.role().name());
    node.put("content", message.content());
    putText(node, "reasoning", message.reasoning());
    if (!message.toolCalls().isEmpty()) {
      node.set("tool_calls", array(message.toolCalls(), JsonWriting::toolCall));
    }
    putText(node, "tool_call_id", message.toolCallId());
    putText(node, "name", message.name());
    if (!message.providerData().isEmpty()) {
      node.set("provider_data", message.providerData());
    }
    return node;
  }

  public static JsonNode toolCall(ToolCall call) {
    ObjectNode node = NODES.objectNode();
    node.put("id", call.id());
    node.put("name", call.name());
    node.put("arguments", call.arguments());
    return node;
  }

  public static JsonNode toolChoice(ToolChoice choice) {
    ObjectNode node = NODES.objectNode();
    node.put("mode", choice.mode().name());
    putText(node, "tool_name", choice.toolName());
    return node;
  }

  public static JsonNode responseFormat(ResponseFormat format) {
    ObjectNode node = NODES.objectNode();
    node.put("type", format.type().name());
    if (format.type() == ResponseFormat.Type.JSON_SCHEMA) {
      node.put("name", format.name());
      node.set("schema", format.schema());
      node.put("strict", format.strict());
    }
    return node;
  }

  public static JsonNode options(ChatOptions options) {
    ObjectNode node = NODES.objectNode();
    if (options.temperature() != null) {
      node.put("temperature", options.temperature());
    }
    if (options.topP() != null) {
      node.put("top_p", options.topP());
    }
    if (options.maxTokens() != null) {
      node.put("max_tokens", options.maxTokens());
    }
    if (options.seed() != null) {
      node.put("seed", options.seed());
    }
    if (!options.stop().isEmpty()) {
      node.set("stop", strings(options.stop()));
    }
    if (!options.extra().isEmpty()) {
      node.set("extra", JSON.valueToTree(options.extra()));
    }
    return node;
  }

  public static JsonNode response(ChatResponse response) {
    ObjectNode node = NODES.objectNode();
    node.set("message", message(response.message()));
    node.put("finish_reason", response.finishReason().name());
    putText(node, "raw_finish_reason", response.rawFinishReason());
    node.set("usage", usage(response.usage()));
    putText(node, "model", response.model());
    putText(node, "response_id", response.responseId());
    node.put("latency", response.latency().toString());
    if (!response.retries().isEmpty()) {
      node.set("retries", array(response.retries(), JsonWriting::retry));
    }
    if (!response.tokens().isEmpty()) {
      node.set("tokens", tokens(response.tokens()));
    }
    return node;
  }

  public static JsonNode retry(RetryAttempt retry) {
    ObjectNode node = NODES.objectNode();
    node.put("attempt", retry.attempt());
    node.put("error", retry.error());
    node.put("error_type", retry.errorType());
    node.put("status_code", retry.statusCode());
    node.put("delay", retry.delay().toString());
    return node;
  }

  public static JsonNode tokens(TokenTrace tokens) {
    ObjectNode node = NODES.objectNode();
    node.set("prompt_token_ids", JSON.valueToTree(tokens.promptTokenIds()));
    node.set("completion_token_ids", JSON.valueToTree(tokens.completionTokenIds()));
    node.set("completion_tokens", strings(tokens.completionTokens()));
    node.set("logprobs", JSON.valueToTree(tokens.logprobs()));
    return node;
  }

  public static JsonNode toolExecution(ToolExecution execution) {
    ObjectNode node = NODES.objectNode();
    node.set("call", toolCall(execution.call()));
    ObjectNode result = node.putObject("result");
    result.put("content", execution.result().content());
    result.set("sources", array(execution.result().sources(), JsonWriting::source));
    result.put("error", execution.result().error());
    node.put("status", execution.status().name());
    node.set("source_ids", strings(execution.sourceIds()));
    node.put("started_at", execution.startedAt().toString());
    node.put("duration", execution.duration().toString());
    node.put("attempts", execution.attempts());
    node.put("truncated", execution.truncated());
    if (!execution.childRunIds().isEmpty()) {
      node.set("child_run_ids", strings(execution.childRunIds()));
    }
    return node;
  }

  public static JsonNode source(Source source) {
    ObjectNode node = NODES.objectNode();
    putText(node, "id", source.id());
    node.put("kind", source.kind().name());
    node.put("url", source.url());
    putText(node, "title", source.title());
    node.set("excerpts", strings(source.excerpts()));
    if (!source.attributes().isEmpty()) {
      node.set("attributes", JSON.valueToTree(new LinkedHashMap<>(source.attributes())));
    }
    return node;
  }

  public static JsonNode outcome(Outcome outcome) {
    ObjectNode node = NODES.objectNode();
    node.put("answer", outcome.answer());
    node.put("report", outcome.report());
    node.set("sources", array(outcome.sources(), JsonWriting::source));
    node.set("citations", array(outcome.citations(), JsonWriting::citation));
    node.put("stop_reason", outcome.stopReason().name());
    putText(node, "error", outcome.error());
    if (!outcome.warnings().isEmpty()) {
      node.set("warnings", array(outcome.warnings(), JsonWriting::warning));
    }
    return node;
  }

  public static JsonNode warning(Warning warning) {
    return NODES.objectNode().put("kind", warning.kind().name()).put("message", warning.message());
  }

  public static JsonNode citation(Citation citation) {
    ObjectNode node = NODES.objectNode();
    node.put("source_id", citation.sourceId());
    node.put("claim", citation.claim());
    node.put("support", citation.support().name());
    putText(node, "note", citation.note());
    return node;
  }

  public static JsonNode totals(RunTotals totals) {
    ObjectNode node = NODES.objectNode();
    node.set("usage", usage(totals.usage()));
    node.put("steps", totals.steps());
    node.put("model_calls", totals.modelCalls());
    node.put("tool_calls", totals.toolCalls());
    node.put("failed_tool_calls", totals.failedToolCalls());
    node.put("sources", totals.sources());
    node.put("elapsed", totals.elapsed().toString());
    return node;
  }

  public static JsonNode grade(Grade grade) {
    ObjectNode node = NODES.objectNode();
    node.put("grader", grade.grader());
    putText(node, "judge_model", grade.judgeModel());
    node.put("label", grade.label().name());
    node.put("score", grade.score());
    putText(node, "extracted_answer", grade.extractedAnswer());
    putText(node, "explanation", grade.explanation());
    if (Double.isNaN(grade.confidence())) {
      node.putNull("confidence");
    } else {
      node.put("confidence", grade.confidence());
    }
    return node;
  }

  public static JsonNode reward(Reward reward) {
    ObjectNode node = NODES.objectNode();
    node.put("value", reward.value());
    node.set("components", JSON.valueToTree(reward.components()));
    putText(node, "source", reward.source());
    return node;
  }
}
