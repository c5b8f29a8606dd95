package dev.researcher4j.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation with a model.
 *
 * <p>Assistant messages may carry {@linkplain #reasoning() reasoning} (the model's thinking, kept
 * apart from the answer text) and {@linkplain #toolCalls() tool calls}; tool messages carry the
 * {@linkplain #toolCallId() id of the call} they answer. Absent strings are empty, never {@code
 * null}.
 *
 * <p>{@linkplain #providerData() Provider data} holds what a provider needs back on the next turn
 * and these fields cannot carry, such as Anthropic's thinking blocks with their signatures. It is
 * keyed by provider, opaque to everything but that provider's {@link ChatModel}, recorded in
 * trajectories, and kept by {@link #withContent(String)} and {@link #withToolCalls(List)}.
 *
 * @param role who wrote it
 * @param content the text; empty for an assistant message that only calls tools
 * @param reasoning the model's reasoning, if it exposed any; never sent back to a model
 * @param toolCalls tool calls asked for by an assistant message; empty otherwise
 * @param toolCallId for a tool message, the id of the call it answers; empty otherwise
 * @param name for a tool message, the tool's name; empty otherwise
 * @param providerData provider-specific parts of the message, by provider name (e.g. {@code
 *     {"anthropic": {...}}}); an empty object when none; copied on the way in and out
 */
public record Message(
    Role role,
    String content,
    String reasoning,
    List<ToolCall> toolCalls,
    String toolCallId,
    String name,
    ObjectNode providerData) {

  /** Checks the fields and makes absent values empty. */
  public Message {
    Objects.requireNonNull(role, "role is required, but was null");
    content = Checks.text(content);
    reasoning = Checks.text(reasoning);
    toolCalls = Checks.list(toolCalls);
    toolCallId = Checks.text(toolCallId);
    name = Checks.text(name);
    providerData =
        providerData == null ? JsonNodeFactory.instance.objectNode() : providerData.deepCopy();
    if (role == Role.TOOL && toolCallId.isEmpty()) {
      throw new IllegalArgumentException("a tool message needs the toolCallId it answers");
    }
    if (role != Role.ASSISTANT && !toolCalls.isEmpty()) {
      throw new IllegalArgumentException("only assistant messages carry tool calls, not " + role);
    }
  }

  /** A message without provider data. */
  public Message(
      Role role,
      String content,
      String reasoning,
      List<ToolCall> toolCalls,
      String toolCallId,
      String name) {
    this(role, content, reasoning, toolCalls, toolCallId, name, null);
  }

  /** A system message. */
  public static Message system(String content) {
    return new Message(Role.SYSTEM, content, "", List.of(), "", "");
  }

  /** A user message. */
  public static Message user(String content) {
    return new Message(Role.USER, content, "", List.of(), "", "");
  }

  /** An assistant message with text only. */
  public static Message assistant(String content) {
    return new Message(Role.ASSISTANT, content, "", List.of(), "", "");
  }

  /** An assistant message with text (possibly empty), reasoning (possibly empty) and tool calls. */
  public static Message assistant(String content, String reasoning, List<ToolCall> toolCalls) {
    return new Message(Role.ASSISTANT, content, reasoning, toolCalls, "", "");
  }

  /** A tool message answering the call {@code toolCallId} of tool {@code name}. */
  public static Message tool(String toolCallId, String name, String content) {
    return new Message(Role.TOOL, content, "", List.of(), toolCallId, name);
  }

  /** Whether this is an assistant message that asks for at least one tool call. */
  public boolean hasToolCalls() {
    return !toolCalls.isEmpty();
  }

  /** A copy of the provider data; changing it does not change this message. */
  @Override
  public ObjectNode providerData() {
    return providerData.deepCopy();
  }

  /** A copy of this message with other content; everything else is kept. */
  public Message withContent(String newContent) {
    return new Message(role, newContent, reasoning, toolCalls, toolCallId, name, providerData);
  }

  /** A copy of this message with other tool calls; everything else is kept. */
  public Message withToolCalls(List<ToolCall> newToolCalls) {
    return new Message(role, content, reasoning, newToolCalls, toolCallId, name, providerData);
  }

  /** A copy of this message with other provider data ({@code null} for none). */
  public Message withProviderData(ObjectNode newProviderData) {
    return new Message(role, content, reasoning, toolCalls, toolCallId, name, newProviderData);
  }
}
