package dev.researcher4j.core.trajectory.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelCall;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a trajectory into rows of OpenAI's chat fine-tuning format (one JSON object per JSONL
 * line): {@code messages}, {@code tools} and, when the run set it, {@code parallel_tool_calls}.
 *
 * <p>Messages are written as the model saw them: {@code system}/{@code user} with {@code content};
 * {@code assistant} with {@code content} (left out when the turn only called tools), its {@code
 * tool_calls} as {@code [{id, type: "function", function: {name, arguments}}]} with the arguments
 * as the JSON string the model wrote, and a {@code weight}; {@code tool} with {@code tool_call_id}
 * and {@code content}. Reasoning is not written (the format has no place for it). Only assistant
 * messages carry {@code weight} (OpenAI accepts it only there): 1 for turns this run generated, 0
 * for assistant messages it was given (few-shot examples, compaction notes).
 *
 * <p>{@link #of} makes one row per stretch of the conversation: normally one row for the whole run,
 * the last model call's messages plus its reply; when context management rewrote the history
 * ({@link ModelCall#historyRewritten()}), the conversation before the rewrite ends a row of its
 * own, so that no row trains on turns the model never saw in that order. {@link #perTurn} makes one
 * row per model call, training only its reply. Only model calls of the act loop ({@code MODEL}
 * steps) are used; planning and verification calls are separate conversations.
 *
 * <p>Stateless and thread-safe.
 */
public final class FineTuningRows {
  private FineTuningRows() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One row per stretch of the conversation between history rewrites; none without model calls. */
  public static List<ObjectNode> of(Trajectory trajectory) {
    Objects.requireNonNull(trajectory, "trajectory");
    List<ModelCall> calls = actCalls(trajectory);
    Set<String> generated = generated(calls);
    List<ObjectNode> rows = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      boolean lastOfStretch = i == calls.size() - 1 || calls.get(i + 1).historyRewritten();
      if (lastOfStretch) {
        rows.add(row(trajectory, calls.get(i), generated, false));
      }
    }
    return rows;
  }

  /** One row per model call: the messages it was sent and its reply, only the reply trained. */
  public static List<ObjectNode> perTurn(Trajectory trajectory) {
    Objects.requireNonNull(trajectory, "trajectory");
    List<ObjectNode> rows = new ArrayList<>();
    for (ModelCall call : actCalls(trajectory)) {
      rows.add(row(trajectory, call, Set.of(), true));
    }
    return rows;
  }

  /** One message in the fine-tuning format; {@code weight} is written for assistant messages. */
  public static ObjectNode message(Message message, int weight) {
    ObjectNode node = NODES.objectNode();
    node.put("role", message.role().name().toLowerCase(Locale.ROOT));
    if (message.role() == Role.TOOL) {
      node.put("tool_call_id", message.toolCallId());
      node.put("content", message.content());
      return node;
    }
    if (message.role() != Role.ASSISTANT
        || !message.content().isEmpty()
        || !message.hasToolCalls()) {
      node.put("content", message.content());
    }
    if (message.hasToolCalls()) {
      ArrayNode calls = node.putArray("tool_calls");
      for (ToolCall call : message.toolCalls()) {
        ObjectNode entry = calls.addObject();
        entry.put("id", call.id());
        entry.put("type", "function");
        ObjectNode function = entry.putObject("function");
        function.put("name", call.name());
        function.put("arguments", call.arguments().isBlank() ? "{}" : call.arguments());
      }
    }
    if (message.role() == Role.ASSISTANT) {
      node.put("weight", weight);
    }
    return node;
  }

  /** A tool spec in the format's {@code tools} list. */
  public static ObjectNode tool(ToolSpec spec) {
    ObjectNode node = NODES.objectNode();
    node.put("type", "function");
    ObjectNode function = node.putObject("function");
    function.put("name", spec.name());
    if (!spec.description().isEmpty()) {
      function.put("description", spec.description());
    }
    function.set("parameters", spec.parameters());
    return node;
  }

  private static ObjectNode row(
      Trajectory trajectory, ModelCall call, Set<String> generated, boolean onlyLastTrained) {
    ChatRequest request = call.request();
    ObjectNode row = NODES.objectNode();
    ArrayNode messages = row.putArray("messages");
    for (Message m : request.messages()) {
      if (m.role() == Role.ASSISTANT) {
        messages.add(message(m, !onlyLastTrained && generated.contains(fingerprint(m)) ? 1 : 0));
      } else {
        messages.add(message(m, 0));
      }
    }
    messages.add(message(call.response().message(), 1));
    List<ToolSpec> tools =
        request.tools().isEmpty() ? trajectory.header().tools() : request.tools();
    if (!tools.isEmpty()) {
      ArrayNode list = row.putArray("tools");
      tools.forEach(t -> list.add(tool(t)));
    }
    if (request.parallelToolCalls() != null) {
      row.put("parallel_tool_calls", request.parallelToolCalls());
    }
    return row;
  }

  private static List<ModelCall> actCalls(Trajectory trajectory) {
    List<ModelCall> calls = new ArrayList<>();
    for (Step step : trajectory.steps()) {
      if (step.kind() == StepKind.MODEL && step.modelCall() != null) {
        calls.add(step.modelCall());
      }
    }
    return calls;
  }

  private static Set<String> generated(List<ModelCall> calls) {
    Set<String> seen = new HashSet<>();
    for (ModelCall call : calls) {
      seen.add(fingerprint(call.response().message()));
    }
    return seen;
  }

  // Content and tool calls identify a turn; reasoning does not, because loops strip it before
  // sending the history back.
  private static String fingerprint(Message m) {
    StringBuilder key = new StringBuilder(m.content()).append('\u0000');
    for (ToolCall call : m.toolCalls()) {
      key.append(call.id())
          .append('\u0001')
          .append(call.name())
          .append('\u0001')
          .append(call.arguments())
          .append('\u0000');
    }
    return key.toString();
  }
}
