package dev.researcher4j.core.context;

import dev.researcher4j.api.Message;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.core.internal.cite.SourceIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The default {@link ContextPolicy}: older tool results become notes that keep source ids. */
final class KeepRecentToolResults implements ContextPolicy {

  static final String NOTE_PREFIX = "[Compacted to save context:";

  /** Results shorter than this are kept as they are: a note would not be much shorter. */
  private static final int SHORT_RESULT = 400;

  /** About what a note takes: with a short query and a source id or two, 30 to 50 tokens. */
  private static final int NOTE_TOKENS = 40;

  /** Kept results are never cut below this many characters. */
  private static final int MIN_KEPT_CHARS = 1_000;

  private final int keepRecent;

  KeepRecentToolResults(int keepRecent) {
    if (keepRecent < 0) {
      throw new IllegalArgumentException("keepRecent must be >= 0, but was " + keepRecent);
    }
    this.keepRecent = keepRecent;
  }

  @Override
  public List<Message> compact(CompactionRequest request) {
    List<Message> messages = new ArrayList<>(request.messages());
    List<Integer> toolIndexes = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).role() == Role.TOOL) {
        toolIndexes.add(i);
      }
    }
    Map<String, ToolCall> calls = callsById(messages);
    // Keep fewer and fewer results whole until the history fits; first try keeping every result
    // the model has not seen yet, which clearing stale results alone never touches.
    int first = Math.min(Math.max(keepRecent, unseenResults(messages)), toolIndexes.size());
    for (int keep = first; keep >= 0; keep--) {
      for (int i = 0; i < toolIndexes.size() - keep; i++) {
        int index = toolIndexes.get(i);
        messages.set(index, noteFor(messages.get(index), calls, request.sources()));
      }
      if (request.tokensOf(messages) <= request.targetTokens()) {
        return messages;
      }
    }
    // Still too large: shorten the longest messages other than the system prompt and the task.
    for (int round = 0;
        round < 20 && request.tokensOf(messages) > request.targetTokens();
        round++) {
      int longest = -1;
      for (int i = 2; i < messages.size(); i++) {
        int length = messages.get(i).content().length();
        if (length > MIN_KEPT_CHARS
            && (longest < 0 || length > messages.get(longest).content().length())) {
          longest = i;
        }
      }
      if (longest < 0) {
        break;
      }
      messages.set(longest, halve(messages.get(longest)));
    }
    return messages;
  }

  @Override
  public long reclaimableTokens(List<Message> messages, TokenEstimator estimator) {
    int kept = Math.max(keepRecent, unseenResults(messages));
    int recent = 0;
    long reclaimable = 0;
    for (int i = messages.size() - 1; i >= 0; i--) {
      Message message = messages.get(i);
      if (message.role() != Role.TOOL || recent++ < kept) {
        continue;
      }
      String content = message.content();
      if (!content.startsWith(NOTE_PREFIX) && content.length() >= SHORT_RESULT) {
        // Runs before every model call, so the note is not built here, only allowed for.
        reclaimable += Math.max(0, estimator.estimate(content) - NOTE_TOKENS);
      }
    }
    return reclaimable;
  }

  /**
   * The tool results after the last assistant message: the answers to the model's latest calls,
   * which it has not seen yet (a turn may have made more calls than {@code keepRecent}).
   */
  private static int unseenResults(List<Message> messages) {
    int unseen = 0;
    for (int i = messages.size() - 1; i >= 0 && messages.get(i).role() != Role.ASSISTANT; i--) {
      if (messages.get(i).role() == Role.TOOL) {
        unseen++;
      }
    }
    return unseen;
  }

  static Map<String, ToolCall> callsById(List<Message> messages) {
    Map<String, ToolCall> calls = new HashMap<>();
    for (Message message : messages) {
      for (ToolCall call : message.toolCalls()) {
        calls.put(call.id(), call);
      }
    }
    return calls;
  }

  static Message noteFor(Message tool, Map<String, ToolCall> calls, Map<String, Source> sources) {
    String content = tool.content();
    if (content.startsWith(NOTE_PREFIX) || content.length() < SHORT_RESULT) {
      return tool;
    }
    ToolCall call = calls.get(tool.toolCallId());
    String what = tool.name() + "(" + abbreviate(call == null ? "" : call.arguments(), 160) + ")";
    List<String> ids = SourceIds.find(content);
    StringBuilder note =
        new StringBuilder(NOTE_PREFIX).append(" the earlier result of ").append(what);
    if (ids.isEmpty()) {
      note.append(" showed no sources.");
    } else {
      note.append(" showed sources ")
          .append(describe(ids, sources))
          .append(". They stay citable by id.");
    }
    note.append(" Call a tool again if you need the details.]");
    return tool.withContent(note.toString());
  }

  static String describe(List<String> ids, Map<String, Source> sources) {
    StringBuilder text = new StringBuilder();
    for (String id : ids) {
      if (text.length() > 0) {
        text.append("; ");
      }
      text.append('[').append(id).append(']');
      Source source = sources.get(id);
      if (source != null && !source.title().isBlank()) {
        text.append(' ').append(abbreviate(source.title(), 80));
      }
    }
    return text.toString();
  }

  private static Message halve(Message message) {
    String content = message.content();
    List<String> ids = SourceIds.find(content);
    int keep = Math.max(MIN_KEPT_CHARS, content.length() / 2);
    String cut = content.substring(0, keep);
    StringBuilder text = new StringBuilder(cut).append("\n[… shortened to save context");
    if (!ids.isEmpty()) {
      text.append("; sources in the full text: ");
      ids.forEach(id -> text.append('[').append(id).append(']'));
    }
    text.append(']');
    return message.withContent(text.toString());
  }

  static String abbreviate(String text, int max) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= max ? flat : flat.substring(0, max) + "…";
  }
}
