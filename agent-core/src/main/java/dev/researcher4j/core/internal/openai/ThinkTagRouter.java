package dev.researcher4j.core.internal.openai;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Routes streamed answer text to the text or the reasoning channel as inline reasoning blocks
 * ({@code <think>…</think>}, {@code <thinking>}, {@code <reasoning>}) open and close.
 *
 * <p>A tag may arrive split over several deltas, so text that could be the start of a tag is held
 * back until the next delta (or {@link #flush()}) settles it. This is for live display only: the
 * final message is split again from the whole text by {@code ReasoningText}, which also handles a
 * closing tag without an opening one (a stream cannot know that case until the closing tag
 * arrives). Not thread-safe: one router per stream.
 */
public final class ThinkTagRouter {

  private static final List<String> OPEN = List.of("<think>", "<thinking>", "<reasoning>");
  private static final List<String> CLOSE = List.of("</think>", "</thinking>", "</reasoning>");

  /** Length of the longest tag: a held-back partial tag is always shorter. */
  private static final int LONGEST_TAG =
      CLOSE.stream().mapToInt(String::length).max().orElseThrow();

  private final Consumer<String> text;
  private final Consumer<String> reasoning;
  private final StringBuilder pending = new StringBuilder();
  private boolean inside;

  /** A router sending answer pieces to {@code text} and reasoning pieces to {@code reasoning}. */
  public ThinkTagRouter(Consumer<String> text, Consumer<String> reasoning) {
    this.text = Objects.requireNonNull(text, "text");
    this.reasoning = Objects.requireNonNull(reasoning, "reasoning");
  }

  /** Takes the next piece of streamed text. */
  public void feed(String delta) {
    if (delta == null || delta.isEmpty()) {
      return;
    }
    pending.append(delta);
    drain(false);
  }

  /** Emits whatever is held back; call once when the stream ends. */
  public void flush() {
    drain(true);
  }

  private void drain(boolean end) {
    while (pending.length() > 0) {
      String buffer = pending.toString();
      List<String> tags = inside ? CLOSE : OPEN;
      int at = -1;
      int tagLength = 0;
      // Every tag starts with '<': only those positions need looking at (most text has none).
      for (int i = buffer.indexOf('<'); i >= 0 && at < 0; i = buffer.indexOf('<', i + 1)) {
        for (String tag : tags) {
          if (buffer.regionMatches(true, i, tag, 0, tag.length())) {
            at = i;
            tagLength = tag.length();
            break;
          }
        }
      }
      if (at >= 0) {
        emit(buffer.substring(0, at));
        pending.delete(0, at + tagLength);
        inside = !inside;
        continue;
      }
      int keep = end ? 0 : partialTagSuffix(buffer, tags);
      emit(buffer.substring(0, buffer.length() - keep));
      pending.delete(0, buffer.length() - keep);
      return;
    }
  }

  /** The length of the longest end of {@code buffer} that could be the start of a tag. */
  private static int partialTagSuffix(String buffer, List<String> tags) {
    int lastOpen = buffer.lastIndexOf('<');
    if (lastOpen < 0 || buffer.length() - lastOpen >= LONGEST_TAG) {
      return 0;
    }
    int best = 0;
    for (String tag : tags) {
      for (int k = Math.min(tag.length() - 1, buffer.length()); k > best; k--) {
        if (buffer.regionMatches(true, buffer.length() - k, tag, 0, k)) {
          best = k;
          break;
        }
      }
    }
    return best;
  }

  private void emit(String piece) {
    if (!piece.isEmpty()) {
      (inside ? reasoning : text).accept(piece);
    }
  }
}
