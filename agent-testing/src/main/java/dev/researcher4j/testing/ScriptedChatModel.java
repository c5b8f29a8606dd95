package dev.researcher4j.testing;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.Usage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import java.util.function.Predicate;

/**
 * A {@link ChatModel} that answers from a script, for tests without a live model.
 *
 * <p>Each call is answered by the first matching {@linkplain Builder#when rule}, else by the next
 * scripted reply in order, else by the {@linkplain Builder#otherwise fallback}; when all are
 * missing the call fails with an {@link IllegalStateException} naming the call. A reply is a
 * function of the request, so it can inspect the conversation, block on a latch to simulate
 * latency, advance a {@link FakeClock}, or throw to simulate a provider failure. Every request is
 * recorded.
 *
 * <pre>{@code
 * ScriptedChatModel model = ScriptedChatModel.builder()
 *     .reply(ScriptedChatModel.toolCalls(new ToolCall("c1", "web_search", "{\"query\":\"x\"}")))
 *     .reply(ScriptedChatModel.text("Answer: 42\n\nThe answer is 42 [S1]."))
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe: concurrent runs may share one instance (script order is then the order of
 * arrival).
 */
public final class ScriptedChatModel implements ChatModel {

  /** Answers one request; may block or throw. */
  @FunctionalInterface
  public interface Reply {
    /** The response to {@code request}. */
    ChatResponse answer(ChatRequest request) throws Exception;
  }

  private record Rule(Predicate<ChatRequest> condition, Reply reply) {}

  private final List<Rule> rules;
  private final Deque<Reply> script;
  private final Reply fallback;
  private final ModelInfo info;
  private final double inputPerMillion;
  private final double outputPerMillion;
  private final List<String> secrets;
  private final List<ChatRequest> requests = new ArrayList<>();

  private ScriptedChatModel(Builder b) {
    this.rules = List.copyOf(b.rules);
    this.script = new ArrayDeque<>(b.script);
    this.fallback = b.fallback;
    this.info = b.info;
    this.inputPerMillion = b.inputPerMillion;
    this.outputPerMillion = b.outputPerMillion;
    this.secrets = List.copyOf(b.secrets);
  }

  /** A model answering with these responses, in order. */
  public static ScriptedChatModel of(ChatResponse... responses) {
    Builder b = builder();
    Arrays.stream(responses).forEach(b::reply);
    return b.build();
  }

