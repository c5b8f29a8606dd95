package dev.researcher4j.core.internal.loop;

import dev.researcher4j.api.Message;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.core.internal.json.ReasoningText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a model's reply into the message that goes into the conversation: tool calls written as
 * text markup become real tool calls, and every tool call gets a usable id (some servers send none,
 * or repeat one). Pure.
 */
public final class Replies {
  private Replies() {}

  /**
   * The normalized reply.
   *
   * @param message the message for the conversation
   * @param unreadableCalls why tool-call markup in the text could not be read, or empty
   */
  public record Normalized(Message message, String unreadableCalls) {}

  /**
   * Normalizes {@code reply}, the answer of step {@code stepIndex}.
   *
   * @param toolNames the run's tools (a bare JSON reply counts as a call only if it names one)
   */
  public static Normalized normalize(Message reply, int stepIndex, Set<String> toolNames) {
    Message message = reply;
    String unreadable = "";
    if (!reply.hasToolCalls() && !reply.content().isBlank()) {
      ReasoningText.Split split = ReasoningText.split(reply.content());
      TextToolCalls.Result found = TextToolCalls.find(split.answer(), toolNames);
      if (found.hasMarkup()) {
        List<ToolCall> calls = new ArrayList<>();
        for (TextToolCalls.Found call : found.calls()) {
          calls.add(new ToolCall("", call.name(), call.arguments()));
        }
        String content =
            split.reasoning().isEmpty()
                ? found.rest()
                : "<think>" + split.reasoning() + "</think>" + found.rest();
        message = reply.withContent(content).withToolCalls(calls);
        unreadable = found.unreadable();
      }
    }
    return new Normalized(withUsableCallIds(message, stepIndex), unreadable);
  }

  private static Message withUsableCallIds(Message reply, int stepIndex) {
    if (!reply.hasToolCalls()) {
      return reply;
    }
    Set<String> seen = new HashSet<>();
    List<ToolCall> calls = new ArrayList<>();
    boolean changed = false;
    int n = 0;
    for (ToolCall call : reply.toolCalls()) {
      n++;
      if (call.id().isBlank() || !seen.add(call.id())) {
        call = new ToolCall("call_" + stepIndex + "_" + n, call.name(), call.arguments());
        seen.add(call.id());
        changed = true;
      }
      calls.add(call);
    }
    return changed ? reply.withToolCalls(calls) : reply;
  }
}
