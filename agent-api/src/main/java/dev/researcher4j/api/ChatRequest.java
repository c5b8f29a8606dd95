package dev.researcher4j.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One call to a {@link ChatModel}: the conversation so far, the tools the model may call, and how
 * it should answer.
 *
 * @param messages the conversation, oldest first; at least one message
 * @param tools the tools the model may call; empty for none
 * @param toolChoice whether and which tools the model may or must call
 * @param parallelToolCalls whether the model may ask for several tool calls in one turn; {@code
 *     null} leaves the provider's default
 * @param responseFormat the shape of the answer
 * @param options sampling options overriding the client's defaults
 */
public record ChatRequest(
    List<Message> messages,
    List<ToolSpec> tools,
    ToolChoice toolChoice,
    Boolean parallelToolCalls,
    ResponseFormat responseFormat,
    ChatOptions options) {

  /** Checks the fields. */
  public ChatRequest {
    messages = Checks.list(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat request needs at least one message");
    }
    tools = Checks.list(tools);
    toolChoice = toolChoice == null ? ToolChoice.AUTO : toolChoice;
    responseFormat = responseFormat == null ? ResponseFormat.TEXT : responseFormat;
    options = options == null ? ChatOptions.NONE : options;
    if (toolChoice.mode() == ToolChoice.Mode.TOOL) {
      String wanted = toolChoice.toolName();
      if (tools.stream().noneMatch(t -> t.name().equals(wanted))) {
        throw new IllegalArgumentException("toolChoice names " + wanted + ", which is not a tool");
      }
    }
  }

  /** A request of these messages with no tools and default options. */
  public static ChatRequest of(List<Message> messages) {
    return builder().messages(messages).build();
  }

  /** A request of one user message. */
  public static ChatRequest of(String userMessage) {
    return builder().addMessage(Message.user(userMessage)).build();
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this request. */
  public Builder toBuilder() {
    return new Builder()
        .messages(messages)
        .tools(tools)
        .toolChoice(toolChoice)
        .parallelToolCalls(parallelToolCalls)
        .responseFormat(responseFormat)
        .options(options);
  }

  /** Builds a {@link ChatRequest}. Not thread-safe. */
  public static final class Builder {
    private final List<Message> messages = new ArrayList<>();
    private final List<ToolSpec> tools = new ArrayList<>();
    private ToolChoice toolChoice = ToolChoice.AUTO;
    private Boolean parallelToolCalls;
    private ResponseFormat responseFormat = ResponseFormat.TEXT;
    private ChatOptions options = ChatOptions.NONE;

    private Builder() {}

    /** Replaces the messages. */
    public Builder messages(List<Message> messages) {
      this.messages.clear();
      this.messages.addAll(Objects.requireNonNull(messages, "messages"));
      return this;
    }

    /** Appends one message. */
    public Builder addMessage(Message message) {
      messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    /** Replaces the tools. */
    public Builder tools(List<ToolSpec> tools) {
      this.tools.clear();
      this.tools.addAll(Objects.requireNonNull(tools, "tools"));
      return this;
    }

    /** Sets the tool choice; default {@link ToolChoice#AUTO}. */
    public Builder toolChoice(ToolChoice toolChoice) {
      this.toolChoice = Objects.requireNonNull(toolChoice, "toolChoice");
      return this;
    }

    /** Allows or forbids several tool calls per turn; default: the provider's default. */
    public Builder parallelToolCalls(Boolean parallelToolCalls) {
      this.parallelToolCalls = parallelToolCalls;
      return this;
    }

    /** Sets the response format; default {@link ResponseFormat#TEXT}. */
    public Builder responseFormat(ResponseFormat responseFormat) {
      this.responseFormat = Objects.requireNonNull(responseFormat, "responseFormat");
      return this;
    }

    /** Sets sampling options; default {@link ChatOptions#NONE}. */
    public Builder options(ChatOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Builds the request. */
    public ChatRequest build() {
      return new ChatRequest(
          messages, tools, toolChoice, parallelToolCalls, responseFormat, options);
    }
  }
}
