package dev.researcher4j.core.human;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.core.tool.ToolPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code ask_user} tool: the agent asks the person it works for a question through a {@link
 * HumanChannel}, for what no source can settle (their preference, the scope they mean, a private
 * fact, a go-ahead).
 *
 * <p>Every question and its outcome is a tool call in the trajectory: the question in the
 * arguments, the reply in the result. A reply is an ordinary observation; a person who declines, or
 * no reply within {@link #timeout()}, is an observation too, telling the model to go on with an
 * assumption it states in the report. Each run may ask at most {@link #maxQuestions()} questions;
 * later ones are refused without reaching the person.
 *
 * <p>Defaults: {@link #DEFAULT_TIMEOUT}, {@value #DEFAULT_MAX_QUESTIONS} questions a run. Register
 * it with {@link #policy()}, whose timeout outlasts the wait for an answer. Immutable and
 * thread-safe if the channel is.
 */
public final class AskUserTool implements Tool {

  /** The tool's name. */
  public static final String NAME = "ask_user";

  /** Default longest wait for a reply. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  /** Default most questions one run may ask. */
  public static final int DEFAULT_MAX_QUESTIONS = 3;

  private final HumanChannel channel;
  private final Duration timeout;
  private final int maxQuestions;

  private AskUserTool(Builder b) {
    this.channel = b.channel;
    this.timeout = b.timeout;
    this.maxQuestions = b.maxQuestions;
  }

  /** The tool asking through {@code channel}, with the default time limit and budget. */
  public static AskUserTool of(HumanChannel channel) {
    return builder(channel).build();
  }

  /** A builder asking through {@code channel}. */
  public static Builder builder(HumanChannel channel) {
    return new Builder(channel);
  }

  /** Longest wait for a reply before the agent goes on without one. */
  public Duration timeout() {
    return timeout;
  }

  /** Most questions one run may ask. */
  public int maxQuestions() {
    return maxQuestions;
  }

  /**
   * The policy to register this tool with: a timeout a minute longer than the wait for a reply, and
   * no cache of repeated calls (asking again may get another answer).
   */
  public ToolPolicy policy() {
    return ToolPolicy.custom()
        .timeout(timeout.plus(Duration.ofMinutes(1)))
        .cacheRepeatedCalls(false)
        .build();
  }

  @Override
  public ToolSpec spec() {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    ObjectNode props = schema.putObject("properties");
    props
        .putObject("question")
        .put("type", "string")
        .put("description", "One clear question the person can answer in a sentence.");
    props
        .putObject("why")
        .put("type", "string")
        .put("description", "Why the answer matters to the research (optional, one sentence).");
    ObjectNode options = props.putObject("options");
    options.put("type", "array");
    options.putObject("items").put("type", "string");
    options.put("description", "Suggested answers to choose from (optional).");
    schema.putArray("required").add("question");
    return ToolSpec.of(
        NAME,
        "Ask the person you are working for a question, only when no source can settle it: their"
            + " preference, which of several meanings they intend, a fact only they know, or"
            + " whether to go ahead. Never ask what you can look up. At most "
            + maxQuestions
            + " questions per task; if no answer comes within "
            + human(timeout)
            + ", continue with a reasonable assumption and state it in the report.",
        schema);
  }

  @Override
  public ToolResult execute(ToolCall call, ToolContext context) {
    JsonNode args = call.parsedArguments();
    String question = args.path("question").asText("").strip();
    if (question.isEmpty()) {
      return ToolResult.error("ask_user needs a 'question' argument: what to ask the person.");
    }
    QuestionCount count = context.runScoped(QuestionCount.class, QuestionCount::new);
    int number = count.asked.incrementAndGet();
    if (number > maxQuestions) {
      return ToolResult.error(
          "Not asked: this task may ask the person at most "
              + maxQuestions
              + (maxQuestions == 1 ? " question" : " questions")
              + ", and they have been asked. Go on without the answer: choose a reasonable"
              + " assumption and state it in the report.");
    }
    List<String> choices = new ArrayList<>();
    args.path("options").forEach(o -> choices.add(o.asText()));
    HumanQuestion asked =
        new HumanQuestion(
            context.runId(),
            context.toolCallId(),
            question,
            args.path("why").asText("").strip(),
            choices,
            context.clock().instant());
    CompletableFuture<HumanReply> reply;
    try {
      reply = channel.ask(asked).toCompletableFuture();
    } catch (RuntimeException e) {
      return unreachable(e);
    }
    try {
      HumanReply answer = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (answer == null) {
        return unreachable(new IllegalStateException("the channel replied with nothing"));
      }
      if (answer.answered()) {
        return ToolResult.of("The person answered: " + answer.text());
      }
      return ToolResult.of(
          "The person declined to answer"
              + (answer.text().isBlank() ? "" : " (" + answer.text().strip() + ")")
              + ". Go on without the answer: choose a reasonable assumption and state it in the"
              + " report.");
    } catch (TimeoutException e) {
      reply.cancel(false);
      return ToolResult.of(
          "No answer within "
              + human(timeout)
              + ". Go on without it: choose a reasonable assumption and state it in the report as"
              + " an assumption.");
    } catch (InterruptedException e) {
      reply.cancel(false);
      Thread.currentThread().interrupt();
      return ToolResult.error("The run was cancelled while waiting for the person's answer.");
    } catch (ExecutionException | CancellationException e) {
      return unreachable(e.getCause() == null ? e : e.getCause());
    }
  }

  private static ToolResult unreachable(Throwable e) {
    return ToolResult.error(
        "The person could not be reached ("
            + e.getMessage()
            + "). Go on without the answer: choose a reasonable assumption and state it in the"
            + " report.");
  }

  private static String human(Duration d) {
    long seconds = d.toSeconds();
    if (seconds >= 60 && seconds % 60 == 0) {
      return (seconds / 60) + (seconds == 60 ? " minute" : " minutes");
    }
    return seconds >= 1 ? seconds + " s" : d.toMillis() + " ms";
  }

  /** How many questions a run has asked; run-scoped. */
  static final class QuestionCount {
    final AtomicInteger asked = new AtomicInteger();
  }

  /** Builds an {@link AskUserTool}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private final HumanChannel channel;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxQuestions = DEFAULT_MAX_QUESTIONS;

    private Builder(HumanChannel channel) {
      this.channel = Objects.requireNonNull(channel, "channel is required, but was null");
    }

    /** Longest wait for a reply; positive. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout is required, but was null");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** Most questions one run may ask; at least 1. */
    public Builder maxQuestions(int maxQuestions) {
      if (maxQuestions < 1) {
        throw new IllegalArgumentException(
            "maxQuestions must be at least 1, but was " + maxQuestions);
      }
      this.maxQuestions = maxQuestions;
      return this;
    }

    /** The tool. */
    public AskUserTool build() {
      return new AskUserTool(this);
    }
  }
}
