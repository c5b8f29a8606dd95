package dev.researcher4j.core.trajectory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelCall;
import dev.researcher4j.api.RunTotals;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.core.internal.trajectory.JsonReading;
import dev.researcher4j.core.internal.trajectory.JsonWriting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  /** Where the JSON Schema of the format is, on the class path. */
  public static final String SCHEMA_RESOURCE =
      "/dev/researcher4j/core/trajectory/trajectory-v1.schema.json";

  /** The major version this codec reads and writes. */
  public static final int MAJOR_VERSION = 1;

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
    return JsonReading.minorVersion(schema, MAJOR_VERSION);
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
      node.set("task", JsonWriting.task(header.task()));
      node.set("model", JsonWriting.modelInfo(header.model()));
      node.set("tools", JsonWriting.array(header.tools(), JsonWriting::toolSpec));
      node.set("budget", JsonWriting.budget(header.budget()));
      node.put("sdk_version", header.sdkVersion());
      node.put("started_at", header.startedAt().toString());
      return JsonWriting.write(node);
    }

    /** A step line. */
    public String step(Step step) {
      ObjectNode node = NODES.objectNode();
      node.put("type", "step");
      node.put("index", step.index());
      node.put("kind", step.kind().name());
      node.put("started_at", step.startedAt().toString());
      node.put("ended_at", step.endedAt().toString());
      JsonWriting.putText(node, "summary", step.summary());
      JsonWriting.putText(node, "error", step.error());
      node.set("usage", JsonWriting.usage(step.usage()));
      if (!step.data().isNull()) {
        node.set("data", step.data());
      }
      if (step.modelCall() != null) {
        node.set("model_call", modelCall(step.index(), step.modelCall()));
      }
      if (!step.toolExecutions().isEmpty()) {
        node.set(
            "tool_executions",
            JsonWriting.array(step.toolExecutions(), JsonWriting::toolExecution));
      }
      return JsonWriting.write(node);
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
      JsonWriting.putText(node, "sdk_version", resume.sdkVersion());
      return JsonWriting.write(node);
    }

    /** The footer line. */
    public String footer(TrajectoryFooter footer) {
      ObjectNode node = NODES.objectNode();
      node.put("type", "footer");
      node.put("ended_at", footer.endedAt().toString());
      node.set("outcome", JsonWriting.outcome(footer.outcome()));
      node.set("totals", JsonWriting.totals(footer.totals()));
      node.set("grades", JsonWriting.array(footer.grades(), JsonWriting::grade));
      node.set(
          "reward",
          footer.reward() == null ? NODES.nullNode() : JsonWriting.reward(footer.reward()));
      return JsonWriting.write(node);
    }

    private ObjectNode modelCall(int index, ModelCall call) {
      ObjectNode node = NODES.objectNode();
      node.put("history_rewritten", call.historyRewritten());
      ChatRequest request = call.request();
      ObjectNode req = node.putObject("request");
      List<Message> messages = request.messages();
      Integer base = call.historyRewritten() ? null : baseFor(messages);
      if (base == null) {
        req.set("messages", JsonWriting.array(messages, JsonWriting::message));
      } else {
        int baseSize = sizeOf(base);
        req.put("messages_base", base);
        req.set(
            "messages",
            JsonWriting.array(messages.subList(baseSize, messages.size()), JsonWriting::message));
      }
      remember(index, messages);
      if (request.tools().equals(headerTools) && !headerTools.isEmpty()) {
        req.put("tools", "header");
      } else {
        req.set("tools", JsonWriting.array(request.tools(), JsonWriting::toolSpec));
      }
      req.set("tool_choice", JsonWriting.toolChoice(request.toolChoice()));
      if (request.parallelToolCalls() != null) {
        req.put("parallel_tool_calls", request.parallelToolCalls());
      }
      req.set("response_format", JsonWriting.responseFormat(request.responseFormat()));
      req.set("options", JsonWriting.options(request.options()));
      node.set("response", JsonWriting.response(call.response()));
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
          case "header" -> header = JsonReading.readHeader(node);
          case "step" -> {
            requireHeader();
            steps.add(readStep(node));
          }
          case "footer" -> {
            requireHeader();
            footer = JsonReading.readFooter(node);
          }
          case "resume" -> {
            requireHeader();
            resumes.add(JsonReading.readResume(node));
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
          JsonReading.instant(node.get("started_at")),
          JsonReading.instant(node.get("ended_at")),
          modelCall,
          JsonReading.list(node.get("tool_executions"), JsonReading::readToolExecution),
          JsonReading.readUsage(node.get("usage")),
          JsonReading.text(node, "summary"),
          node.hasNonNull("data") ? node.get("data") : null,
          JsonReading.text(node, "error"));
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
      messages.addAll(JsonReading.list(req.get("messages"), JsonReading::readMessage));
      requestMessages.put(index, List.copyOf(messages));
      JsonNode toolsNode = req.get("tools");
      List<ToolSpec> tools =
          toolsNode != null && toolsNode.isTextual() && "header".equals(toolsNode.asText())
              ? header.tools()
              : JsonReading.list(toolsNode, JsonReading::readToolSpec);
      ChatRequest request =
          new ChatRequest(
              messages,
              tools,
              JsonReading.readToolChoice(req.get("tool_choice")),
              req.hasNonNull("parallel_tool_calls")
                  ? req.get("parallel_tool_calls").asBoolean()
                  : null,
              JsonReading.readResponseFormat(req.get("response_format")),
              JsonReading.readOptions(req.get("options")));
      return new ModelCall(
          request,
          JsonReading.readResponse(node.path("response")),
          node.path("history_rewritten").asBoolean(false));
    }
  }
}
