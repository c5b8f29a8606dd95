package dev.researcher4j.core.trajectory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelCall;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.ResponseFormat;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.Reward;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.RunTotals;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.TokenTrace;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolChoice;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.api.Usage;
import dev.researcher4j.api.Warning;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Encodes trajectories as JSON lines and decodes them back: the {@value TrajectoryHeader#SCHEMA_V1}
 * format.
 *
 * <h2>Format</h2>
 *
 * <p>A trajectory file is UTF-8 text with one JSON object per line, in this order:
 *
 * <ol>
 *   <li>one <b>header</b> line: {@code {"type":"header","schema":"researcher4j.trajectory/v1",
 *       "run_id", "parent_run_id", "task", "model", "tools", "budget", "sdk_version",
 *       "started_at"}};
 *   <li>one <b>step</b> line per step, as each step ends: {@code {"type":"step", "index", "kind",
 *       "started_at", "ended_at", "summary", "error", "usage", "data", "model_call",
 *       "tool_executions"}};
 *   <li>one <b>footer</b> line once the run ended: {@code {"type":"footer", "ended_at", "outcome",
 *       "totals", "grades", "reward"}}. A file without a footer is a run that did not finish
 *       (crashed or still running).
 * </ol>
 *
 * <p>A run that was resumed after its process died ({@code ResearchAgent.resume}) has a {@code
 * {"type":"resume", "at", "steps_kept", "downtime", "sdk_version"}} line between the steps the
 * first process recorded and those of the resuming one ({@link TrajectoryResume}).
 *
 * <p>The exact shape of each line is the JSON Schema {@value #SCHEMA_RESOURCE}, shipped in this jar
 * and documented field by field; {@link TrajectoryValidator} checks files against it and {@link
 * TrajectoryReader} validates what it loads.
 *
 * <p><b>Versions.</b> The header's {@code schema} is {@code researcher4j.trajectory/v1}. A later
 * <em>minor</em> version ({@code researcher4j.trajectory/v1.3}) may only add optional fields and
 * line types, so this reader loads it, ignoring what it does not know. A different <em>major</em>
 * version ({@code v2}) is refused with a message saying so.
 *
 * <p>Conventions: field names are {@code snake_case}; enums are written by their Java names ({@code
 * "MODEL"}, {@code "TOOL_CALLS"}); instants are ISO-8601 UTC strings and durations ISO-8601
 * durations ({@code "PT1.25S"}); absent strings may be omitted and read back as empty; budget
 * limits that mean "none" are {@code null}. Readers ignore fields and line types they do not know,
 * so later versions can add them.
 *
 * <p><b>Messages are stored incrementally.</b> A model call's {@code request} normally extends an
 * earlier call's conversation, so writing every request in full would make files quadratic in the
 * number of steps. A request therefore holds either {@code "messages": [all messages]}, or {@code
 * "messages_base": i} plus {@code "messages": [the messages appended]}, meaning: the messages of
 * the request of step {@code i}, followed by these. The full list is written when the history was
 * rewritten ({@code "history_rewritten": true}, after compaction) or no earlier request is a
 * prefix. Likewise {@code "tools": "header"} stands for the header's tool list.
 *
 * <p>Every message sent and received, every tool result in full, usage, latency, retries and token
 * ids/logprobs (when the server returned them) are recorded; nothing else is. In particular no API
 * key or HTTP header is part of any recorded type.
 *
 * <p>The codec itself is stateless and thread-safe; an {@link Encoder} or {@link Decoder} handles
 * one trajectory and is not thread-safe.
 */
public final class TrajectoryCodec {
  private TrajectoryCodec() {}

  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};

  /** Where the JSON Schema of the format is, on the class path. */
  public static final String SCHEMA_RESOURCE =
      "/dev/researcher4j/core/trajectory/trajectory-v1.schema.json";

  /** The major version this codec reads and writes. */
  public static final int MAJOR_VERSION = 1;

  private static final java.util.regex.Pattern SCHEMA_NAME =
      java.util.regex.Pattern.compile("researcher4j\\.trajectory/v(\\d+)(?:\\.(\\d+))?");

  /** How many recent requests an encoder compares a new request against. */
  private static final int BASE_CANDIDATES = 8;

  /** A new encoder for one trajectory. */
  public static Encoder newEncoder() {
    return new Encoder();
  }

  /** A new decoder for one trajectory. */
  public static Decoder newDecoder() {
    return new Decoder();
  }

  /** The lines of a whole trajectory (footer included when it has an outcome). */
  public static List<String> encode(Trajectory trajectory, Instant endedAt) {
    Encoder encoder = newEncoder();
    List<String> lines = new ArrayList<>();
    lines.add(encoder.header(trajectory.header()));
    trajectory.steps().forEach(step -> lines.add(encoder.step(step)));
    if (trajectory.outcome() != null) {
      lines.add(
          encoder.footer(
              new TrajectoryFooter(
                  endedAt,
                  trajectory.outcome(),
                  trajectory.totals(),
                  trajectory.grades(),
                  trajectory.reward())));
    }
    return lines;
  }

  /**
   * A trajectory from its lines.
   *
   * @throws IllegalArgumentException if a line is not valid or the header is missing
   */
  public static Trajectory decode(List<String> lines) {
    Decoder decoder = newDecoder();
    lines.forEach(decoder::accept);
    return decoder.trajectory();
  }

  /**
   * The minor version of a header's {@code schema} value: 0 for {@code researcher4j.trajectory/v1},
   * 3 for {@code researcher4j.trajectory/v1.3}.
   *
   * @throws IllegalArgumentException if it is not a researcher4j trajectory schema, or one of
   *     another major version; the message says which and what to do
   */
  public static int minorVersion(String schema) {
    java.util.regex.Matcher m = SCHEMA_NAME.matcher(schema == null ? "" : schema);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a researcher4j trajectory: schema is '"
              + schema
              + "', expected 'researcher4j.trajectory/v1'");
    }
    int major = Integer.parseInt(m.group(1));
    if (major != MAJOR_VERSION) {
      throw new IllegalArgumentException(
          "unsupported trajectory schema '"
              + schema
              + "': this reader understands major version "
              + MAJOR_VERSION
              + " (researcher4j.trajectory/v1 and its minor versions v1.N)"
              + (major > MAJOR_VERSION
                  ? "; read it with a newer researcher4j"
                  : "; convert it with the researcher4j version that wrote it"));
    }
    return m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
  }

  /** Turns one run's header, steps and footer into lines, remembering earlier requests. */
  public static final class Encoder {
    private final Deque<Map.Entry<Integer, List<Message>>> recent = new ArrayDeque<>();
    private List<ToolSpec> headerTools = List.of();

    private Encoder() {}

    /** The header line. */
    public String header(TrajectoryHeader header) {
      headerTools = header.tools();
      ObjectNode node = NODES.objectNode();
      node.put("type", "header");
      node.put("schema", header.schema());
      node.put("run_id", header.runId());
      node.put("parent_run_id", header.parentRunId());
      node.set("task", task(header.task()));
      node.set("model", modelInfo(header.model()));
      node.set("tools", array(header.tools(), TrajectoryCodec::toolSpec));
      node.set("budget", budget(header.budget()));
      node.put("sdk_version", header.sdkVersion());
      node.put("started_at", header.startedAt().toString());
      return write(node);
    }

    /** A step line. */
    public String step(Step step) {
      ObjectNode node = NODES.objectNode();
      node.put("type", "step");
      node.put("index", step.index());
      node.put("kind", step.kind().name());
      node.put("started_at", step.startedAt().toString());
      node.put("ended_at", step.endedAt().toString());
      putText(node, "summary", step.summary());
      putText(node, "error", step.error());
      node.set("usage", usage(step.usage()));
      if (!step.data().isNull()) {
        node.set("data", step.data());
      }
      if (step.modelCall() != null) {
        node.set("model_call", modelCall(step.index(), step.modelCall()));
      }
      if (!step.toolExecutions().isEmpty()) {
        node.set("tool_executions", array(step.toolExecutions(), TrajectoryCodec::toolExecution));
      }
      return write(node);
    }

    /**
     * Prepares this encoder to continue a trajectory whose header and {@code steps} were written
     * earlier (by another encoder or process), so that later requests can still be stored as
     * extensions of theirs. Writes nothing.
     */
    public void continueAfter(TrajectoryHeader header, List<Step> steps) {
      headerTools = header.tools();
      recent.clear();
      for (Step step : steps) {
        if (step.modelCall() != null) {
          remember(step.index(), step.modelCall().request().messages());
        }
      }
    }

    /** A resume line. */
    public String resume(TrajectoryResume resume) {
      ObjectNode node = NODES.objectNode();
      node.put("type", "resume");
      node.put("at", resume.at().toString());
      node.put("steps_kept", resume.stepsKept());
      node.put("downtime", resume.downtime().toString());
      putText(node, "sdk_version", resume.sdkVersion());
      return write(node);
    }

    /** The footer line. */
    public String footer(TrajectoryFooter footer) {
      ObjectNode node = NODES.objectNode();
      node.put("type", "footer");
      node.put("ended_at", footer.endedAt().toString());
      node.set("outcome", outcome(footer.outcome()));
      node.set("totals", totals(footer.totals()));
      node.set("grades", array(footer.grades(), TrajectoryCodec::grade));
      node.set("reward", footer.reward() == null ? NODES.nullNode() : reward(footer.reward()));
      return write(node);
    }

    private ObjectNode modelCall(int index, ModelCall call) {
      ObjectNode node = NODES.objectNode();
      node.put("history_rewritten", call.historyRewritten());
      ChatRequest request = call.request();
      ObjectNode req = node.putObject("request");
      List<Message> messages = request.messages();
      Integer base = call.historyRewritten() ? null : baseFor(messages);
      if (base == null) {
        req.set("messages", array(messages, TrajectoryCodec::message));
      } else {
        int baseSize = sizeOf(base);
        req.put("messages_base", base);
        req.set(
            "messages",
            array(messages.subList(baseSize, messages.size()), TrajectoryCodec::message));
      }
      remember(index, messages);
      if (request.tools().equals(headerTools) && !headerTools.isEmpty()) {
        req.put("tools", "header");
      } else {
        req.set("tools", array(request.tools(), TrajectoryCodec::toolSpec));
      }
      req.set("tool_choice", toolChoice(request.toolChoice()));
      if (request.parallelToolCalls() != null) {
        req.put("parallel_tool_calls", request.parallelToolCalls());
      }
      req.set("response_format", responseFormat(request.responseFormat()));
      req.set("options", options(request.options()));
      node.set("response", response(call.response()));
      return node;
    }

    private Integer baseFor(List<Message> messages) {
      for (Iterator<Map.Entry<Integer, List<Message>>> it = recent.descendingIterator();
          it.hasNext(); ) {
        Map.Entry<Integer, List<Message>> candidate = it.next();
        List<Message> earlier = candidate.getValue();
        if (earlier.size() <= messages.size()
            && !earlier.isEmpty()
            && messages.subList(0, earlier.size()).equals(earlier)) {
          return candidate.getKey();
        }
      }
      return null;
    }

    private int sizeOf(int index) {
      for (Map.Entry<Integer, List<Message>> entry : recent) {
        if (entry.getKey() == index) {
          return entry.getValue().size();
        }
      }
      throw new IllegalStateException("no remembered request of step " + index);
    }

    private void remember(int index, List<Message> messages) {
      recent.addLast(Map.entry(index, messages));
      if (recent.size() > BASE_CANDIDATES) {
        recent.removeFirst();
      }
    }
  }

  /** Reads one trajectory's lines back, resolving incremental messages. */
  public static final class Decoder {
    private final Map<Integer, List<Message>> requestMessages = new HashMap<>();
    private TrajectoryHeader header;
    private final List<Step> steps = new ArrayList<>();
    private final List<TrajectoryResume> resumes = new ArrayList<>();
    private TrajectoryFooter footer;

    private Decoder() {}

    /**
     * Reads one line; blank lines and lines of unknown type are ignored.
     *
     * @throws IllegalArgumentException if the line is not valid
     */
    public void accept(String line) {
      if (line.isBlank()) {
        return;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("not a JSON line: " + e.getOriginalMessage(), e);
      }
      accept(node);
    }

    /**
     * Reads one line already parsed; lines of unknown type are ignored.
     *
     * @throws IllegalArgumentException if the line is not valid
     */
    public void accept(JsonNode node) {
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("a trajectory line must be a JSON object");
      }
      try {
        switch (node.path("type").asText()) {
          case "header" -> header = readHeader(node);
          case "step" -> {
            requireHeader();
            steps.add(readStep(node));
          }
          case "footer" -> {
            requireHeader();
            footer = readFooter(node);
          }
          case "resume" -> {
            requireHeader();
            resumes.add(readResume(node));
          }
          default -> {
            // A line type from a later version: skip it.
          }
        }
      } catch (RuntimeException e) {
        if (e instanceof IllegalArgumentException) {
          throw e;
        }
        throw new IllegalArgumentException(
            "invalid " + node.path("type").asText() + " line: " + e, e);
      }
    }

    /** Whether a header was read. */
    public boolean hasHeader() {
      return header != null;
    }

    /** How many steps were read. */
    public int stepCount() {
      return steps.size();
    }

    /** The resume lines read, in order. */
    public List<TrajectoryResume> resumes() {
      return List.copyOf(resumes);
    }

    /** The footer, when one was read. */
    public Optional<TrajectoryFooter> footer() {
      return Optional.ofNullable(footer);
    }

    /**
     * The trajectory read so far. Without a footer it has no outcome, and its totals are computed
     * from the steps.
     *
     * @throws IllegalArgumentException if no header was read
     */
    public Trajectory trajectory() {
      requireHeader();
      if (footer == null) {
        Instant end = steps.isEmpty() ? header.startedAt() : steps.get(steps.size() - 1).endedAt();
        int sources =
            (int)
                steps.stream()
                    .flatMap(s -> s.toolExecutions().stream())
                    .flatMap(e -> e.sourceIds().stream())
                    .distinct()
                    .count();
        return new Trajectory(
            header,
            steps,
            null,
            RunTotals.of(steps, sources, Duration.between(header.startedAt(), end)),
            List.of(),
            null);
      }
      return new Trajectory(
          header, steps, footer.outcome(), footer.totals(), footer.grades(), footer.reward());
    }

    private void requireHeader() {
      if (header == null) {
        throw new IllegalArgumentException("the first line of a trajectory must be its header");
      }
    }

    private Step readStep(JsonNode node) {
      int index = node.path("index").asInt();
      ModelCall modelCall = null;
      if (node.hasNonNull("model_call")) {
        modelCall = readModelCall(index, node.get("model_call"));
      }
      return new Step(
          index,
          StepKind.valueOf(node.path("kind").asText()),
          instant(node.get("started_at")),
          instant(node.get("ended_at")),
          modelCall,
          list(node.get("tool_executions"), TrajectoryCodec::readToolExecution),
          readUsage(node.get("usage")),
          text(node, "summary"),
          node.hasNonNull("data") ? node.get("data") : null,
          text(node, "error"));
    }

    private ModelCall readModelCall(int index, JsonNode node) {
      JsonNode req = node.path("request");
      List<Message> messages = new ArrayList<>();
      if (req.hasNonNull("messages_base")) {
        int base = req.get("messages_base").asInt();
        List<Message> earlier = requestMessages.get(base);
        if (earlier == null) {
          throw new IllegalArgumentException(
              "step " + index + " refers to the messages of step " + base + ", which has none");
        }
        messages.addAll(earlier);
      }
      messages.addAll(list(req.get("messages"), TrajectoryCodec::readMessage));
      requestMessages.put(index, List.copyOf(messages));
      JsonNode toolsNode = req.get("tools");
      List<ToolSpec> tools =
          toolsNode != null && toolsNode.isTextual() && "header".equals(toolsNode.asText())
              ? header.tools()
              : list(toolsNode, TrajectoryCodec::readToolSpec);
      ChatRequest request =
          new ChatRequest(
              messages,
              tools,
              readToolChoice(req.get("tool_choice")),
              req.hasNonNull("parallel_tool_calls")
                  ? req.get("parallel_tool_calls").asBoolean()
                  : null,
              readResponseFormat(req.get("response_format")),
              readOptions(req.get("options")));
      return new ModelCall(
          request,
          readResponse(node.path("response")),
          node.path("history_rewritten").asBoolean(false));
    }

    private static TrajectoryResume readResume(JsonNode node) {
      return new TrajectoryResume(
          instant(node.get("at")),
          node.path("steps_kept").asInt(),
          node.hasNonNull("downtime") ? Duration.parse(node.get("downtime").asText()) : null,
          text(node, "sdk_version"));
    }

    private TrajectoryFooter readFooter(JsonNode node) {
      JsonNode reward = node.get("reward");
      return new TrajectoryFooter(
          instant(node.get("ended_at")),
          readOutcome(node.path("outcome")),
          readTotals(node.path("totals")),
          list(node.get("grades"), TrajectoryCodec::readGrade),
          reward == null || reward.isNull() ? null : readReward(reward));
    }
  }

  // ---------------------------------------------------------------- writing

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write trajectory JSON", e);
    }
  }

  private static <T> ArrayNode array(List<T> values, Function<T, JsonNode> encode) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(v -> array.add(encode.apply(v)));
    return array;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }

  private static void putText(ObjectNode node, String name, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(name, value);
    }
  }

  private static JsonNode task(Task task) {
    ObjectNode node = NODES.objectNode();
    node.put("id", task.id());
    node.put("question", task.question());
    node.put("instructions", task.instructions());
    node.put("output_format", task.outputFormat());
    node.put("attempt", task.attempt());
    node.put("group_id", task.groupId());
    node.set("metadata", JSON.valueToTree(task.metadata()));
    return node;
  }

  private static JsonNode modelInfo(ModelInfo info) {
    ObjectNode node = NODES.objectNode();
    node.put("provider", info.provider());
    node.put("model", info.model());
    node.put("context_window", info.contextWindow());
    node.set("parameters", JSON.valueToTree(info.parameters()));
    return node;
  }

  private static JsonNode toolSpec(ToolSpec spec) {
    ObjectNode node = NODES.objectNode();
    node.put("name", spec.name());
    node.put("description", spec.description());
    node.set("parameters", spec.parameters());
    return node;
  }

  private static JsonNode budget(Budget budget) {
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

  private static void limit(ObjectNode node, String name, long value) {
    if (value == Long.MAX_VALUE) {
      node.putNull(name);
    } else {
      node.put(name, value);
    }
  }

  private static JsonNode usage(Usage usage) {
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

  private static JsonNode message(Message message) {
    ObjectNode node = NODES.objectNode();
    node.put("role", message.role().name());
    node.put("content", message.content());
    putText(node, "reasoning", message.reasoning());
    if (!message.toolCalls().isEmpty()) {
      node.set("tool_calls", array(message.toolCalls(), TrajectoryCodec::toolCall));
    }
    putText(node, "tool_call_id", message.toolCallId());
    putText(node, "name", message.name());
    if (!message.providerData().isEmpty()) {
      node.set("provider_data", message.providerData());
    }
    return node;
  }

  private static JsonNode toolCall(ToolCall call) {
    ObjectNode node = NODES.objectNode();
    node.put("id", call.id());
    node.put("name", call.name());
    node.put("arguments", call.arguments());
    return node;
  }

  private static JsonNode toolChoice(ToolChoice choice) {
    ObjectNode node = NODES.objectNode();
    node.put("mode", choice.mode().name());
    putText(node, "tool_name", choice.toolName());
    return node;
  }

  private static JsonNode responseFormat(ResponseFormat format) {
    ObjectNode node = NODES.objectNode();
    node.put("type", format.type().name());
    if (format.type() == ResponseFormat.Type.JSON_SCHEMA) {
      node.put("name", format.name());
      node.set("schema", format.schema());
      node.put("strict", format.strict());
    }
    return node;
  }

  private static JsonNode options(ChatOptions options) {
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

  private static JsonNode response(ChatResponse response) {
    ObjectNode node = NODES.objectNode();
    node.set("message", message(response.message()));
    node.put("finish_reason", response.finishReason().name());
    putText(node, "raw_finish_reason", response.rawFinishReason());
    node.set("usage", usage(response.usage()));
    putText(node, "model", response.model());
    putText(node, "response_id", response.responseId());
    node.put("latency", response.latency().toString());
    if (!response.retries().isEmpty()) {
      node.set("retries", array(response.retries(), TrajectoryCodec::retry));
    }
    if (!response.tokens().isEmpty()) {
      node.set("tokens", tokens(response.tokens()));
    }
    return node;
  }

  private static JsonNode retry(RetryAttempt retry) {
    ObjectNode node = NODES.objectNode();
    node.put("attempt", retry.attempt());
    node.put("error", retry.error());
    node.put("error_type", retry.errorType());
    node.put("status_code", retry.statusCode());
    node.put("delay", retry.delay().toString());
    return node;
  }

  private static JsonNode tokens(TokenTrace tokens) {
    ObjectNode node = NODES.objectNode();
    node.set("prompt_token_ids", JSON.valueToTree(tokens.promptTokenIds()));
    node.set("completion_token_ids", JSON.valueToTree(tokens.completionTokenIds()));
    node.set("completion_tokens", strings(tokens.completionTokens()));
    node.set("logprobs", JSON.valueToTree(tokens.logprobs()));
    return node;
  }

  private static JsonNode toolExecution(ToolExecution execution) {
    ObjectNode node = NODES.objectNode();
    node.set("call", toolCall(execution.call()));
    ObjectNode result = node.putObject("result");
    result.put("content", execution.result().content());
    result.set("sources", array(execution.result().sources(), TrajectoryCodec::source));
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

  private static JsonNode source(Source source) {
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

  private static JsonNode outcome(Outcome outcome) {
    ObjectNode node = NODES.objectNode();
    node.put("answer", outcome.answer());
    node.put("report", outcome.report());
    node.set("sources", array(outcome.sources(), TrajectoryCodec::source));
    node.set("citations", array(outcome.citations(), TrajectoryCodec::citation));
    node.put("stop_reason", outcome.stopReason().name());
    putText(node, "error", outcome.error());
    if (!outcome.warnings().isEmpty()) {
      node.set("warnings", array(outcome.warnings(), TrajectoryCodec::warning));
    }
    return node;
  }

  private static JsonNode warning(Warning warning) {
    return NODES.objectNode().put("kind", warning.kind().name()).put("message", warning.message());
  }

  private static JsonNode citation(Citation citation) {
    ObjectNode node = NODES.objectNode();
    node.put("source_id", citation.sourceId());
    node.put("claim", citation.claim());
    node.put("support", citation.support().name());
    putText(node, "note", citation.note());
    return node;
  }

  private static JsonNode totals(RunTotals totals) {
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

  private static JsonNode grade(Grade grade) {
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

  private static JsonNode reward(Reward reward) {
    ObjectNode node = NODES.objectNode();
    node.put("value", reward.value());
    node.set("components", JSON.valueToTree(reward.components()));
    putText(node, "source", reward.source());
    return node;
  }

  // ---------------------------------------------------------------- reading

  private static TrajectoryHeader readHeader(JsonNode node) {
    String schema = node.path("schema").asText();
    minorVersion(schema);
    return new TrajectoryHeader(
        schema,
        node.path("run_id").asText(),
        text(node, "parent_run_id"),
        readTask(node.path("task")),
        readModelInfo(node.path("model")),
        list(node.get("tools"), TrajectoryCodec::readToolSpec),
        readBudget(node.path("budget")),
        text(node, "sdk_version"),
        instant(node.get("started_at")));
  }

  private static Task readTask(JsonNode node) {
    return new Task(
        node.path("id").asText(),
        node.path("question").asText(),
        text(node, "instructions"),
        text(node, "output_format"),
        node.path("attempt").asInt(1),
        text(node, "group_id"),
        stringMap(node.get("metadata")));
  }

  private static ModelInfo readModelInfo(JsonNode node) {
    return new ModelInfo(
        text(node, "provider"),
        text(node, "model"),
        node.path("context_window").asInt(ModelInfo.DEFAULT_CONTEXT_WINDOW),
        objectMap(node.get("parameters")));
  }

  private static ToolSpec readToolSpec(JsonNode node) {
    JsonNode parameters = node.get("parameters");
    return new ToolSpec(
        node.path("name").asText(),
        text(node, "description"),
        parameters instanceof ObjectNode object ? object : null);
  }

  private static Budget readBudget(JsonNode node) {
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

  private static long readLimit(JsonNode node, String name) {
    return node.hasNonNull(name) ? node.get(name).asLong() : Long.MAX_VALUE;
  }

  private static Usage readUsage(JsonNode node) {
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

  private static Message readMessage(JsonNode node) {
    return new Message(
        Role.valueOf(node.path("role").asText()),
        text(node, "content"),
        text(node, "reasoning"),
        list(node.get("tool_calls"), TrajectoryCodec::readToolCall),
        text(node, "tool_call_id"),
        text(node, "name"),
        node.get("provider_data") instanceof ObjectNode data ? data : null);
  }

  private static ToolCall readToolCall(JsonNode node) {
    return new ToolCall(text(node, "id"), text(node, "name"), text(node, "arguments"));
  }

  private static ToolChoice readToolChoice(JsonNode node) {
    if (node == null || node.isNull()) {
      return ToolChoice.AUTO;
    }
    return new ToolChoice(
        ToolChoice.Mode.valueOf(node.path("mode").asText("AUTO")), text(node, "tool_name"));
  }

  private static ResponseFormat readResponseFormat(JsonNode node) {
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

  private static ChatOptions readOptions(JsonNode node) {
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

  private static ChatResponse readResponse(JsonNode node) {
    return new ChatResponse(
        readMessage(node.path("message")),
        FinishReason.valueOf(node.path("finish_reason").asText("OTHER")),
        text(node, "raw_finish_reason"),
        readUsage(node.get("usage")),
        text(node, "model"),
        text(node, "response_id"),
        node.hasNonNull("latency") ? Duration.parse(node.get("latency").asText()) : Duration.ZERO,
        list(node.get("retries"), TrajectoryCodec::readRetry),
        node.hasNonNull("tokens") ? readTokens(node.get("tokens")) : null);
  }

  private static RetryAttempt readRetry(JsonNode node) {
    return new RetryAttempt(
        node.path("attempt").asInt(1),
        text(node, "error"),
        text(node, "error_type"),
        node.path("status_code").asInt(),
        Duration.parse(node.path("delay").asText("PT0S")));
  }

  private static TokenTrace readTokens(JsonNode node) {
    return new TokenTrace(
        list(node.get("prompt_token_ids"), JsonNode::asInt),
        list(node.get("completion_token_ids"), JsonNode::asInt),
        list(node.get("completion_tokens"), JsonNode::asText),
        list(node.get("logprobs"), JsonNode::asDouble));
  }

  private static ToolExecution readToolExecution(JsonNode node) {
    JsonNode result = node.path("result");
    return new ToolExecution(
        readToolCall(node.path("call")),
        new ToolResult(
            text(result, "content"),
            list(result.get("sources"), TrajectoryCodec::readSource),
            result.path("error").asBoolean()),
        ToolExecution.Status.valueOf(node.path("status").asText()),
        list(node.get("source_ids"), JsonNode::asText),
        instant(node.get("started_at")),
        node.hasNonNull("duration") ? Duration.parse(node.get("duration").asText()) : Duration.ZERO,
        node.path("attempts").asInt(),
        node.path("truncated").asBoolean(),
        list(node.get("child_run_ids"), JsonNode::asText));
  }

  private static Source readSource(JsonNode node) {
    return new Source(
        text(node, "id"),
        Source.Kind.valueOf(node.path("kind").asText("WEB")),
        node.path("url").asText(),
        text(node, "title"),
        list(node.get("excerpts"), JsonNode::asText),
        stringMap(node.get("attributes")));
  }

  private static Outcome readOutcome(JsonNode node) {
    return new Outcome(
        text(node, "answer"),
        text(node, "report"),
        list(node.get("sources"), TrajectoryCodec::readSource),
        list(node.get("citations"), TrajectoryCodec::readCitation),
        StopReason.valueOf(node.path("stop_reason").asText()),
        text(node, "error"),
        list(node.get("warnings"), TrajectoryCodec::readWarning));
  }

  private static Warning readWarning(JsonNode node) {
    String kind = node.path("kind").asText();
    // A kind this version does not know (written by a newer one) is kept as OTHER, not refused.
    Warning.Kind known =
        java.util.Arrays.stream(Warning.Kind.values())
            .filter(k -> k.name().equals(kind))
            .findFirst()
            .orElse(Warning.Kind.OTHER);
    return new Warning(known, node.path("message").asText(kind));
  }

  private static Citation readCitation(JsonNode node) {
    return new Citation(
        text(node, "source_id"),
        text(node, "claim"),
        Citation.Support.valueOf(node.path("support").asText()),
        text(node, "note"));
  }

  private static RunTotals readTotals(JsonNode node) {
    return new RunTotals(
        readUsage(node.get("usage")),
        node.path("steps").asInt(),
        node.path("model_calls").asInt(),
        node.path("tool_calls").asInt(),
        node.path("failed_tool_calls").asInt(),
        node.path("sources").asInt(),
        node.hasNonNull("elapsed") ? Duration.parse(node.get("elapsed").asText()) : Duration.ZERO);
  }

  private static Grade readGrade(JsonNode node) {
    return new Grade(
        node.path("grader").asText(),
        text(node, "judge_model"),
        Grade.Label.valueOf(node.path("label").asText()),
        node.path("score").asDouble(),
        text(node, "extracted_answer"),
        text(node, "explanation"),
        node.hasNonNull("confidence") ? node.get("confidence").asDouble() : Double.NaN);
  }

  private static Reward readReward(JsonNode node) {
    Map<String, Double> components = new LinkedHashMap<>();
    node.path("components")
        .properties()
        .forEach(e -> components.put(e.getKey(), e.getValue().asDouble()));
    return new Reward(node.path("value").asDouble(), components, text(node, "source"));
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? "" : value.asText();
  }

  private static Instant instant(JsonNode node) {
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException("a timestamp is missing");
    }
    return Instant.parse(node.asText());
  }

  private static <T> List<T> list(JsonNode node, Function<JsonNode, T> read) {
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

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }

  private static Map<String, Object> objectMap(JsonNode node) {
    if (node == null || !node.isObject()) {
      return Map.of();
    }
    Map<String, Object> map = new LinkedHashMap<>(JSON.convertValue(node, OBJECT_MAP));
    map.values().removeIf(java.util.Objects::isNull);
    return map;
  }
}