  /** A model answering every request with {@code reply}. */
  public static ScriptedChatModel answering(Reply reply) {
    return builder().otherwise(reply).build();
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A plain text answer (finish reason STOP). */
  public static ChatResponse text(String content) {
    return ChatResponse.of(Message.assistant(content));
  }

  /** An answer asking for these tool calls (finish reason TOOL_CALLS). */
  public static ChatResponse toolCalls(ToolCall... calls) {
    return ChatResponse.of(Message.assistant("", "", List.of(calls)));
  }

  /** One tool call with arguments given as JSON text. */
  public static ToolCall call(String id, String name, String argumentsJson) {
    return new ToolCall(id, name, argumentsJson);
  }

  /** {@code response} with this usage reported. */
  public static ChatResponse withUsage(ChatResponse response, Usage usage) {
    return response.withUsage(usage);
  }

  /** {@code response} stopped by the provider's content filter (finish reason CONTENT_FILTER). */
  public static ChatResponse filtered(ChatResponse response) {
    return new ChatResponse(
        response.message(),
        FinishReason.CONTENT_FILTER,
        "content_filter",
        response.usage(),
        response.model(),
        response.responseId(),
        Duration.ZERO,
        response.retries(),
        response.tokens());
  }

  /** {@code response} cut off by the token limit (finish reason LENGTH). */
  public static ChatResponse cutOff(ChatResponse response) {
    return new ChatResponse(
        response.message(),
        FinishReason.LENGTH,
        "length",
        response.usage(),
        response.model(),
        response.responseId(),
        Duration.ZERO,
        response.retries(),
        response.tokens());
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    Reply reply;
    int number;
    synchronized (this) {
      requests.add(request);
      number = requests.size();
      reply = choose(request);
    }
    if (reply == null) {
      throw new IllegalStateException(
          "ScriptedChatModel has no reply for call #"
              + number
              + " (script exhausted, no rule matched, no fallback); last message: "
              + abbreviate(request.messages().get(request.messages().size() - 1).content()));
    }
    try {
      return priced(reply.answer(request));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      CancellationException cancelled = new CancellationException("scripted call interrupted");
      cancelled.initCause(e);
      throw cancelled;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("scripted reply threw " + e, e);
    }
  }

  private Reply choose(ChatRequest request) {
    for (Rule rule : rules) {
      if (rule.condition().test(request)) {
        return rule.reply();
      }
    }
    Reply next = script.pollFirst();
    return next != null ? next : fallback;
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  /** The price set with {@link Builder#price}, or empty. */
  @Override
  public OptionalDouble costOf(long inputTokens, long outputTokens) {
    if (Double.isNaN(inputPerMillion)) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(
        (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000);
  }

  /** Masks the credentials given with {@link Builder#secret}, as a real client masks its key. */
  @Override
  public String scrubSecrets(String text) {
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, "***");
    }
    return result;
  }

  /** With a price set, a response whose usage has no cost gets the cost of its tokens. */
  private ChatResponse priced(ChatResponse response) {
    if (response == null || Double.isNaN(inputPerMillion) || response.usage().costUsd() > 0) {
      return response;
    }
    Usage usage = response.usage();
    return response.withUsage(
        usage.withCost(costOf(usage.inputTokens(), usage.outputTokens()).orElse(0)));
  }

  /** Every request received so far, in order of arrival. */
  public synchronized List<ChatRequest> requests() {
    return List.copyOf(requests);
  }

  /** How many requests were received. */
  public synchronized int callCount() {
    return requests.size();
  }

  /** How many scripted replies are still unused. */
  public synchronized int remainingReplies() {
    return script.size();
  }

  private static String abbreviate(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= 160 ? flat : flat.substring(0, 160) + "…";
  }

  /** Builds a {@link ScriptedChatModel}. Not thread-safe. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();
    private final List<Reply> script = new ArrayList<>();
    private Reply fallback;
    private ModelInfo info = ModelInfo.of("scripted", "scripted-model");
    private double inputPerMillion = Double.NaN;
    private double outputPerMillion = Double.NaN;
    private final List<String> secrets = new ArrayList<>();

    private Builder() {}

    /** A credential this model holds, masked by {@link ChatModel#scrubSecrets}. */
    public Builder secret(String secret) {
      secrets.add(Objects.requireNonNull(secret, "secret"));
      return this;
    }

    /**
     * Gives the model a price, in US dollars per million input and output tokens, so runs with a
     * cost budget can check calls before they are sent; responses without a cost get the cost of
     * their usage. Default: no price.
     */
    public Builder price(double inputPerMillion, double outputPerMillion) {
      if (!(inputPerMillion >= 0) || !(outputPerMillion >= 0)) {
        throw new IllegalArgumentException(
            "prices must be >= 0, but were " + inputPerMillion + " and " + outputPerMillion);
      }
      this.inputPerMillion = inputPerMillion;
      this.outputPerMillion = outputPerMillion;
      return this;
    }

    /** Appends a fixed response to the script. */
    public Builder reply(ChatResponse response) {
      Objects.requireNonNull(response, "response");
      script.add(request -> response);
      return this;
    }

    /** Appends a reply computed from the request (may block or throw). */
    public Builder reply(Reply reply) {
      script.add(Objects.requireNonNull(reply, "reply"));
      return this;
    }

    /** Appends a plain text answer. */
    public Builder text(String content) {
      return reply(ScriptedChatModel.text(content));
    }

    /** Appends an answer asking for tool calls. */
    public Builder toolCalls(ToolCall... calls) {
      return reply(ScriptedChatModel.toolCalls(calls));
    }

    /** Appends a failure: the call throws {@code error}. */
    public Builder fail(RuntimeException error) {
      Objects.requireNonNull(error, "error");
      script.add(
          request -> {
            throw error;
          });
      return this;
    }

    /**
     * Answers every request matching {@code condition} with {@code reply}, before the script (for
     * example planner or verifier requests, told apart by their response format name).
     */
    public Builder when(Predicate<ChatRequest> condition, Reply reply) {
      rules.add(
          new Rule(
              Objects.requireNonNull(condition, "condition"),
              Objects.requireNonNull(reply, "reply")));
      return this;
    }

    /** Answers requests after the script is used up; default: none (such calls fail). */
    public Builder otherwise(Reply reply) {
      this.fallback = Objects.requireNonNull(reply, "reply");
      return this;
    }

    /** What {@link ChatModel#info()} reports; default provider {@code scripted}, 32k window. */
    public Builder info(ModelInfo info) {
      this.info = Objects.requireNonNull(info, "info");
      return this;
    }

    /** Builds the model. */
    public ScriptedChatModel build() {
      return new ScriptedChatModel(this);
    }
  }
}
