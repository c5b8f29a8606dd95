package dev.researcher4j.core.internal.port;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Masks a run's secrets (the model's credentials and the secrets the agent was given) in everything
 * that enters the run from outside — model replies, tool results, sources, error messages — so that
 * nothing the run records, reports or logs can hold them, even when a model or a page echoes a key.
 * Values are masked where they appear literally; research text is otherwise left alone.
 * Thread-safe.
 */
public final class Scrubber {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** What a masked secret is replaced with. */
  public static final String MASK = "***";

  /** A scrubber that changes nothing. */
  public static final Scrubber NONE = new Scrubber(List.of(), UnaryOperator.identity());

  /** Secrets shorter than this are not masked: they would match ordinary text. */
  static final int MIN_SECRET_LENGTH = 6;

  private final List<String> secrets;
  private final UnaryOperator<String> modelScrub;

  /**
   * Masks {@code secrets} and whatever {@code modelScrub} (the model's own {@code scrubSecrets})
   * masks.
   */
  public Scrubber(List<String> secrets, UnaryOperator<String> modelScrub) {
    this.secrets =
        secrets.stream().filter(s -> s != null && s.length() >= MIN_SECRET_LENGTH).toList();
    this.modelScrub = Objects.requireNonNull(modelScrub, "modelScrub");
  }

  /** {@code text} with every secret masked; the same instance when there is none in it. */
  public String text(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (String secret : secrets) {
      if (result.contains(secret)) {
        result = result.replace(secret, MASK);
      }
    }
    String scrubbed = modelScrub.apply(result);
    return scrubbed == null ? result : scrubbed;
  }

  /**
   * {@code step} as it is recorded: secrets masked in the texts the run did not scrub on entry
   * (error messages, summaries), and its data as it reads back from JSON, so that a returned
   * trajectory equals the one read from its file (a long written as 3 reads back as an int node,
   * and nodes of different types are not equal).
   */
  public Step step(Step step) {
    JsonNode data = null;
    if (!step.data().isNull()) {
      try {
        data = JSON.readTree(text(JSON.writeValueAsString(step.data())));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("step data is not serialisable as JSON", e);
      }
    }
    return new Step(
        step.index(),
        step.kind(),
        step.startedAt(),
        step.endedAt(),
        step.modelCall(),
        step.toolExecutions(),
        step.usage(),
        text(step.summary()),
        data,
        text(step.error()));
  }

  /** {@code response} with its message scrubbed; the same instance when nothing changed. */
  public ChatResponse response(ChatResponse response) {
    Message message = message(response.message());
    if (message == response.message()) {
      return response;
    }
    return new ChatResponse(
        message,
        response.finishReason(),
        response.rawFinishReason(),
        response.usage(),
        response.model(),
        response.responseId(),
        response.latency(),
        response.retries(),
        response.tokens());
  }

  /** {@code message} with its text, reasoning and tool-call arguments scrubbed. */
  public Message message(Message message) {
    String content = text(message.content());
    String reasoning = text(message.reasoning());
    List<ToolCall> calls = new ArrayList<>();
    boolean changed = content != message.content() || reasoning != message.reasoning();
    for (ToolCall call : message.toolCalls()) {
      String arguments = text(call.arguments());
      changed |= arguments != call.arguments();
      calls.add(
          arguments == call.arguments() ? call : new ToolCall(call.id(), call.name(), arguments));
    }
    return changed
        ? new Message(
            message.role(),
            content,
            reasoning,
            calls,
            message.toolCallId(),
            message.name(),
            message.providerData())
        : message;
  }

  /** {@code source} with its title, address and excerpts scrubbed. */
  public Source source(Source source) {
    String title = text(source.title());
    String url = text(source.url());
    List<String> excerpts = new ArrayList<>();
    boolean changed = title != source.title() || url != source.url();
    for (String excerpt : source.excerpts()) {
      String clean = text(excerpt);
      changed |= clean != excerpt;
      excerpts.add(clean);
    }
    return changed
        ? new Source(source.id(), source.kind(), url, title, excerpts, source.attributes())
        : source;
  }

  /** {@code outcome} of a tool call with its texts and sources scrubbed. */
  public ToolOutcome toolOutcome(ToolOutcome outcome) {
    ToolExecution execution = outcome.execution();
    ToolResult result = execution.result();
    String content = text(result.content());
    List<Source> sources = result.sources().stream().map(this::source).toList();
    String shown = text(outcome.modelText());
    String detail = text(outcome.detail());
    boolean changed =
        content != result.content()
            || shown != outcome.modelText()
            || detail != outcome.detail()
            || !sources.equals(result.sources());
    if (!changed) {
      return outcome;
    }
    ToolExecution clean =
        new ToolExecution(
            execution.call(),
            new ToolResult(content, sources, result.error()),
            execution.status(),
            execution.sourceIds(),
            execution.startedAt(),
            execution.duration(),
            execution.attempts(),
            execution.truncated(),
            execution.childRunIds());
    return new ToolOutcome(clean, shown, detail, outcome.approval());
  }
}
