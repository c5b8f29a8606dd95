package dev.researcher4j.core.internal.trajectory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.ResponseFormat;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.Reward;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.RunTotals;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.TokenTrace;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolChoice;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.api.Usage;
import dev.researcher4j.api.Warning;
import dev.researcher4j.core.trajectory.TrajectoryCodec;
import dev.researcher4j.core.trajectory.TrajectoryFooter;
import dev.researcher4j.core.trajectory.TrajectoryResume;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** How the values of a trajectory line are read back from JSON (see {@code TrajectoryCodec}). */
public final class JsonReading {
  private JsonReading() {}

  static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};

  public static TrajectoryHeader readHeader(JsonNode node) {
    String schema = node.path("schema").asText();
    minorVersion(schema, TrajectoryCodec.MAJOR_VERSION);
    return new TrajectoryHeader(
        schema,
        node.path("run_id").asText(),
        text(node, "parent_run_id"),
        readTask(node.path("task")),
        readModelInfo(node.path("model")),
        list(node.get("tools"), JsonReading::readToolSpec),
        readBudget(node.path("budget")),
        text(node, "sdk_version"),
        instant(node.get("started_at")));
  }

  public static Task readTask(JsonNode node) {
    return new Task(
        node.path("id").asText(),
        node.path("question").asText(),
        text(node, "instructions"),
        text(node, "output_format"),
        node.path("attempt").asInt(1),
        text(node, "group_id"),
        stringMap(node.get("metadata")),
        node.get("output_schema") instanceof ObjectNode schema ? schema : null);
  }

  public static ModelInfo readModelInfo(JsonNode node) {
    return new ModelInfo(
        text(node, "provider"),
        text(node, "model"),
        node.path("context_window").asInt(ModelInfo.DEFAULT_CONTEXT_WINDOW),
        objectMap(node.get("parameters")));
  }

  public static ToolSpec readToolSpec(JsonNode node) {
    JsonNode parameters = node.get("parameters");
    return new ToolSpec(
        node.path("name").asText(),
        text(node, "description"),
        parameters instanceof ObjectNode object ? object : null);
  }

  public static Budget readBudget(JsonNode node) {
    return new Budget(
        readLimit(node, "max_steps"),
        readLimit(node, "max_tool_calls"),
        readLimit(node, "max_input_tokens"),
        readLimit(node, "max_output_tokens"),
        node.hasNonNull("max_cost_usd")
            ? node.get("max_cost_usd").asDouble()
            : Double.POSITIVE_INFINITY,
        node.hasNonNull("max_time")
            ? Duration.parse(node.get("max_time").asText())
            : Budget.NO_TIME_LIMIT,
        node.path("warn_fraction").asDouble(Budget.DEFAULT_WARN_FRACTION));
  }

  public static long readLimit(JsonNode node, String name) {
    return node.hasNonNull(name) ? node.get(name).asLong() : Long.MAX_VALUE;
  }

  public static Usage readUsage(JsonNode node) {
    if (node == null || node.isNull()) {
      return Usage.ZERO;
    }
    return new Usage(
        node.path("input_tokens").asLong(),
        node.path("output_tokens").asLong(),
        node.path("cached_input_tokens").asLong(),
        node.path("reasoning_tokens").asLong(),
        node.path("cost_usd").asDouble(),
        node.path("cache_write_input_tokens").asLong());
  }

  public static Message readMessage(JsonNode node) {
    return new Message(
        Role.valueOf(node.path("role").asText()),
        text(node, "content"),
        text(node, "reasoning"),
        list(node.get("tool_calls"), JsonReading::readToolCall),
        text(node, "tool_call_id"),
        text(node, "name"),
        node.get("provider_data") instanceof ObjectNode data ? data : null);
  }

  public static ToolCall readToolCall(JsonNode node) {
    return new ToolCall(text(node, "id"), text(node, "name"), text(node, "arguments"));
  }

  public static ToolChoice readToolChoice(JsonNode node) {
    if (node == null || node.isNull()) {
      return ToolChoice.AUTO;
    }
    return new ToolChoice(
        ToolChoice.Mode.valueOf(node.path("mode").asText("AUTO")), text(node, "tool_name"));
  }

  public static ResponseFormat readResponseFormat(JsonNode node) {
    if (node == null || node.isNull()) {
      return ResponseFormat.TEXT;
    }
    ResponseFormat.Type type = ResponseFormat.Type.valueOf(node.path("type").asText("TEXT"));
    return switch (type) {
      case TEXT -> ResponseFormat.TEXT;
      case JSON_OBJECT -> ResponseFormat.JSON_OBJECT;
      case JSON_SCHEMA ->
          new ResponseFormat(
              type,
              text(node, "name"),
              (ObjectNode) node.get("schema"),
              node.path("strict").asBoolean());
    };
  }

  public static ChatOptions readOptions(JsonNode node) {
    if (node == null || node.isNull()) {
      return ChatOptions.NONE;
    }
    return new ChatOptions(
        node.hasNonNull("temperature") ? node.get("temperature").asDouble() : null,
        node.hasNonNull("top_p") ? node.get("top_p").asDouble() : null,
        node.hasNonNull("max_tokens") ? node.get("max_tokens").asInt() : null,
        node.hasNonNull("seed") ? node.get("seed").asLong() : null,
        list(node.get("stop"), JsonNode::asText),
        objectMap(node.get("extra")));
  }

  public static ChatResponse readResponse(JsonNode node) {
    return new ChatResponse(
        readMessage(node.path("message")),
        FinishReason.valueOf(node.path("finish_reason").asText("OTHER")),
        text(node, "raw_finish_reason"),
        readUsage(node.get("usage")),
        text(node, "model"),
        text(node, "response_id"),
        node.hasNonNull("latency") ? Duration.parse(node.get("latency").asText()) : Duration.ZERO,
        list(node.get("retries"), JsonReading::readRetry),
        node.hasNonNull("tokens") ? readTokens(node.get("tokens")) : null);
  }

  public static RetryAttempt readRetry(JsonNode node) {
    return new RetryAttempt(
        node.path("attempt").asInt(1),
        text(node, "error"),
        text(node, "error_type"),
        node.path("status_code").asInt(),
        Duration.parse(node.path("delay").asText("PT0S")));
  }

  public static TokenTrace readTokens(JsonNode node) {
    return new TokenTrace(
        list(node.get("prompt_token_ids"), JsonNode::asInt),
        list(node.get("completion_token_ids"), JsonNode::asInt),
        list(node.get("completion_tokens"), JsonNode::asText),
        list(node.get("logprobs"), JsonNode::asDouble));
  }

  public static ToolExecution readToolExecution(JsonNode node) {
    JsonNode result = node.path("result");
    return new ToolExecution(
        readToolCall(node.path("call")),
        new ToolResult(
            text(result, "content"),
            list(result.get("sources"), JsonReading::readSource),
            result.path("error").asBoolean()),
        ToolExecution.Status.valueOf(node.path("status").asText()),
        list(node.get("source_ids"), JsonNode::asText),
        instant(node.get("started_at")),
        node.hasNonNull("duration") ? Duration.parse(node.get("duration").asText()) : Duration.ZERO,
        node.path("attempts").asInt(),
        node.path("truncated").asBoolean(),
        list(node.get("child_run_ids"), JsonNode::asText));
  }

  public static Source readSource(JsonNode node) {
    return new Source(
        text(node, "id"),
        Source.Kind.valueOf(node.path("kind").asText("WEB")),
        node.path("url").asText(),
        text(node, "title"),
        list(node.get("excerpts"), JsonNode::asText),
        stringMap(node.get("attributes")));
  }

  public static Outcome readOutcome(JsonNode node) {
    return new Outcome(
        text(node, "answer"),
        text(node, "report"),
        list(node.get("sources"), JsonReading::readSource),
        list(node.get("citations"), JsonReading::readCitation),
        StopReason.valueOf(node.path("stop_reason").asText()),
        text(node, "error"),
        list(node.get("warnings"), JsonReading::readWarning));
  }

  public static Warning readWarning(JsonNode node) {
    String kind = node.path("kind").asText();
    // A kind this version does not know (written by a newer one) is kept as OTHER, not refused.
    Warning.Kind known =
        java.util.Arrays.stream(Warning.Kind.values())
            .filter(k -> k.name().equals(kind))
            .findFirst()
            .orElse(Warning.Kind.OTHER);
    return new Warning(known, node.path("message").asText(kind));
  }

  public static Citation readCitation(JsonNode node) {
    return new Citation(
        text(node, "source_id"),
        text(node, "claim"),
        Citation.Support.valueOf(node.path("support").asText()),
        text(node, "note"));
  }

  public static RunTotals readTotals(JsonNode node) {
    return new RunTotals(
        readUsage(node.get("usage")),
        node.path("steps").asInt(),
        node.path("model_calls").asInt(),
        node.path("tool_calls").asInt(),
        node.path("failed_tool_calls").asInt(),
        node.path("sources").asInt(),
        node.hasNonNull("elapsed") ? Duration.parse(node.get("elapsed").asText()) : Duration.ZERO);
  }

  public static Grade readGrade(JsonNode node) {
    return new Grade(
        node.path("grader").asText(),
        text(node, "judge_model"),
        Grade.Label.valueOf(node.path("label").asText()),
        node.path("score").asDouble(),
        text(node, "extracted_answer"),
        text(node, "explanation"),
        node.hasNonNull("confidence") ? node.get("confidence").asDouble() : Double.NaN);
  }

  public static Reward readReward(JsonNode node) {
    Map<String, Double> components = new LinkedHashMap<>();
    node.path("components")
        .properties()
        .forEach(e -> components.put(e.getKey(), e.getValue().asDouble()));
    return new Reward(node.path("value").asDouble(), components, text(node, "source"));
  }

  public static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? "" : value.asText();
  }

  public static Instant instant(JsonNode node) {
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException("a timestamp is missing");
    }
    return Instant.parse(node.asText());
  }

  public static <T> List<T> list(JsonNode node, Function<JsonNode, T> read) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("expected a JSON array but found " + node.getNodeType());
    }
    List<T> values = new ArrayList<>();
    node.forEach(element -> values.add(read.apply(element)));
    return values;
  }

  public static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }

  public static Map<String, Object> objectMap(JsonNode node) {
    if (node == null || !node.isObject()) {
      return Map.of();
    }
    Map<String, Object> map = new LinkedHashMap<>(JSON.convertValue(node, OBJECT_MAP));
    map.values().removeIf(java.util.Objects::isNull);
    return map;
  }

  /** A resume line. */
  public static TrajectoryResume readResume(JsonNode node) {
    return new TrajectoryResume(
        JsonReading.instant(node.get("at")),
        node.path("steps_kept").asInt(),
        node.hasNonNull("downtime") ? Duration.parse(node.get("downtime").asText()) : null,
        JsonReading.text(node, "sdk_version"));
  }

  /** A footer line. */
  public static TrajectoryFooter readFooter(JsonNode node) {
    JsonNode reward = node.get("reward");
    return new TrajectoryFooter(
        JsonReading.instant(node.get("ended_at")),
        JsonReading.readOutcome(node.path("outcome")),
        JsonReading.readTotals(node.path("totals")),
        list(node.get("grades"), JsonReading::readGrade),
        reward == null || reward.isNull() ? null : JsonReading.readReward(reward));
  }

  private static final java.util.regex.Pattern SCHEMA_NAME =
      java.util.regex.Pattern.compile("researcher4j\\.trajectory/v(\\d+)(?:\\.(\\d+))?");

  /** The minor version of a header's schema name; see {@code TrajectoryCodec.minorVersion}. */
  public static int minorVersion(String schema, int majorVersion) {
    java.util.regex.Matcher m = SCHEMA_NAME.matcher(schema == null ? "" : schema);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a researcher4j trajectory: schema is '"
              + schema
              + "', expected 'researcher4j.trajectory/v1'");
    }
    int major = Integer.parseInt(m.group(1));
    if (major != majorVersion) {
      throw new IllegalArgumentException(
          "unsupported trajectory schema '"
              + schema
              + "': this reader understands major version "
              + majorVersion
              + " (researcher4j.trajectory/v1 and its minor versions v1.N)"
              + (major > majorVersion
                  ? "; read it with a newer researcher4j"
                  : "; convert it with the researcher4j version that wrote it"));
    }
    return m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
  }
}
