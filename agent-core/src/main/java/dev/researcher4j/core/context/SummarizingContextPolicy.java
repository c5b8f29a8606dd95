package dev.researcher4j.core.context;

import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.core.internal.cite.SourceIds;
import dev.researcher4j.core.internal.json.ReasoningText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link ContextPolicy} that has the model summarise older research into notes. */
final class SummarizingContextPolicy implements ContextPolicy {

  private static final Logger LOG = LoggerFactory.getLogger(SummarizingContextPolicy.class);

  static final String NOTES_PREFIX =
      "Notes on the research so far (older messages were summarised to save context):";

  /** Longest piece of one tool result shown to the summariser. */
  private static final int MAX_RESULT_CHARS = 4_000;

  private final int keepRecent;
  private final KeepRecentToolResults fallback;

  SummarizingContextPolicy(int keepRecent) {
    if (keepRecent < 0) {
      throw new IllegalArgumentException("keepRecent must be >= 0, but was " + keepRecent);
    }
    this.keepRecent = keepRecent;
    this.fallback = new KeepRecentToolResults(keepRecent);
  }

  @Override
  public List<Message> compact(CompactionRequest request) {
    List<Message> messages = request.messages();
    int cut = cutPoint(messages);
    // messages[0] is the system prompt and messages[1] the task; both stay.
    if (cut <= 2 || request.summaryPrompt().isBlank()) {
      return fallback.compact(request);
    }
    List<Message> older = messages.subList(2, cut);
    String notes;
    try {
      ChatResponse response =
          request
              .model()
              .chat(
                  ChatRequest.builder()
                      .addMessage(Message.system(request.summaryPrompt()))
                      .addMessage(
                          Message.user(
                              "Research question and task:\n"
                                  + messages.get(1).content()
                                  + "\n\nConversation to summarise:\n"
                                  + transcript(older, request.targetTokens())))
                      .build());
      notes = ReasoningText.split(response.text()).answer();
    } catch (ResearchException e) {
      LOG.debug("summary call failed, keeping recent tool results instead: {}", e.getMessage());
      return fallback.compact(request);
    }
    if (notes.isBlank()) {
      return fallback.compact(request);
    }
    List<String> ids = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Message message : older) {
      seen.addAll(SourceIds.find(message.content()));
    }
    ids.addAll(seen);
    StringBuilder text = new StringBuilder(NOTES_PREFIX).append("\n\n").append(notes.strip());
    if (!ids.isEmpty()) {
      text.append("\n\nSources seen in that part, still citable by id: ")
          .append(KeepRecentToolResults.describe(ids, request.sources()))
          .append('.');
    }
    List<Message> compacted = new ArrayList<>();
    compacted.add(messages.get(0));
    compacted.add(messages.get(1));
    compacted.add(Message.user(text.toString()));
    compacted.addAll(messages.subList(cut, messages.size()));
    if (request.tokensOf(compacted) <= request.targetTokens()) {
      return compacted;
    }
    return fallback.compact(
        new CompactionRequest(
            compacted,
            request.tokensOf(compacted),
            request.targetTokens(),
            request.estimator(),
            request.sources(),
            request.model(),
            request.summaryPrompt()));
  }

  /**
   * The index of the assistant message that starts the exchange holding the {@code keepRecent}-th
   * last tool result (or the end when {@code keepRecent} is 0), so no call is split from its
   * results.
   */
  private int cutPoint(List<Message> messages) {
    List<Integer> exchanges = new ArrayList<>();
    for (int i = 2; i < messages.size(); i++) {
      if (messages.get(i).role() == Role.ASSISTANT && messages.get(i).hasToolCalls()) {
        exchanges.add(i);
      }
    }
    if (keepRecent == 0) {
      return messages.size();
    }
    if (exchanges.size() <= keepRecent) {
      return 2;
    }
    return exchanges.get(exchanges.size() - keepRecent);
  }

  private static String transcript(List<Message> older, long targetTokens) {
    StringBuilder text = new StringBuilder();
    long maxChars = Math.max(8_000, targetTokens * 3);
    for (Message message : older) {
      if (text.length() > maxChars) {
        text.append("\n[… older messages omitted]");
        break;
      }
      switch (message.role()) {
        case ASSISTANT -> {
          if (!message.content().isBlank()) {
            text.append("\nAssistant: ").append(message.content().strip());
          }
          for (ToolCall call : message.toolCalls()) {
            text.append("\nAssistant called ")
                .append(call.name())
                .append(' ')
                .append(call.arguments());
          }
        }
        case TOOL -> {
          String content = message.content();
          if (content.length() > MAX_RESULT_CHARS) {
            content = content.substring(0, MAX_RESULT_CHARS) + " […]";
          }
          text.append("\nResult of ").append(message.name()).append(":\n").append(content);
        }
        default ->
            text.append("\n")
                .append(message.role().name().toLowerCase(java.util.Locale.ROOT))
                .append(": ")
                .append(message.content());
      }
    }
    return text.toString();
  }
}
